package io.zdcd.analyzer.internal.model;

import io.zdcd.analyzer.internal.Name;
import io.zdcd.analyzer.internal.PgVersion;

/**
 * ALTER TABLE parent DETACH PARTITION partition [CONCURRENTLY | FINALIZE].
 *
 * @param parent        the partitioned table
 * @param parentNew     the parent was created in this migration
 * @param partition     the table detached, or null when unreadable
 * @param concurrently  CONCURRENTLY
 * @param finish        FINALIZE
 * @param parentDefault the parent's DEFAULT partition before the action: null when unknown, "" when none
 */
public record DetachPartition(Name parent, boolean parentNew, Name partition, boolean concurrently, boolean finish,
                              String parentDefault) implements Op {

    /** CONCURRENTLY or FINALIZE on a version before PostgreSQL 14: the statement fails. */
    public boolean unsupported(PgVersion v) {
        return (concurrently || finish) && !v.atLeast(14);
    }

    /** The parent has a DEFAULT partition (known). */
    public boolean hasDefault() {
        return parentDefault != null && !parentDefault.isEmpty();
    }

    /** CONCURRENTLY with a DEFAULT partition: PostgreSQL refuses it. */
    public boolean refused() {
        return concurrently && hasDefault();
    }

    /** Whether PostgreSQL detaches it at all on {@code v} (not unsupported, not refused). */
    public boolean detaches(PgVersion v) {
        return !unsupported(v) && !refused();
    }

    /** The parent's DEFAULT partition is another table, whose partition constraint changes (a plain DETACH). */
    public boolean changesDefault() {
        return hasDefault() && !concurrently && !finish
                && (partition == null || !parentDefault.equals(partition.key()));
    }

    /** The table detached as reports show it. */
    public String shown() {
        return partition == null ? "the partition" : partition.display();
    }
}
