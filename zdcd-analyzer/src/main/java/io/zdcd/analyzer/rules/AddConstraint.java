package io.zdcd.analyzer.rules;

import java.util.List;
import java.util.Objects;

/**
 * {@code ALTER TABLE ... ADD [CONSTRAINT name] ...}.
 *
 * @param table      the table
 * @param name       the constraint's name, or {@code ""} when PostgreSQL chooses it
 * @param kind       its kind
 * @param notValid   {@code NOT VALID}
 * @param references the referenced table of a {@code FOREIGN KEY}, else {@code ""}
 */
public record AddConstraint(String table, String name, ConstraintKind kind, boolean notValid, String references)
        implements Action {
    /**
     * Checks the parts.
     *
     * @param table      the table; not null
     * @param name       the constraint's name, or {@code ""}; not null
     * @param kind       its kind; not null
     * @param notValid   {@code NOT VALID}
     * @param references the referenced table of a foreign key, else {@code ""}; not null
     */
    public AddConstraint {
        Objects.requireNonNull(table, "table");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(references, "references");
    }

    @Override
    public List<String> tables() {
        return references.isEmpty() ? ActionNames.of(table) : ActionNames.of(table, references);
    }

    @Override
    public String toString() {
        return "ALTER TABLE " + table + " ADD " + (name.isEmpty() ? "" : "CONSTRAINT " + name + " ")
                + kind.name().replace('_', ' ') + (references.isEmpty() ? "" : " REFERENCES " + references)
                + (notValid ? " NOT VALID" : "");
    }
}
