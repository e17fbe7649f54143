package io.zdcd.analyzer.internal.model;

import io.zdcd.analyzer.internal.Name;

/**
 * ALTER TABLE ... INHERIT parent | NO INHERIT parent | OF type | NOT OF.
 *
 * @param table          the table
 * @param isNew          the table was created in this migration
 * @param inherits       the parent of INHERIT, or null
 * @param stopsInheriting the parent of NO INHERIT, or null
 */
public record Inheritance(Name table, boolean isNew, Name inherits, Name stopsInheriting) implements Op {
}
