package io.zdcd.analyzer.internal.model;

import io.zdcd.analyzer.internal.Name;

/**
 * VACUUM [FULL] [table].
 *
 * @param table the table, or null for every table
 * @param full  FULL: rewrites the table
 * @param isNew the table was created in this migration
 */
public record Vacuum(Name table, boolean full, boolean isNew) implements Op {
}
