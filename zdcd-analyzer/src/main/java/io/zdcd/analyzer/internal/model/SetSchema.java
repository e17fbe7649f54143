package io.zdcd.analyzer.internal.model;

import io.zdcd.analyzer.internal.Name;

/**
 * ALTER TABLE ... SET SCHEMA schema.
 *
 * @param table  the table
 * @param isNew  the table was created in this migration
 * @param schema the new schema
 */
public record SetSchema(Name table, boolean isNew, String schema) implements Op {
}
