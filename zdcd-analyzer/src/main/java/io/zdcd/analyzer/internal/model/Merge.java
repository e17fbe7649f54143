package io.zdcd.analyzer.internal.model;

import io.zdcd.analyzer.internal.Name;

/**
 * MERGE INTO t USING source ...
 *
 * @param table      the target table, or null
 * @param source     the source relation, or null
 * @param tableIsNew the target was created in this migration
 */
public record Merge(Name table, Name source, boolean tableIsNew) implements Op {
}
