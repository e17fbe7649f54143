package io.zdcd.analyzer.internal.recognise;

import io.zdcd.analyzer.internal.ColumnTypes;
import io.zdcd.analyzer.internal.Name;
import io.zdcd.analyzer.internal.Tokens;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/** Column definitions as ADD COLUMN and CREATE TABLE write them, and the identifiers of an expression. */
final class ColumnReader {
    private ColumnReader() {
    }

    /**
     * A column definition as written.
     *
     * @param name          the column
     * @param type          its normalised type, or null when unknown
     * @param typeWritten   the type as written (serial, varchar(20), ...)
     * @param notNull       NOT NULL, PRIMARY KEY, serial or identity
     * @param primaryKey    an inline PRIMARY KEY
     * @param unique        an inline UNIQUE
     * @param check         an inline CHECK
     * @param references    the table of an inline REFERENCES, or null
     * @param defaultFrom   the first token of the DEFAULT expression, or -1
     * @param defaultTo     the token after it, or -1
     * @param identity      serial or GENERATED ... AS IDENTITY
     * @param generated     GENERATED ALWAYS AS (expression)
     * @param generatedKind STORED, VIRTUAL or "" (PostgreSQL 18's default: VIRTUAL)
     */
    record ColumnDef(String name, String type, String typeWritten, boolean notNull, boolean primaryKey,
                     boolean unique, boolean check, Name references, int defaultFrom, int defaultTo,
                     boolean identity, boolean generated, String generatedKind) {

        /** A DEFAULT is written. */
        boolean hasDefault() {
            return defaultFrom >= 0;
        }
    }

    private static final Set<String> COLUMN_OPTION_WORDS = Set.of("CONSTRAINT", "NOT", "NULL", "DEFAULT", "CHECK",
            "UNIQUE", "PRIMARY", "REFERENCES", "GENERATED", "COLLATE", "DEFERRABLE", "INITIALLY", "COMPRESSION",
            "STORAGE");

    static final Set<String> SERIAL_TYPES = Set.of("serial", "bigserial", "smallserial", "serial4",
            "serial8", "serial2");

    /** Reads "name type options..." from {@code p} up to {@code e}; null if there is no column name. */
    static ColumnDef read(Tokens t, int p, int e) {
        if (!t.isIdent(p)) {
            return null;
        }
        String name = t.ident(p);
        String type;
        boolean notNull = false;
        boolean primaryKey = false;
        boolean unique = false;
        boolean check = false;
        Name references = null;
        int defaultFrom = -1;
        int defaultTo = -1;
        boolean identity = false;
        boolean generated = false;
        String generatedKind = "";
        int q = p + 1;
        int typeStart = q;
        while (q < e && !(t.isWord(q) && COLUMN_OPTION_WORDS.contains(t.upper(q)))) {
            if (t.isOp(q, "(") || t.isOp(q, "[")) {
                q = t.closing(q);
            }
            q++;
        }
        String typeWritten = t.text(typeStart, Math.min(q, e) - 1);
        type = typeWritten.isEmpty() ? null : ColumnTypes.normalise(typeWritten);
        if (SERIAL_TYPES.contains(typeWritten.trim().toLowerCase(Locale.ROOT))) {
            identity = true;
            notNull = true;
        }
        if (type != null && type.isEmpty()) {
            type = null;
        }
        while (q < e) {
            String w = t.upper(q);
            switch (w) {
                case "CONSTRAINT" -> q += 2;
                case "NOT" -> {
                    if (t.is(q + 1, "NULL")) {
                        notNull = true;
                        q += 2;
                    } else if (t.is(q + 1, "DEFERRABLE")) {
                        q += 2;
                    } else {
                        q++;
                    }
                }
                case "NULL" -> q++;
                case "DEFAULT" -> {
                    int d = q + 1;
                    int k = d;
                    while (k < e && !(t.isWord(k) && COLUMN_OPTION_WORDS.contains(t.upper(k))
                            && !(t.is(k, "NULL") && k == d) && !(t.is(k, "NOT") && !t.is(k + 1, "NULL")
                            && !t.is(k + 1, "DEFERRABLE")))) {
                        if (t.isOp(k, "(") || t.isOp(k, "[")) {
                            k = t.closing(k);
                        }
                        k++;
                    }
                    defaultFrom = d;
                    defaultTo = Math.min(k, e);
                    q = k;
                }
                case "CHECK" -> {
                    check = true;
                    q = t.closing(q + 1) + 1;
                    if (t.is(q, "NO", "INHERIT")) {
                        q += 2;
                    }
                }
                case "UNIQUE" -> {
                    unique = true;
                    q++;
                }
                case "PRIMARY" -> {
                    primaryKey = true;
                    notNull = true;
                    q += 2;
                }
                case "REFERENCES" -> {
                    references = Name.parse(t, q + 1);
                    q = references == null ? q + 1 : references.end();
                    while (q < e && !(t.isWord(q) && COLUMN_OPTION_WORDS.contains(t.upper(q)))) {
                        if (t.isOp(q, "(")) {
                            q = t.closing(q);
                        }
                        q++;
                    }
                }
                case "GENERATED" -> {
                    int k = q + 1;
                    if (t.is(k, "ALWAYS")) {
                        k++;
                    } else if (t.is(k, "BY", "DEFAULT")) {
                        k += 2;
                    }
                    if (t.is(k, "AS", "IDENTITY")) {
                        identity = true;
                        notNull = true;
                        q = k + 2;
                        if (t.isOp(q, "(")) {
                            q = t.closing(q) + 1;
                        }
                    } else {
                        generated = true;
                        q = t.isOp(k + 1, "(") ? t.closing(k + 1) + 1 : k + 1;
                        if (t.is(q, "STORED") || t.is(q, "VIRTUAL")) {
                            generatedKind = t.upper(q);
                            q++;
                        }
                    }
                }
                case "COLLATE", "COMPRESSION", "STORAGE" -> q += 2;
                case "DEFERRABLE" -> q++;
                case "INITIALLY" -> q += 2;
                default -> q++;
            }
        }
        return new ColumnDef(name, type, typeWritten, notNull, primaryKey, unique, check, references, defaultFrom,
                defaultTo, identity, generated, generatedKind);
    }

    /** The identifiers inside the parenthesised expression at {@code paren} (column candidates). */
    static Set<String> identifiers(Tokens t, int paren) {
        Set<String> ids = new HashSet<>();
        int close = Math.min(t.closing(paren), t.size());
        for (int k = paren + 1; k < close; k++) {
            if (t.isIdent(k)) {
                ids.add(t.ident(k));
            }
        }
        return ids;
    }
}
