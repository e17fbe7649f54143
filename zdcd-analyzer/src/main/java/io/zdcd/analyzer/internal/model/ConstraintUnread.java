package io.zdcd.analyzer.internal.model;

import io.zdcd.analyzer.internal.Name;

/**
 * ALTER TABLE ... ADD a constraint zdcd cannot read: the table is locked and becomes known; followed by an
 * {@link Unrecognised} record.
 *
 * @param table the table
 */
public record ConstraintUnread(Name table) implements Op {
}
