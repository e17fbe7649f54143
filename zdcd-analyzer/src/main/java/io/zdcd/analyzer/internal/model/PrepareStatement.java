package io.zdcd.analyzer.internal.model;

/** PREPARE name AS statement: a statement to EXECUTE later, which zdcd cannot follow. */
public record PrepareStatement() implements Op {
}
