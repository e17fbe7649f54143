package io.zdcd.analyzer.internal.model;

import io.zdcd.analyzer.internal.Name;

/**
 * ALTER TABLE ... ALTER COLUMN c SET EXPRESSION AS (expression) (PostgreSQL 17+).
 *
 * @param table  the table
 * @param isNew  the table was created in this migration
 * @param column the column
 */
public record SetExpression(Name table, boolean isNew, String column) implements Op {
}
