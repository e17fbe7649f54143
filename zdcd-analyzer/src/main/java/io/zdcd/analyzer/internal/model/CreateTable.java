package io.zdcd.analyzer.internal.model;

import io.zdcd.analyzer.internal.Name;
import java.util.List;

/**
 * CREATE [TEMP | UNLOGGED] TABLE [IF NOT EXISTS] name ( columns and constraints [, LIKE source ...] ) [PARTITION BY].
 *
 * @param name        the table
 * @param known       it is the table of that name this migration now knows it created
 * @param defines     zdcd's schema takes its definition (not a no-op IF NOT EXISTS, not a table of another schema)
 * @param partitioned PARTITION BY
 * @param elements    what its columns and constraints tell the schema, in order
 * @param likeSource  the table of its last LIKE, or null
 * @param likeIndexes the LIKE copies indexes (INCLUDING INDEXES or ALL)
 */
public record CreateTable(Name name, boolean known, boolean defines, boolean partitioned,
                          List<TableElement> elements, Name likeSource, boolean likeIndexes) implements Op {
    public CreateTable {
        elements = List.copyOf(elements);
    }
}
