package io.zdcd.analyzer.trace;

import io.zdcd.classify.LockMode;
import java.util.Objects;

/**
 * A relation-level lock that a traced statement's backend took (or, outside a transaction, requested while it ran).
 *
 * @param relation      the relation's name, schema-qualified unless it is in {@code public}
 * @param kind          what the relation is: {@code table}, {@code index}, {@code sequence}, {@code view},
 *                      {@code materialized view}, {@code partitioned table}, {@code partitioned index},
 *                      {@code foreign table}, {@code toast table} or {@code composite type}
 * @param mode          the lock mode, as {@code pg_locks.mode} names it
 * @param existedBefore whether the relation existed before the migration (its schema history and fixture applied)
 */
public record RelationLock(String relation, String kind, LockMode mode, boolean existedBefore) {
    /**
     * {@code relation}, {@code kind} and {@code mode} must not be null.
     *
     * @param relation      the relation's name, schema-qualified unless in {@code public}; not null
     * @param kind          what the relation is in lower-case words, for example {@code partitioned table}; not null
     * @param mode          the lock mode; not null
     * @param existedBefore whether the relation existed before the migration (false for one it created)
     */
    public RelationLock {
        Objects.requireNonNull(relation, "relation");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(mode, "mode");
    }

    @Override
    public String toString() {
        return mode.pgName() + " on " + kind + " " + relation + (existedBefore ? "" : " (new)");
    }
}
