package io.zdcd.analyzer.rules;

import java.util.List;
import java.util.Objects;

/**
 * {@code ALTER TABLE ... ALTER COLUMN ... [SET DATA] TYPE}.
 *
 * @param table   the table
 * @param column  the column
 * @param newType the new type as written
 */
public record AlterColumnType(String table, String column, String newType) implements Action {
    /**
     * Checks the parts.
     *
     * @param table   the table; not null
     * @param column  the column; not null
     * @param newType the new type as written; not null
     */
    public AlterColumnType {
        Objects.requireNonNull(table, "table");
        Objects.requireNonNull(column, "column");
        Objects.requireNonNull(newType, "newType");
    }

    @Override
    public List<String> tables() {
        return ActionNames.of(table);
    }

    @Override
    public String toString() {
        return "ALTER TABLE " + table + " ALTER COLUMN " + column + " TYPE " + newType;
    }
}
