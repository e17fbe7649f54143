package io.zdcd.analyzer.rules;

import java.util.List;
import java.util.Objects;

/**
 * {@code ALTER TABLE ... DROP [COLUMN]}.
 *
 * @param table  the table
 * @param column the column dropped
 */
public record DropColumn(String table, String column) implements Action {
    /**
     * Checks the parts.
     *
     * @param table  the table; not null
     * @param column the column; not null
     */
    public DropColumn {
        Objects.requireNonNull(table, "table");
        Objects.requireNonNull(column, "column");
    }

    @Override
    public List<String> tables() {
        return ActionNames.of(table);
    }

    @Override
    public String toString() {
        return "ALTER TABLE " + table + " DROP COLUMN " + column;
    }
}
