package io.zdcd.analyzer.internal.model;

/**
 * SET CONSTRAINTS, or SET TRANSACTION / SESSION AUTHORIZATION / SESSION CHARACTERISTICS / ROLE / NAMES.
 *
 * @param constraints SET CONSTRAINTS
 */
public record SetOther(boolean constraints) implements Op {
}
