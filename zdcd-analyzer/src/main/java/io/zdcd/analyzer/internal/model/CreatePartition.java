package io.zdcd.analyzer.internal.model;

import io.zdcd.analyzer.internal.Name;

/**
 * CREATE TABLE name PARTITION OF parent [(...)] {FOR VALUES ... | DEFAULT} [PARTITION BY ...].
 *
 * @param name          the partition
 * @param known         it is the table of that name this migration now knows it created
 * @param defines       zdcd's schema takes its definition (see {@link CreateTable#defines()})
 * @param parent        the parent, or null when unreadable
 * @param isDefault     DEFAULT
 * @param partitioned   PARTITION BY (a sub-partitioned partition)
 * @param parentDefault the parent's DEFAULT partition before the statement: null when unknown, "" when none
 * @param parentNew     the parent was created in this migration
 * @param defaultNew    that DEFAULT partition was created in this migration
 */
public record CreatePartition(Name name, boolean known, boolean defines, Name parent, boolean isDefault,
                              boolean partitioned, String parentDefault, boolean parentNew, boolean defaultNew)
        implements Op {
}
