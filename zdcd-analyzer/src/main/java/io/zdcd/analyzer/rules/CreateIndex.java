package io.zdcd.analyzer.rules;

import java.util.List;
import java.util.Objects;

/**
 * {@code CREATE [UNIQUE] INDEX [CONCURRENTLY]}.
 *
 * @param table        the indexed table
 * @param index        the index's name, or {@code ""} when PostgreSQL chooses it
 * @param unique       {@code UNIQUE}
 * @param concurrently {@code CONCURRENTLY}
 * @param columns      the plain key columns (not expressions), in order
 */
public record CreateIndex(String table, String index, boolean unique, boolean concurrently, List<String> columns)
        implements Action {
    /**
     * Checks the parts and copies the list.
     *
     * @param table        the indexed table; not null
     * @param index        the index's name, or {@code ""}; not null
     * @param unique       {@code UNIQUE}
     * @param concurrently {@code CONCURRENTLY}
     * @param columns      the plain key columns; not null
     */
    public CreateIndex {
        Objects.requireNonNull(table, "table");
        Objects.requireNonNull(index, "index");
        columns = List.copyOf(columns);
    }

    @Override
    public List<String> tables() {
        return ActionNames.of(table);
    }

    @Override
    public String toString() {
        return "CREATE " + (unique ? "UNIQUE " : "") + "INDEX " + (concurrently ? "CONCURRENTLY " : "")
                + (index.isEmpty() ? "" : index + " ") + "ON " + table + " (" + String.join(", ", columns) + ")";
    }
}
