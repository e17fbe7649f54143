package io.zdcd.analyzer.internal.model;

import io.zdcd.analyzer.internal.Name;

/**
 * ALTER VIEW, ALTER MATERIALIZED VIEW, ALTER SEQUENCE.
 *
 * @param what    VIEW, MATERIALIZED VIEW or SEQUENCE
 * @param name    the relation
 * @param action  what it does
 * @param isNew   the relation was created in this migration
 * @param resets  a sequence's RESTART, INCREMENT, MINVALUE, MAXVALUE, CYCLE or narrowing AS type
 * @param ownedBy a sequence's OWNED BY
 */
public record AlterRelation(String what, Name name, Action action, boolean isNew, boolean resets, boolean ownedBy)
        implements Op {
    /** What the ALTER does. */
    public enum Action {
        /** RENAME TO or SET SCHEMA. */
        RENAME_TO,
        /** RENAME [COLUMN] a TO b. */
        RENAME_COLUMN,
        /** OWNER TO. */
        OWNER,
        /** a sequence's options. */
        SEQUENCE_OPTIONS,
        /** a materialized view's SET TABLESPACE: rewrites it. */
        SET_TABLESPACE,
        /** other settings. */
        SETTINGS
    }
}
