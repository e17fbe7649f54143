package io.zdcd.analyzer.rules;

import java.util.List;
import java.util.Objects;

/**
 * {@code ALTER TABLE ... VALIDATE CONSTRAINT}.
 *
 * @param table the table
 * @param name  the constraint
 */
public record ValidateConstraint(String table, String name) implements Action {
    /**
     * Checks the parts.
     *
     * @param table the table; not null
     * @param name  the constraint; not null
     */
    public ValidateConstraint {
        Objects.requireNonNull(table, "table");
        Objects.requireNonNull(name, "name");
    }

    @Override
    public List<String> tables() {
        return ActionNames.of(table);
    }

    @Override
    public String toString() {
        return "ALTER TABLE " + table + " VALIDATE CONSTRAINT " + name;
    }
}
