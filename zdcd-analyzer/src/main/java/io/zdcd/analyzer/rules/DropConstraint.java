package io.zdcd.analyzer.rules;

import java.util.List;
import java.util.Objects;

/**
 * {@code ALTER TABLE ... DROP CONSTRAINT}.
 *
 * @param table the table
 * @param name  the constraint
 * @param kind  its kind when zdcd knows it (from the schema, or guessed from the name), else
 *              {@link ConstraintKind#UNKNOWN}
 */
public record DropConstraint(String table, String name, ConstraintKind kind) implements Action {
    /**
     * Checks the parts.
     *
     * @param table the table; not null
     * @param name  the constraint; not null
     * @param kind  its kind, or {@link ConstraintKind#UNKNOWN}; not null
     */
    public DropConstraint {
        Objects.requireNonNull(table, "table");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(kind, "kind");
    }

    @Override
    public List<String> tables() {
        return ActionNames.of(table);
    }

    @Override
    public String toString() {
        return "ALTER TABLE " + table + " DROP CONSTRAINT " + name
                + (kind == ConstraintKind.UNKNOWN ? "" : " (" + kind.name().replace('_', ' ') + ")");
    }
}
