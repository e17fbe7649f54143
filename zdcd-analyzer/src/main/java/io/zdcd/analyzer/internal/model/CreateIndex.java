package io.zdcd.analyzer.internal.model;

import io.zdcd.analyzer.internal.Name;
import java.util.List;

/**
 * CREATE [UNIQUE] INDEX [CONCURRENTLY] [IF NOT EXISTS] [name] ON [ONLY] table (...) [INCLUDE ...] [WHERE ...].
 *
 * @param table          the indexed table
 * @param indexName      the index's name, or null when PostgreSQL chooses it
 * @param unique         UNIQUE
 * @param concurrently   CONCURRENTLY
 * @param only           ON ONLY (a partitioned parent's index, not built)
 * @param columns        the plain key columns
 * @param mentioned      every identifier after the table name (key, INCLUDE, WHERE: a superset of the columns)
 * @param tableIsNew     the table was created in this migration
 * @param mentionsExists the statement has the word EXISTS (IF NOT EXISTS)
 * @param text           the statement's text
 */
public record CreateIndex(Name table, String indexName, boolean unique, boolean concurrently, boolean only,
                          List<String> columns, List<String> mentioned, boolean tableIsNew, boolean mentionsExists,
                          String text) implements Op {
    public CreateIndex {
        columns = List.copyOf(columns);
        mentioned = List.copyOf(mentioned);
    }
}
