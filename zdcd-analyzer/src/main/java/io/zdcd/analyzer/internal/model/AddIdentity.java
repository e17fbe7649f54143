package io.zdcd.analyzer.internal.model;

import io.zdcd.analyzer.internal.Name;

/**
 * ALTER TABLE ... ALTER COLUMN c ADD GENERATED {ALWAYS | BY DEFAULT} AS IDENTITY.
 *
 * @param table  the table
 * @param isNew  the table was created in this migration
 * @param column the column
 * @param always GENERATED ALWAYS
 */
public record AddIdentity(Name table, boolean isNew, String column, boolean always) implements Op {
}
