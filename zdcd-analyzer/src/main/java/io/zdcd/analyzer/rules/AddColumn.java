package io.zdcd.analyzer.rules;

import java.util.List;
import java.util.Objects;

/**
 * {@code ALTER TABLE ... ADD [COLUMN]}.
 *
 * @param table      the table
 * @param column     the new column
 * @param type       its type as written ({@code varchar(20)}, {@code serial}...)
 * @param hasDefault a {@code DEFAULT} is written
 * @param notNull    {@code NOT NULL}, {@code PRIMARY KEY}, serial or identity
 * @param unique     an inline {@code UNIQUE}
 * @param primaryKey an inline {@code PRIMARY KEY}
 * @param references the table of an inline {@code REFERENCES}, or {@code ""}
 * @param identity   serial or {@code GENERATED ... AS IDENTITY}
 * @param generated  {@code GENERATED ALWAYS AS (expression)}
 */
public record AddColumn(String table, String column, String type, boolean hasDefault, boolean notNull, boolean unique,
                 boolean primaryKey, String references, boolean identity, boolean generated) implements Action {
    /**
     * Checks the parts.
     *
     * @param table      the table; not null
     * @param column     the new column; not null
     * @param type       its type as written; not null
     * @param hasDefault a {@code DEFAULT} is written
     * @param notNull    {@code NOT NULL}, {@code PRIMARY KEY}, serial or identity
     * @param unique     an inline {@code UNIQUE}
     * @param primaryKey an inline {@code PRIMARY KEY}
     * @param references the table of an inline {@code REFERENCES}, or {@code ""}; not null
     * @param identity   serial or identity
     * @param generated  a generated column
     */
    public AddColumn {
        Objects.requireNonNull(table, "table");
        Objects.requireNonNull(column, "column");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(references, "references");
    }

    @Override
    public List<String> tables() {
        return references.isEmpty() ? ActionNames.of(table) : ActionNames.of(table, references);
    }

    @Override
    public String toString() {
        return "ALTER TABLE " + table + " ADD COLUMN " + column + " " + type + (hasDefault ? " DEFAULT ..." : "")
                + (notNull ? " NOT NULL" : "") + (primaryKey ? " PRIMARY KEY" : unique ? " UNIQUE" : "")
                + (references.isEmpty() ? "" : " REFERENCES " + references)
                + (identity ? " (identity)" : "") + (generated ? " (generated)" : "");
    }
}
