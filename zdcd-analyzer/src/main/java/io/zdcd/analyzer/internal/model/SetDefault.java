package io.zdcd.analyzer.internal.model;

import io.zdcd.analyzer.internal.Name;

/**
 * ALTER TABLE ... ALTER COLUMN c SET DEFAULT expression.
 *
 * @param table  the table
 * @param column the column
 */
public record SetDefault(Name table, String column) implements Op {
}
