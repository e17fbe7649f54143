package io.zdcd.analyzer.internal.model;

import io.zdcd.analyzer.internal.Name;

/**
 * CREATE STATISTICS ... FROM table.
 *
 * @param table the table, or null
 */
public record CreateStatistics(Name table) implements Op {
}
