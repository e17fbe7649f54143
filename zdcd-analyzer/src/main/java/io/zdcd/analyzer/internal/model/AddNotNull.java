package io.zdcd.analyzer.internal.model;

import io.zdcd.analyzer.internal.Name;

/**
 * ALTER TABLE ... ADD [CONSTRAINT name] NOT NULL column [NOT VALID] (PostgreSQL 18+).
 *
 * @param table            the table
 * @param isNew            the table was created in this migration
 * @param name             the constraint name, or null
 * @param column           the column
 * @param notValid         NOT VALID
 * @param oldWritesViolate the old code's INSERTs leave the column NULL (added without a default here)
 * @param already          the column was NOT NULL already
 */
public record AddNotNull(Name table, boolean isNew, String name, String column, boolean notValid,
                         boolean oldWritesViolate, boolean already) implements Op {
}
