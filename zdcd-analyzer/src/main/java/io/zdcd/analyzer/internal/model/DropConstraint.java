package io.zdcd.analyzer.internal.model;

import io.zdcd.analyzer.internal.Name;

/**
 * ALTER TABLE ... DROP CONSTRAINT [IF EXISTS] name.
 *
 * @param table      the table
 * @param isNew      the table was created in this migration
 * @param name       the constraint
 * @param kind       its kind (CHECK, FOREIGN KEY, UNIQUE, PRIMARY KEY, ...): known, else guessed from the name;
 *                   null when neither
 * @param known      zdcd knows the constraint
 * @param referenced the table a known foreign key references, or null
 */
public record DropConstraint(Name table, boolean isNew, String name, String kind, boolean known, Name referenced)
        implements Op {
}
