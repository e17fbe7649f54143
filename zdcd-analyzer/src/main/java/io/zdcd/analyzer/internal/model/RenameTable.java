package io.zdcd.analyzer.internal.model;

import io.zdcd.analyzer.internal.Name;

/**
 * ALTER TABLE ... RENAME TO name.
 *
 * @param table the table
 * @param isNew the table was created in this migration
 * @param to    the new name, or null when unreadable
 */
public record RenameTable(Name table, boolean isNew, Name to) implements Op {
}
