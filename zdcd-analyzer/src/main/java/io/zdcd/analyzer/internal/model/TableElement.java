package io.zdcd.analyzer.internal.model;

import io.zdcd.analyzer.internal.Name;
import java.util.List;
import java.util.Set;

/**
 * What one column or table constraint of a CREATE TABLE tells the schema, one step each, in the order PostgreSQL (and
 * zdcd's schema) takes them. Only {@link References} applies when zdcd does not define the table (IF NOT EXISTS of an
 * existing table, a table of another schema).
 */
public sealed interface TableElement {
    /**
     * A CHECK constraint.
     *
     * @param name    its name (as PostgreSQL names it when unnamed)
     * @param columns the identifiers its expression mentions
     */
    record Check(String name, Set<String> columns) implements TableElement {
        public Check {
            columns = Set.copyOf(columns);
        }
    }

    /**
     * Columns an index (PRIMARY KEY, UNIQUE, EXCLUDE) may mention.
     *
     * @param columns the identifiers
     */
    record Indexed(List<String> columns) implements TableElement {
        public Indexed {
            columns = List.copyOf(columns);
        }
    }

    /**
     * A foreign key's referenced table: ShareRowExclusiveLock on it.
     *
     * @param table the referenced table
     */
    record References(Name table) implements TableElement {
    }

    /**
     * A PRIMARY KEY, UNIQUE, FOREIGN KEY or EXCLUDE constraint (or a named column CHECK).
     *
     * @param name              its name (as PostgreSQL names it when unnamed)
     * @param kind              PRIMARY KEY, UNIQUE, FOREIGN KEY, EXCLUDE or CHECK
     * @param references        the referenced table of a FOREIGN KEY, or null
     * @param referencedColumns the referenced columns as written, or null when none are written
     * @param keyColumns        a PRIMARY KEY's columns, else null
     */
    record Key(String name, String kind, Name references, List<String> referencedColumns, List<String> keyColumns)
            implements TableElement {
        public Key {
            referencedColumns = referencedColumns == null ? null : List.copyOf(referencedColumns);
            keyColumns = keyColumns == null ? null : List.copyOf(keyColumns);
        }
    }

    /**
     * A table PRIMARY KEY makes the columns already defined NOT NULL.
     *
     * @param columns its columns
     */
    record NotNull(List<String> columns) implements TableElement {
        public NotNull {
            columns = List.copyOf(columns);
        }
    }

    /**
     * A column.
     *
     * @param name       its name
     * @param type       its normalised type, or null
     * @param notNull    NOT NULL
     * @param hasDefault a default (DEFAULT, serial, identity)
     * @param identity   serial or identity: it owns a sequence
     */
    record Column(String name, String type, boolean notNull, boolean hasDefault, boolean identity)
            implements TableElement {
    }
}
