package io.zdcd.analyzer.internal.model;

import io.zdcd.analyzer.internal.Name;

/**
 * ALTER TABLE ... ALTER CONSTRAINT name [NOT] DEFERRABLE | INITIALLY ... | [NOT] ENFORCED.
 *
 * @param table    the table
 * @param isNew    the table was created in this migration
 * @param stricter checks become stricter (NOT DEFERRABLE, INITIALLY IMMEDIATE, ENFORCED)
 */
public record AlterConstraint(Name table, boolean isNew, boolean stricter) implements Op {
}
