package io.zdcd.spi;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * One line of the deployment journal: a step started, succeeded or failed. The pipeline writes an entry before a
 * step runs and another after, so that a crashed deployment can be recovered from what the journal says.
 *
 * <p>{@code toString()} reads like {@code 14:02:11Z MIGRATE users/0042_add_email SUCCEEDED {verdict=SAFE}}.
 *
 * @param step       which step
 * @param phase      started, succeeded or failed
 * @param at         when
 * @param subject    what the step acted on: a migration name, a release ({@code v42}), a backup id, or empty
 * @param attributes facts the recovery planner needs, for example {@code verdict=UNSAFE}, {@code backup=b042},
 *                   {@code previousRelease=41}; keys and values are plain text, never secrets
 */
public record JournalEntry(StepKind step, Phase phase, Instant at, String subject, Map<String, String> attributes) {

    /** Where a step is. */
    public enum Phase {
        /** The step began. */
        STARTED,
        /** The step ended well. */
        SUCCEEDED,
        /** The step ended in failure. */
        FAILED
    }

    /**
     * Copies the map; {@code step}, {@code phase} and {@code at} must not be null; a null {@code subject} becomes
     * empty.
     *
     * @param step       the step the entry is about; not null
     * @param phase      whether the step started, succeeded or failed; not null
     * @param at         when the entry was written; not null
     * @param subject    what the step acted on (a migration name, a release such as {@code v42}, a backup id); null
     *                   or empty when nothing in particular
     * @param attributes facts the recovery planner needs, plain text, never secrets; copied, must not be null nor
     *                   hold null keys or values
     */
    public JournalEntry {
        Objects.requireNonNull(step, "step");
        Objects.requireNonNull(phase, "phase");
        Objects.requireNonNull(at, "at");
        subject = subject == null ? "" : subject;
        attributes = Map.copyOf(attributes);
    }

    /**
     * An attribute, or empty string.
     *
     * @param key the attribute's name, for example {@code backup}; not null
     * @return the attribute's value, or {@code ""} when the entry has no such attribute
     */
    public String attribute(String key) {
        return attributes.getOrDefault(key, "");
    }

    @Override
    public String toString() {
        return at + " " + step + (subject.isEmpty() ? "" : " " + subject) + " " + phase
                + (attributes.isEmpty() ? "" : " " + new TreeMap<>(attributes));
    }
}
