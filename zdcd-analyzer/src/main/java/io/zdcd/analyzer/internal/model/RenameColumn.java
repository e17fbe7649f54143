package io.zdcd.analyzer.internal.model;

import io.zdcd.analyzer.internal.Name;

/**
 * ALTER TABLE ... RENAME [COLUMN] from TO to.
 *
 * @param table the table
 * @param isNew the table was created in this migration
 * @param from  the old name
 * @param to    the new name, "" when unreadable
 */
public record RenameColumn(Name table, boolean isNew, String from, String to) implements Op {
}
