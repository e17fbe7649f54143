package io.zdcd.analyzer.rules;

import java.util.List;
import java.util.Objects;

/**
 * {@code ALTER TABLE ... ALTER COLUMN ... SET NOT NULL}.
 *
 * @param table  the table
 * @param column the column
 */
public record SetNotNull(String table, String column) implements Action {
    /**
     * Checks the parts.
     *
     * @param table  the table; not null
     * @param column the column; not null
     */
    public SetNotNull {
        Objects.requireNonNull(table, "table");
        Objects.requireNonNull(column, "column");
    }

    @Override
    public List<String> tables() {
        return ActionNames.of(table);
    }

    @Override
    public String toString() {
        return "ALTER TABLE " + table + " ALTER COLUMN " + column + " SET NOT NULL";
    }
}
