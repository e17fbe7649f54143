package io.zdcd.analyzer.internal.model;

import io.zdcd.analyzer.internal.Name;

/**
 * ALTER TABLE ... ALTER COLUMN c SET GENERATED ... | RESTART | SET sequence_option.
 *
 * @param table  the table
 * @param isNew  the table was created in this migration
 * @param column the column
 * @param always makes it GENERATED ALWAYS
 * @param resets changes where it counts from (RESTART, MAXVALUE, CYCLE, INCREMENT)
 */
public record IdentityOptions(Name table, boolean isNew, String column, boolean always, boolean resets)
        implements Op {
}
