package io.zdcd.analyzer.internal.model;

import io.zdcd.analyzer.internal.Name;

/**
 * REINDEX [(options)] INDEX | TABLE | SCHEMA | DATABASE | SYSTEM [CONCURRENTLY] name.
 *
 * @param what         INDEX, TABLE, SCHEMA, DATABASE or SYSTEM
 * @param target       the object named, or null
 * @param indexTable   for REINDEX INDEX: the index's table when zdcd knows it; else null
 * @param concurrently CONCURRENTLY (in the options or after the kind)
 * @param isNew        the object was created in this migration
 */
public record Reindex(String what, Name target, Name indexTable, boolean concurrently, boolean isNew) implements Op {
}
