package io.zdcd.analyzer.internal.model;

import io.zdcd.analyzer.internal.Name;

/**
 * CLUSTER [table [USING index]].
 *
 * @param table the table, or null for every clustered table
 * @param isNew the table was created in this migration
 */
public record Cluster(Name table, boolean isNew) implements Op {
}
