package io.zdcd.analyzer.internal.model;

import io.zdcd.analyzer.internal.Name;
import java.util.List;

/**
 * COPY t FROM ..., COPY t TO ..., COPY (query) TO ...
 *
 * @param table   the table, or null for COPY (query)
 * @param from    COPY ... FROM (loads rows)
 * @param query   COPY (query) TO
 * @param sources the relations the query reads
 */
public record Copy(Name table, boolean from, boolean query, List<Name> sources) implements Op {
    public Copy {
        sources = List.copyOf(sources);
    }
}
