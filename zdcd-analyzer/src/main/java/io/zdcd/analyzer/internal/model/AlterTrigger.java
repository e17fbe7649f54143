package io.zdcd.analyzer.internal.model;

import io.zdcd.analyzer.internal.Name;

/**
 * ALTER TRIGGER name ON table ...
 *
 * @param table the table, or null
 */
public record AlterTrigger(Name table) implements Op {
}
