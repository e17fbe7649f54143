package io.zdcd.analyzer.internal.model;

import io.zdcd.analyzer.internal.Name;

/**
 * ALTER TABLE ... ALTER COLUMN c DROP NOT NULL.
 *
 * @param table  the table
 * @param column the column
 */
public record DropNotNull(Name table, String column) implements Op {
}
