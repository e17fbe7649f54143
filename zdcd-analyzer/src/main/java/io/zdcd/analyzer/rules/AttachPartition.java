package io.zdcd.analyzer.rules;

import java.util.List;
import java.util.Objects;

/**
 * {@code ALTER TABLE parent ATTACH PARTITION partition}.
 *
 * @param parent    the partitioned table
 * @param partition the table attached, or {@code ""} when unreadable
 */
public record AttachPartition(String parent, String partition) implements Action {
    /**
     * Checks the parts.
     *
     * @param parent    the partitioned table; not null
     * @param partition the table attached, or {@code ""}; not null
     */
    public AttachPartition {
        Objects.requireNonNull(parent, "parent");
        Objects.requireNonNull(partition, "partition");
    }

    @Override
    public List<String> tables() {
        return ActionNames.of(parent, partition);
    }

    @Override
    public String toString() {
        return "ALTER TABLE " + parent + " ATTACH PARTITION " + partition;
    }
}
