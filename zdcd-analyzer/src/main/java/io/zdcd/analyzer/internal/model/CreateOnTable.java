package io.zdcd.analyzer.internal.model;

import io.zdcd.analyzer.internal.Name;

/**
 * CREATE [OR REPLACE] [CONSTRAINT] TRIGGER ... ON table, CREATE POLICY ... ON table, CREATE [OR REPLACE] RULE ... TO
 * table.
 *
 * @param what        TRIGGER, POLICY or RULE
 * @param table       the table (never null for a TRIGGER), or null
 * @param tableIsNew  the table was created in this migration
 * @param restrictive a RESTRICTIVE policy
 */
public record CreateOnTable(String what, Name table, boolean tableIsNew, boolean restrictive) implements Op {
}
