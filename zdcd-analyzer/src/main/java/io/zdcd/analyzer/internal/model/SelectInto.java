package io.zdcd.analyzer.internal.model;

import io.zdcd.analyzer.internal.Name;
import java.util.List;

/**
 * SELECT ... INTO [TABLE] t FROM ...: creates a table from a query.
 *
 * @param table   the new table, or null
 * @param sources the relations the query reads, in order
 */
public record SelectInto(Name table, List<Name> sources) implements Op {
    public SelectInto {
        sources = List.copyOf(sources);
    }
}
