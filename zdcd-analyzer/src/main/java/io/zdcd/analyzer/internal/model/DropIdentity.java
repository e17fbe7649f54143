package io.zdcd.analyzer.internal.model;

import io.zdcd.analyzer.internal.Name;

/**
 * ALTER TABLE ... ALTER COLUMN c DROP IDENTITY | DROP EXPRESSION.
 *
 * @param table      the table
 * @param isNew      the table was created in this migration
 * @param column     the column
 * @param expression DROP EXPRESSION (else DROP IDENTITY)
 */
public record DropIdentity(Name table, boolean isNew, String column, boolean expression) implements Op {
}
