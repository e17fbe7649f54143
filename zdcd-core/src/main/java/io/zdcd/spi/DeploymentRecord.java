package io.zdcd.spi;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One deployment as the journal knows it: who started it, what it shipped, every step entry, and how it ended.
 *
 * <p>{@code toString()} reads like {@code DeploymentRecord[#7 acme NIGHTLY Build[3f2c1a9] by ci@build-1, unfinished,
 * 9 entries]}.
 *
 * @param id        the journal's id of the deployment
 * @param app       the app
 * @param build     the build it ships
 * @param mode      continuous or nightly
 * @param holder    who ran it (user@host, CI job...)
 * @param startedAt when it started
 * @param endedAt   when it ended; empty while it runs, after a crash, or while recovery is still owed
 * @param succeeded whether it ended with the build deployed (false while unfinished)
 * @param summary   how it ended, in one line (empty while unfinished)
 * @param entries   the step entries, in the order they were written
 */
public record DeploymentRecord(String id, String app, Build build, DeploymentMode mode, String holder,
                               Instant startedAt, Optional<Instant> endedAt, boolean succeeded, String summary,
                               List<JournalEntry> entries) {
    /**
     * Copies the list; a null {@code holder} becomes empty; the other components must not be null.
     *
     * @param id        the journal's id of the deployment; not null
     * @param app       the app deployed; not null
     * @param build     the build it ships; not null
     * @param mode      continuous or nightly; not null
     * @param holder    who ran it (user@host, CI job...); null becomes empty
     * @param startedAt when it started; not null
     * @param endedAt   when it ended; empty (never null) while it runs, after a crash, or while recovery is owed
     * @param succeeded whether it ended with the build deployed; false while unfinished
     * @param summary   how it ended, in one line; null becomes empty
     * @param entries   the step entries, oldest first; copied, must not be null
     */
    public DeploymentRecord {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(app, "app");
        Objects.requireNonNull(build, "build");
        Objects.requireNonNull(mode, "mode");
        holder = holder == null ? "" : holder;
        Objects.requireNonNull(startedAt, "startedAt");
        Objects.requireNonNull(endedAt, "endedAt");
        summary = summary == null ? "" : summary;
        entries = List.copyOf(entries);
    }

    /**
     * Whether the deployment has not ended (running, crashed, or its recovery is not done).
     *
     * @return true when {@link #endedAt()} is empty
     */
    public boolean isUnfinished() {
        return endedAt.isEmpty();
    }

    /**
     * The last entry of a step, if the step was journaled.
     *
     * @param step the step to look for
     * @return the latest-written entry of {@code step} (its STARTED, SUCCEEDED or FAILED line, whichever came last),
     *         or empty when the journal has none
     */
    public Optional<JournalEntry> last(StepKind step) {
        for (int i = entries.size() - 1; i >= 0; i--) {
            if (entries.get(i).step() == step) {
                return Optional.of(entries.get(i));
            }
        }
        return Optional.empty();
    }

    @Override
    public String toString() {
        return "DeploymentRecord[#" + id + " " + app + " " + mode + " " + build + " by " + holder + ", "
                + (isUnfinished() ? "unfinished" : (succeeded ? "succeeded" : "ended") + (summary.isEmpty() ? ""
                : ": " + summary)) + ", " + entries.size() + " entries]";
    }
}
