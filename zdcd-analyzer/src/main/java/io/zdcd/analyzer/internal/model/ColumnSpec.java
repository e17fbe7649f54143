package io.zdcd.analyzer.internal.model;

import io.zdcd.analyzer.internal.Name;
import io.zdcd.analyzer.internal.PgVersion;

/**
 * A column as an ADD COLUMN writes it: name, type and options.
 *
 * @param name             the column name
 * @param type             the normalised type
 * @param typeWritten      the type as written (serial, varchar(20), ...)
 * @param notNull          NOT NULL, PRIMARY KEY, serial or identity
 * @param primaryKey       an inline PRIMARY KEY
 * @param unique           an inline UNIQUE
 * @param check            an inline CHECK
 * @param references       the table of an inline REFERENCES, or null
 * @param defaultText      the DEFAULT expression as written, or null
 * @param volatileFunction the first volatile (or unknown) function of the DEFAULT, or null
 * @param identity         serial or GENERATED ... AS IDENTITY
 * @param generated        GENERATED ALWAYS AS (expression)
 * @param generatedKind    STORED, VIRTUAL or "" (not written)
 */
public record ColumnSpec(String name, String type, String typeWritten, boolean notNull, boolean primaryKey,
                         boolean unique, boolean check, Name references, String defaultText, String volatileFunction,
                         boolean identity, boolean generated, String generatedKind) {

    /** Whether a DEFAULT is written. */
    public boolean hasDefault() {
        return defaultText != null;
    }

    /** The generated column's kind on {@code v}: as written, else VIRTUAL on PostgreSQL 18+, else "". */
    public String generatedKind(PgVersion v) {
        return generatedKind.isEmpty() ? (v.atLeast(18) ? "VIRTUAL" : "") : generatedKind;
    }

    /** A VIRTUAL generated column PostgreSQL {@code v} supports: computed on read, nothing written. */
    public boolean virtual(PgVersion v) {
        return generated && v.atLeast(18) && generatedKind(v).equals("VIRTUAL");
    }
}
