package io.zdcd.analyzer.rules;

import java.util.List;
import java.util.Objects;

/**
 * {@code ALTER TABLE ... RENAME TO}.
 *
 * @param table the table
 * @param to    the new name, or {@code ""} when unreadable
 */
public record RenameTable(String table, String to) implements Action {
    /**
     * Checks the parts.
     *
     * @param table the table; not null
     * @param to    the new name, or {@code ""}; not null
     */
    public RenameTable {
        Objects.requireNonNull(table, "table");
        Objects.requireNonNull(to, "to");
    }

    @Override
    public List<String> tables() {
        return ActionNames.of(table);
    }

    @Override
    public String toString() {
        return "ALTER TABLE " + table + " RENAME TO " + to;
    }
}
