package io.zdcd.analyzer.trace;

import java.util.Objects;
import java.util.Optional;

/**
 * A constraint the statement added, dropped or validated, read from {@code pg_constraint}.
 *
 * @param table       the constrained table, schema-qualified unless it is in {@code public}
 * @param name        the constraint's name
 * @param type        {@code check}, {@code foreign key}, {@code unique}, {@code primary key}, {@code exclusion},
 *                    {@code not null} (PostgreSQL 18 records NOT NULL constraints) or {@code trigger}
 * @param validBefore {@code convalidated} before, empty when the statement added the constraint
 * @param validAfter  {@code convalidated} after, empty when the statement dropped it
 */
public record ConstraintChange(String table, String name, String type, Optional<Boolean> validBefore,
                               Optional<Boolean> validAfter) {
    /**
     * No component may be null.
     *
     * @param table       the constrained table, schema-qualified unless in {@code public}
     * @param name        the constraint's name
     * @param type        the constraint's kind in lower-case words, for example {@code foreign key}
     * @param validBefore whether it was validated before; empty for an added constraint
     * @param validAfter  whether it is validated after; empty for a dropped constraint
     */
    public ConstraintChange {
        Objects.requireNonNull(table, "table");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(validBefore, "validBefore");
        Objects.requireNonNull(validAfter, "validAfter");
    }

    @Override
    public String toString() {
        String what = type + " " + name + " on " + table;
        if (validBefore.isEmpty()) {
            return what + " added" + (validAfter.orElse(true) ? "" : " NOT VALID");
        }
        if (validAfter.isEmpty()) {
            return what + " dropped";
        }
        return what + (validAfter.get() ? " validated" : " invalidated");
    }
}
