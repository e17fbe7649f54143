package io.zdcd.analyzer.internal.model;

import java.util.List;

/**
 * A data-modifying WITH query (UPDATE, DELETE, INSERT, MERGE inside WITH): judged as a statement of its own, its locks,
 * tables, flags and findings added to the statement's.
 *
 * @param ops the records of the inner statement
 */
public record DataModifyingCte(List<Op> ops) implements Op {
    public DataModifyingCte {
        ops = List.copyOf(ops);
    }
}
