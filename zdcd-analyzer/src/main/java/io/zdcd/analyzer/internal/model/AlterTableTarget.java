package io.zdcd.analyzer.internal.model;

import io.zdcd.analyzer.internal.Name;

/**
 * The table an ALTER TABLE changes, before its actions: reports name it first.
 *
 * @param table the table
 */
public record AlterTableTarget(Name table) implements Op {
}
