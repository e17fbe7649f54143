package io.zdcd.analyzer.internal.model;

import io.zdcd.analyzer.internal.Name;
import io.zdcd.analyzer.internal.PgVersion;

/**
 * ALTER TABLE ... ADD [COLUMN] [IF NOT EXISTS] column. One action gives three records, one per {@link Part}, so that
 * its findings come in the order a reader follows: its inline constraints, then the value existing rows get, then its
 * type. Its effects come with the first.
 *
 * @param table       the table
 * @param isNew       the table was created in this migration
 * @param column      the column
 * @param fkSkipsScan PostgreSQL skips validating its inline REFERENCES (every existing row is NULL)
 * @param part        which part of the action this record judges
 */
public record AddColumn(Name table, boolean isNew, ColumnSpec column, boolean fkSkipsScan, Part part) implements Op {

    /** The parts of an ADD COLUMN, in the order they are judged. */
    public enum Part {
        /** The column itself and its inline constraints. */
        CONSTRAINTS,
        /** The value existing rows get: identity, generation expression, default, NOT NULL. */
        VALUE,
        /** The column's type. */
        TYPE
    }

    /** The same action's record for another part. */
    public AddColumn part(Part p) {
        return new AddColumn(table, isNew, column, fkSkipsScan, p);
    }

    /** The table and column as reports show them. */
    public String shown() {
        return table.display() + "." + column.name();
    }

    /** Whether adding the column to an existing table scans, rewrites, breaks old code or fails on {@code v}. */
    public boolean unsafe(PgVersion v) {
        ColumnSpec c = column;
        boolean stored = c.generated() && !c.virtual(v);
        return c.references() != null && !fkSkipsScan || c.unique() || c.primaryKey() || c.check() || c.identity()
                || stored || c.hasDefault() && !c.identity() && c.volatileFunction() != null
                || c.notNull() && !c.hasDefault() && !c.identity() && !c.generated();
    }
}
