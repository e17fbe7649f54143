package io.zdcd.analyzer.internal.model;

import io.zdcd.analyzer.internal.Name;

/**
 * DROP TRIGGER | POLICY | RULE name ON table.
 *
 * @param what       TRIGGER, POLICY or RULE
 * @param table      the table, or null
 * @param tableIsNew the table was created in this migration
 */
public record DropOnTable(String what, Name table, boolean tableIsNew) implements Op {
}
