package io.zdcd.analyzer.internal.model;

import io.zdcd.analyzer.internal.Name;

/**
 * ALTER TABLE parent ATTACH PARTITION partition {FOR VALUES ... | DEFAULT}. One action gives two records, one per
 * {@link Part}, so that its findings come in the order a reader follows: the scan of the parent's DEFAULT partition,
 * then the partition's own bound check. Its effects come with the first.
 *
 * @param parent        the partitioned table
 * @param parentNew     the parent was created in this migration
 * @param partition     the table attached, or null when unreadable
 * @param partitionNew  the table attached was created in this migration
 * @param attachDefault attached as the DEFAULT partition
 * @param parentDefault the parent's DEFAULT partition before the action: null when unknown, "" when none
 * @param defaultNew    the parent or that DEFAULT partition was created in this migration (its scan is instant)
 * @param part          which part of the action this record judges
 */
public record AttachPartition(Name parent, boolean parentNew, Name partition, boolean partitionNew,
                              boolean attachDefault, String parentDefault, boolean defaultNew, Part part)
        implements Op {

    /** The parts of an ATTACH PARTITION, in the order they are judged. */
    public enum Part {
        /** What attaching does to the parent's DEFAULT partition (scanned for rows of the new range). */
        DEFAULT_SCAN,
        /** The partition itself (scanned to check its bound). */
        BOUND
    }

    /** The same action's record for another part. */
    public AttachPartition part(Part p) {
        return new AttachPartition(parent, parentNew, partition, partitionNew, attachDefault, parentDefault,
                defaultNew, p);
    }

    /** The parent has a DEFAULT partition other than the table attached. */
    public boolean otherDefault() {
        return parentDefault != null && !parentDefault.isEmpty()
                && (partition == null || !parentDefault.equals(partition.key()));
    }

    /** A second DEFAULT partition: PostgreSQL raises an error. */
    public boolean conflict() {
        return attachDefault && otherDefault();
    }

    /** PostgreSQL scans the parent's DEFAULT partition for rows of the new range. */
    public boolean scansDefault() {
        return !attachDefault && otherDefault();
    }

    /** The table attached is empty (created in this migration), so its bound check is instant. */
    public boolean emptyPartition() {
        return partitionNew || (parentNew && partition == null);
    }
}
