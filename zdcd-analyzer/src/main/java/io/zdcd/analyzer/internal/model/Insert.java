package io.zdcd.analyzer.internal.model;

import io.zdcd.analyzer.internal.Name;
import java.util.List;

/**
 * INSERT INTO t [(cols)] VALUES ... | SELECT ...
 *
 * @param table     the table
 * @param sequences the sequences of serial/identity columns left out of the column list (nextval() locks them)
 * @param fromQuery INSERT ... SELECT
 * @param sources   the relations the query reads, in order (empty for VALUES)
 */
public record Insert(Name table, List<Name> sequences, boolean fromQuery, List<Name> sources) implements Op {
    public Insert {
        sequences = List.copyOf(sequences);
        sources = List.copyOf(sources);
    }
}
