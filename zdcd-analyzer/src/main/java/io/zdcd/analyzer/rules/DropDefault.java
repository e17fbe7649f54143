package io.zdcd.analyzer.rules;

import java.util.List;
import java.util.Objects;

/**
 * {@code ALTER TABLE ... ALTER COLUMN ... DROP DEFAULT}.
 *
 * @param table  the table
 * @param column the column
 */
public record DropDefault(String table, String column) implements Action {
    /**
     * Checks the parts.
     *
     * @param table  the table; not null
     * @param column the column; not null
     */
    public DropDefault {
        Objects.requireNonNull(table, "table");
        Objects.requireNonNull(column, "column");
    }

    @Override
    public List<String> tables() {
        return ActionNames.of(table);
    }

    @Override
    public String toString() {
        return "ALTER TABLE " + table + " ALTER COLUMN " + column + " DROP DEFAULT";
    }
}
