package io.zdcd.analyzer.internal.model;

import io.zdcd.analyzer.internal.Name;

/**
 * REFRESH MATERIALIZED VIEW [CONCURRENTLY] view.
 *
 * @param view         the view, or null
 * @param concurrently CONCURRENTLY
 * @param isNew        the view was created in this migration
 */
public record RefreshMaterializedView(Name view, boolean concurrently, boolean isNew) implements Op {
}
