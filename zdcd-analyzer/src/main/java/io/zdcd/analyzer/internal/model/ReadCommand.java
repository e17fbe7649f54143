package io.zdcd.analyzer.internal.model;

/**
 * EXPLAIN, SHOW, FETCH, MOVE, CLOSE.
 *
 * @param verb    the command
 * @param analyze EXPLAIN ANALYZE (executes the statement)
 */
public record ReadCommand(String verb, boolean analyze) implements Op {
}
