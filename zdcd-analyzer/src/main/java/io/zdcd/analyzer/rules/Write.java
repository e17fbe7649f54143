package io.zdcd.analyzer.rules;

import java.util.List;
import java.util.Objects;

/**
 * A statement that writes rows: {@code UPDATE}, {@code DELETE}, {@code INSERT}, {@code MERGE} or
 * {@code COPY ... FROM}.
 *
 * @param verb     {@code UPDATE}, {@code DELETE}, {@code INSERT}, {@code MERGE} or {@code COPY}
 * @param table    the table written
 * @param hasWhere an {@code UPDATE} or {@code DELETE} with a {@code WHERE} (always false for the others)
 */
public record Write(String verb, String table, boolean hasWhere) implements Action {
    /**
     * Checks the parts.
     *
     * @param verb     the command; not null
     * @param table    the table written; not null
     * @param hasWhere an {@code UPDATE} or {@code DELETE} with a {@code WHERE}
     */
    public Write {
        Objects.requireNonNull(verb, "verb");
        Objects.requireNonNull(table, "table");
    }

    @Override
    public List<String> tables() {
        return ActionNames.of(table);
    }

    @Override
    public String toString() {
        return verb + " " + table + (hasWhere ? " WHERE ..." : "");
    }
}
