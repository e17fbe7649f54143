package io.zdcd.analyzer.internal.model;

import io.zdcd.analyzer.internal.Name;

/**
 * ALTER TABLE ... {ENABLE | DISABLE | FORCE | NO FORCE} ROW LEVEL SECURITY.
 *
 * @param table the table
 * @param isNew the table was created in this migration
 * @param text  the action as written, upper case, spaces collapsed
 * @param verb  its first word: ENABLE, DISABLE, FORCE or NO
 */
public record RowSecurity(Name table, boolean isNew, String text, String verb) implements Op {
}
