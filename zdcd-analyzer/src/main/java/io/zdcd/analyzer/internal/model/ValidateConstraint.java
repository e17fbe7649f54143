package io.zdcd.analyzer.internal.model;

import io.zdcd.analyzer.internal.Name;

/**
 * ALTER TABLE ... VALIDATE CONSTRAINT name.
 *
 * @param table the table
 * @param isNew the table was created in this migration
 * @param name  the constraint
 */
public record ValidateConstraint(Name table, boolean isNew, String name) implements Op {
}
