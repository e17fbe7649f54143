package io.zdcd.analyzer.internal.model;

import io.zdcd.analyzer.internal.Name;

/**
 * ALTER INDEX.
 *
 * @param index   the index, or null for ALL IN TABLESPACE
 * @param action  what it does
 * @param newName the new name of RENAME TO, else null
 * @param isNew   the index was created in this migration
 */
public record AlterIndex(Name index, Action action, String newName, boolean isNew) implements Op {
    /** What an ALTER INDEX does. */
    public enum Action {
        /** RENAME TO. */
        RENAME,
        /** SET TABLESPACE: copies the index. */
        SET_TABLESPACE,
        /** ALL IN TABLESPACE ... SET TABLESPACE: moves every index of a tablespace. */
        ALL_IN_TABLESPACE,
        /** ATTACH PARTITION. */
        ATTACH_PARTITION,
        /** SET (...), RESET (...), ALTER COLUMN ... SET STATISTICS, [NO] DEPENDS ON EXTENSION. */
        SETTINGS
    }
}
