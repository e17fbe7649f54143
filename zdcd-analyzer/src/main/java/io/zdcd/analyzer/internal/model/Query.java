package io.zdcd.analyzer.internal.model;

import io.zdcd.analyzer.internal.Name;
import java.util.List;

/**
 * SELECT, VALUES, TABLE, DECLARE: a query.
 *
 * @param sources         the relations it reads, in order
 * @param forUpdate       FOR UPDATE / FOR SHARE (row locks)
 * @param unknownFunction the first call of a function zdcd does not know to be harmless, as {@code name()}, or null
 * @param notInstantCall  the first call of a known function that may take any time ({@code pg_sleep()}), or null
 * @param setval          what a setval() call does
 */
public record Query(List<Name> sources, boolean forUpdate, String unknownFunction, String notInstantCall,
                    Setval setval) implements Op {
    public Query {
        sources = List.copyOf(sources);
    }

    /** A setval() call in the query. */
    public enum Setval {
        /** no setval(). */
        NONE,
        /** setval(seq, (SELECT max(...) ...)): moves the sequence forward to the table's max. */
        FROM_MAX,
        /** setval() to another value: may move the sequence back. */
        OTHER
    }
}
