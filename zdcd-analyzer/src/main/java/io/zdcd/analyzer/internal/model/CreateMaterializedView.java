package io.zdcd.analyzer.internal.model;

import io.zdcd.analyzer.internal.Name;
import java.util.List;

/**
 * CREATE MATERIALIZED VIEW [IF NOT EXISTS] name ... AS query [WITH [NO] DATA].
 *
 * @param name    the view, or null when unreadable
 * @param sources the relations its query reads (after FROM / JOIN), in order; null when there is no AS
 * @param noData  WITH NO DATA
 */
public record CreateMaterializedView(Name name, List<Name> sources, boolean noData) implements Op {
    public CreateMaterializedView {
        sources = sources == null ? null : List.copyOf(sources);
    }
}
