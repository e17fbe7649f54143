package io.zdcd.analyzer.rules;

import java.util.List;
import java.util.Objects;

/**
 * Any other operation: {@code CREATE VIEW}, {@code GRANT}, {@code VACUUM FULL}, {@code BEGIN},
 * {@code ALTER TABLE ... SET TABLESPACE}, a statement zdcd does not recognise ({@code UNRECOGNISED})...
 *
 * @param kind   what it does, in upper-case SQL words ({@code CREATE VIEW}, {@code ALTER TABLE SET SCHEMA})
 * @param tables the relations it names, in order, as reports show them
 */
public record Other(String kind, List<String> tables) implements Action {
    /**
     * Checks the kind and copies the list.
     *
     * @param kind   what it does, in SQL words; not null
     * @param tables the relations it names; not null
     */
    public Other {
        Objects.requireNonNull(kind, "kind");
        tables = List.copyOf(tables);
    }

    @Override
    public String toString() {
        return kind + (tables.isEmpty() ? "" : " " + String.join(", ", tables));
    }
}
