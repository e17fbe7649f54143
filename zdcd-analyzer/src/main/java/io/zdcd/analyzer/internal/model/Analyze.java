package io.zdcd.analyzer.internal.model;

import io.zdcd.analyzer.internal.Name;

/**
 * ANALYZE [table].
 *
 * @param table the table, or null for every table
 */
public record Analyze(Name table) implements Op {
}
