package io.zdcd.analyzer.internal.model;

import io.zdcd.analyzer.internal.Name;

/**
 * ALTER ... OWNER TO role.
 *
 * @param relation the relation locked, or null when the caller locked it
 * @param isNew    the object was created in this migration
 * @param shown    the object as reports show it ("\"orders\"", "view v")
 */
public record OwnerTo(Name relation, boolean isNew, String shown) implements Op {
}
