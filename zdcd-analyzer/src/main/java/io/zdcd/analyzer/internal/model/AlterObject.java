package io.zdcd.analyzer.internal.model;

/**
 * ALTER of an object that is not a relation, type, domain, role, policy or trigger: FUNCTION, SCHEMA, EXTENSION,
 * DEFAULT PRIVILEGES...
 *
 * @param what   the kind in SQL words
 * @param action what it does
 */
public record AlterObject(String what, Action action) implements Op {
    /** What the ALTER does. */
    public enum Action {
        /** RENAME TO or SET SCHEMA. */
        RENAME,
        /** OWNER TO. */
        OWNER,
        /** anything else. */
        SETTINGS
    }
}
