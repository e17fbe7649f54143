package io.zdcd.analyzer.internal.model;

import io.zdcd.analyzer.internal.Name;

/**
 * ALTER TABLE ... DROP [COLUMN] [IF EXISTS] column.
 *
 * @param table  the table
 * @param isNew  the table was created in this migration
 * @param column the column
 */
public record DropColumn(Name table, boolean isNew, String column) implements Op {
}
