package io.zdcd.analyzer.internal.model;

import io.zdcd.analyzer.internal.Name;
import java.util.List;

/**
 * CREATE TABLE name [(columns)] AS query.
 *
 * @param name    the table
 * @param known   it is the table of that name this migration now knows it created
 * @param sources the relations the query reads (after FROM / JOIN), in order
 */
public record CreateTableAs(Name name, boolean known, List<Name> sources) implements Op {
    public CreateTableAs {
        sources = List.copyOf(sources);
    }
}
