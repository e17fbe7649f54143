package io.zdcd.analyzer.internal.model;

import io.zdcd.analyzer.internal.Name;

/**
 * ALTER TYPE.
 *
 * @param type   the type, or null
 * @param action what it does
 * @param isNew  the type was created in this migration
 * @param label  the quoted label of ADD VALUE as written, or null
 */
public record AlterType(Name type, Action action, boolean isNew, String label) implements Op {
    /** What an ALTER TYPE does. */
    public enum Action {
        /** ADD VALUE. */
        ADD_VALUE,
        /** RENAME VALUE. */
        RENAME_VALUE,
        /** RENAME TO or SET SCHEMA. */
        RENAME,
        /** OWNER TO. */
        OWNER
    }
}
