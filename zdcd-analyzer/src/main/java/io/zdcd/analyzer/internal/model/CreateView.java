package io.zdcd.analyzer.internal.model;

import io.zdcd.analyzer.internal.Name;
import java.util.List;

/**
 * CREATE [OR REPLACE] [TEMP] [RECURSIVE] VIEW name ... AS query.
 *
 * @param name     the view
 * @param replaces OR REPLACE of a view that existed before this migration
 * @param sources  the relations its query reads (after FROM / JOIN), in order
 */
public record CreateView(Name name, boolean replaces, List<Name> sources) implements Op {
    public CreateView {
        sources = List.copyOf(sources);
    }
}
