package io.zdcd.analyzer.internal.model;

import io.zdcd.analyzer.internal.Name;
import java.util.List;

/**
 * ALTER TABLE ... ADD [CONSTRAINT name] {UNIQUE | PRIMARY KEY} {(...) | USING INDEX index}.
 *
 * @param table        the table
 * @param isNew        the table was created in this migration
 * @param name         the constraint name, or null
 * @param primaryKey   PRIMARY KEY (else UNIQUE)
 * @param usingIndex   the index of USING INDEX, or null
 * @param pkScan       a PRIMARY KEY USING INDEX whose columns zdcd cannot see NOT NULL: PostgreSQL scans to set them
 * @param columns      the key columns as written (for USING INDEX: the known index's), or empty
 * @param notNulled    the columns a PRIMARY KEY makes NOT NULL
 * @param mentioned    the identifiers the constraint mentions (columns its index may cover)
 */
public record AddUnique(Name table, boolean isNew, String name, boolean primaryKey, String usingIndex,
                        boolean pkScan, List<String> columns, List<String> notNulled, List<String> mentioned)
        implements Op {
    public AddUnique {
        columns = List.copyOf(columns);
        notNulled = List.copyOf(notNulled);
        mentioned = List.copyOf(mentioned);
    }

    /** UNIQUE or PRIMARY KEY. */
    public String kind() {
        return primaryKey ? "PRIMARY KEY" : "UNIQUE";
    }
}
