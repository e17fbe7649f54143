package io.zdcd.analyzer.trace;

import java.util.Objects;
import java.util.Optional;

/**
 * One way a statement's observed behaviour differs from the classifier's prediction.
 *
 * @param aspect    what differs
 * @param predicted what the classifier said, for example {@code AccessExclusiveLock}, {@code no rewrite}, {@code SAFE}
 * @param observed  what PostgreSQL did, for example {@code ShareLock}, {@code rewrite}, {@code error 23502}
 * @param allowedBecause when the difference is a documented, reviewed one: why it is harmless
 */
public record Mismatch(Aspect aspect, String predicted, String observed, Optional<String> allowedBecause) {

    /** What a prediction can get wrong. */
    public enum Aspect {
        /** The strongest lock on a relation that existed before the migration. */
        LOCK,
        /** Whether a table or index that existed before the migration was rewritten. */
        REWRITE,
        /** PostgreSQL raised an error on a statement the classifier judged SAFE. */
        FAILURE,
        /** The classifier and the tracer split the migration differently. */
        STATEMENT
    }

    public Mismatch {
        Objects.requireNonNull(aspect, "aspect");
        Objects.requireNonNull(predicted, "predicted");
        Objects.requireNonNull(observed, "observed");
        Objects.requireNonNull(allowedBecause, "allowedBecause");
    }

    public boolean allowed() {
        return allowedBecause.isPresent();
    }

    @Override
    public String toString() {
        return aspect.name().toLowerCase(java.util.Locale.ROOT) + ": predicted " + predicted + ", observed "
                + observed + allowedBecause.map(r -> " (allowed: " + r + ")").orElse("");
    }
}
