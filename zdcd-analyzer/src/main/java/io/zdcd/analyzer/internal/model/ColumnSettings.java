package io.zdcd.analyzer.internal.model;

import io.zdcd.analyzer.internal.Name;

/**
 * ALTER TABLE ... ALTER COLUMN c SET STATISTICS | SET (...) | RESET (...) | SET STORAGE | SET COMPRESSION.
 *
 * @param table       the table
 * @param column      the column
 * @param storage     SET STORAGE or SET COMPRESSION (else a planner setting)
 * @param compression SET COMPRESSION
 */
public record ColumnSettings(Name table, String column, boolean storage, boolean compression) implements Op {
}
