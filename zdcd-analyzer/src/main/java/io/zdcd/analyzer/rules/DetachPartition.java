package io.zdcd.analyzer.rules;

import java.util.List;
import java.util.Objects;

/**
 * {@code ALTER TABLE parent DETACH PARTITION partition [CONCURRENTLY | FINALIZE]}.
 *
 * @param parent       the partitioned table
 * @param partition    the table detached, or {@code ""} when unreadable
 * @param concurrently {@code CONCURRENTLY} or {@code FINALIZE}
 */
public record DetachPartition(String parent, String partition, boolean concurrently) implements Action {
    /**
     * Checks the parts.
     *
     * @param parent       the partitioned table; not null
     * @param partition    the table detached, or {@code ""}; not null
     * @param concurrently {@code CONCURRENTLY} or {@code FINALIZE}
     */
    public DetachPartition {
        Objects.requireNonNull(parent, "parent");
        Objects.requireNonNull(partition, "partition");
    }

    @Override
    public List<String> tables() {
        return ActionNames.of(parent, partition);
    }

    @Override
    public String toString() {
        return "ALTER TABLE " + parent + " DETACH PARTITION " + partition + (concurrently ? " CONCURRENTLY" : "");
    }
}
