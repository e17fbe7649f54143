package io.zdcd.pipeline;

import io.zdcd.spi.StepKind;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;

/**
 * One step of a deployment or recovery with its timing.
 *
 * <p>{@code toString()} reads like {@code migrate users/0042_add_email: SUCCEEDED in 1.3s (1 retry)}.
 *
 * @param step    which step
 * @param subject what it acted on (migration name, release, backup id), or empty
 * @param status  how it went
 * @param elapsed how long it took
 * @param detail  one line about the result (why it failed, what it made), or empty
 */
public record StepResult(StepKind step, String subject, Status status, Duration elapsed, String detail) {

    /** How a step went. */
    public enum Status {
        /** The step did its work. */
        SUCCEEDED,
        /** The step failed; {@link StepResult#detail()} says why. */
        FAILED,
        /** The step was not needed or not run. */
        SKIPPED
    }

    /**
     * {@code step}, {@code status} and {@code elapsed} must not be null; a null {@code subject} or {@code detail}
     * becomes empty.
     *
     * @param step    which step; not null
     * @param subject what it acted on (migration name, release, backup id); null or empty when nothing in particular
     * @param status  how it went; not null
     * @param elapsed how long it took (wall time); not null
     * @param detail  one line about the result (why it failed, what it made); null or empty when nothing to add
     */
    public StepResult {
        Objects.requireNonNull(step, "step");
        subject = subject == null ? "" : subject;
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(elapsed, "elapsed");
        detail = detail == null ? "" : detail;
    }

    @Override
    public String toString() {
        return step.label() + (subject.isEmpty() ? "" : " " + subject) + ": " + status + " in " + format(elapsed)
                + (detail.isEmpty() ? "" : " (" + detail + ")");
    }

    /** {@code 87ms} or {@code 1.3s}. */
    static String format(Duration d) {
        long ms = d.toMillis();
        return ms < 1000 ? ms + "ms" : String.format(Locale.ROOT, "%.1fs", ms / 1000.0);
    }
}
