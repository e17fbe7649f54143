package io.zdcd.analyzer.trace;

import java.util.Objects;
import java.util.Optional;

/**
 * One way a statement's observed behaviour differs from the classifier's prediction.
 *
 * @param aspect    what differs
 * @param relation  for a lock, the relation it is on ({@code table orders}, {@code index orders_pkey}); empty when
 *                  the difference is about the whole statement
 * @param predicted what the classifier said, for example {@code AccessExclusiveLock}, {@code no rewrite}, {@code SAFE}
 * @param observed  what PostgreSQL did, for example {@code ShareLock}, {@code rewrite}, {@code error 23502}
 * @param allowedBecause when the difference is a documented, reviewed one: why it is harmless
 */
public record Mismatch(Aspect aspect, Optional<String> relation, String predicted, String observed,
                       Optional<String> allowedBecause) {

    /** What a prediction can get wrong. */
    public enum Aspect {
        /**
         * The lock on one relation that existed before the migration (see {@link TraceComparator} for which
         * relations count), or, for a prediction without per-relation locks, the strongest such lock.
         */
        LOCK,
        /** Whether a table or index that existed before the migration was rewritten. */
        REWRITE,
        /** PostgreSQL raised an error on a statement the classifier judged SAFE. */
        FAILURE,
        /** The classifier and the tracer split the migration differently. */
        STATEMENT
    }

    /**
     * No component may be null.
     *
     * @param aspect         what differs
     * @param relation       the relation of a lock difference, as {@code kind name}; empty for the whole statement
     * @param predicted      the classifier's side, as people read it
     * @param observed       PostgreSQL's side, as people read it
     * @param allowedBecause why the difference is harmless when it is a documented one; empty otherwise
     */
    public Mismatch {
        Objects.requireNonNull(aspect, "aspect");
        Objects.requireNonNull(relation, "relation");
        Objects.requireNonNull(predicted, "predicted");
        Objects.requireNonNull(observed, "observed");
        Objects.requireNonNull(allowedBecause, "allowedBecause");
    }

    /**
     * A difference about the whole statement (no relation); no argument may be null.
     *
     * @param aspect         what differs
     * @param predicted      what the classifier said, for example {@code no rewrite} or {@code SAFE}
     * @param observed       what PostgreSQL did, for example {@code rewrite} or {@code error 23502}
     * @param allowedBecause why the difference is harmless when it is a documented one; empty otherwise
     */
    public Mismatch(Aspect aspect, String predicted, String observed, Optional<String> allowedBecause) {
        this(aspect, Optional.empty(), predicted, observed, allowedBecause);
    }

    /**
     * Whether the difference is a documented, reviewed one ({@link #allowedBecause()} says why it is harmless).
     *
     * @return true when {@link #allowedBecause()} is present: the difference does not make the comparison fail
     */
    public boolean allowed() {
        return allowedBecause.isPresent();
    }

    @Override
    public String toString() {
        return aspect.name().toLowerCase(java.util.Locale.ROOT) + relation.map(r -> " on " + r).orElse("")
                + ": predicted " + predicted + ", observed "
                + observed + allowedBecause.map(r -> " (allowed: " + r + ")").orElse("");
    }
}
