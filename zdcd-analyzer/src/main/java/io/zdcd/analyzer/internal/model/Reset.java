package io.zdcd.analyzer.internal.model;

/**
 * RESET name | ALL.
 *
 * @param name the parameter as written, upper case for ALL
 */
public record Reset(String name) implements Op {
}
