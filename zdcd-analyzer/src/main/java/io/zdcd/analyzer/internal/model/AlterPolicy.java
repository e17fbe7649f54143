package io.zdcd.analyzer.internal.model;

import io.zdcd.analyzer.internal.Name;

/**
 * ALTER POLICY name ON table ...
 *
 * @param table      the table, or null
 * @param rename     RENAME TO
 * @param tableIsNew the table was created in this migration
 */
public record AlterPolicy(Name table, boolean rename, boolean tableIsNew) implements Op {
}
