package io.zdcd.analyzer.rules;

import java.util.List;
import java.util.Objects;

/**
 * {@code ALTER TABLE ... RENAME [COLUMN] from TO to}.
 *
 * @param table the table
 * @param from  the old name
 * @param to    the new name, or {@code ""} when unreadable
 */
public record RenameColumn(String table, String from, String to) implements Action {
    /**
     * Checks the parts.
     *
     * @param table the table; not null
     * @param from  the old name; not null
     * @param to    the new name, or {@code ""}; not null
     */
    public RenameColumn {
        Objects.requireNonNull(table, "table");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
    }

    @Override
    public List<String> tables() {
        return ActionNames.of(table);
    }

    @Override
    public String toString() {
        return "ALTER TABLE " + table + " RENAME COLUMN " + from + " TO " + to;
    }
}
