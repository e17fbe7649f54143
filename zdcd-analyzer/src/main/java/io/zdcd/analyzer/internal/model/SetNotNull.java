package io.zdcd.analyzer.internal.model;

import io.zdcd.analyzer.internal.Name;

/**
 * ALTER TABLE ... ALTER COLUMN c SET NOT NULL.
 *
 * @param table   the table
 * @param isNew   the table was created in this migration
 * @param column  the column
 * @param already the column was NOT NULL already
 * @param proven  a validated CHECK (c IS NOT NULL) lets PostgreSQL skip the scan
 */
public record SetNotNull(Name table, boolean isNew, String column, boolean already, boolean proven) implements Op {
}
