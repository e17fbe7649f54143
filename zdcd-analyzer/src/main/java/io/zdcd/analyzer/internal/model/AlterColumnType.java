package io.zdcd.analyzer.internal.model;

import io.zdcd.analyzer.internal.Name;

/**
 * ALTER TABLE ... ALTER COLUMN c [SET DATA] TYPE type [COLLATE c] [USING expression].
 *
 * @param table           the table
 * @param isNew           the table was created in this migration
 * @param column          the column
 * @param written         the new type as written
 * @param newType         the new type, normalised
 * @param oldType         the current type, or null when unknown
 * @param collate         a COLLATE clause
 * @param collateText     the COLLATE clause's first tokens as written
 * @param trivialUsing    no USING, or one that only casts the column to the new type
 * @param binary          no rewrite: binary-coercible, a trivial USING, the old type known
 * @param rebuildsIndexes binary, but a new collation or comparison rebuilds the column's indexes
 * @param mayBeIndexed    the known schema has an index that may cover the column
 * @param check           a CHECK constraint on the column, verified again, or null
 */
public record AlterColumnType(Name table, boolean isNew, String column, String written, String newType,
                              String oldType, boolean collate, String collateText, boolean trivialUsing,
                              boolean binary, boolean rebuildsIndexes, boolean mayBeIndexed, String check)
        implements Op {

    /** The table and column as reports show them. */
    public String shown() {
        return table.display() + "." + column;
    }
}
