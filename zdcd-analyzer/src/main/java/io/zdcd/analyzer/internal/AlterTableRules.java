package io.zdcd.analyzer.internal;

import io.zdcd.analyzer.internal.model.OwnerTo;
import io.zdcd.analyzer.internal.recognise.AlterTableRecogniser;
import io.zdcd.analyzer.internal.rules.RuleSet;
import java.util.List;
import java.util.Set;

/**
 * What is left of the old ALTER dispatcher: ALTER FOREIGN TABLE goes to {@link AlterTableRecogniser} (ALTER TABLE is
 * registered with it), the other ALTER commands to {@code OtherRules}; and the column parser CREATE TABLE shares.
 */
public final class AlterTableRules {
    private AlterTableRules() {
    }

    static void alter(Tokens t, int i, Judgement j) {
        if (t.is(i + 1, "FOREIGN", "TABLE")) {
            RuleSet.judge(AlterTableRecogniser.alterForeignTable(t, i, j), j);
        } else {
            OtherRules.alterOther(t, i, j);
        }
    }

    /** A column being added or changed, as parsed from an action. */
    public static final class ColumnDef {
        public String name;
        public String type; // normalised, null if unknown
        public String typeWritten = "";
        public boolean notNull;
        public boolean primaryKey;
        public boolean unique;
        public boolean check;
        public Name references;
        public int defaultFrom = -1;
        public int defaultTo = -1;
        public boolean identity;
        public boolean generated;
        public String generatedKind = ""; // STORED, VIRTUAL or "" (PG 18 default: VIRTUAL)
    }

    private static final Set<String> COLUMN_OPTION_WORDS = Set.of("CONSTRAINT", "NOT", "NULL", "DEFAULT", "CHECK",
            "UNIQUE", "PRIMARY", "REFERENCES", "GENERATED", "COLLATE", "DEFERRABLE", "INITIALLY", "COMPRESSION",
            "STORAGE");

    public static final Set<String> SERIAL_TYPES = Set.of("serial", "bigserial", "smallserial", "serial4",
            "serial8", "serial2");

    /** Parses "name type options..." from {@code p}; returns null if there is no column name. */
    public static ColumnDef columnDef(Tokens t, int p, int e, Judgement j) {
        if (!t.isIdent(p)) {
            return null;
        }
        ColumnDef c = new ColumnDef();
        c.name = t.ident(p);
        int q = p + 1;
        int typeStart = q;
        while (q < e && !(t.isWord(q) && COLUMN_OPTION_WORDS.contains(t.upper(q)))) {
            if (t.isOp(q, "(") || t.isOp(q, "[")) {
                q = t.closing(q);
            }
            q++;
        }
        c.typeWritten = t.text(typeStart, Math.min(q, e) - 1);
        c.type = c.typeWritten.isEmpty() ? null : ColumnTypes.normalise(c.typeWritten);
        String base = c.type == null ? "" : c.type;
        if (SERIAL_TYPES.contains(c.typeWritten.trim().toLowerCase(java.util.Locale.ROOT))) {
            c.identity = true;
            c.notNull = true;
        }
        if (base.isEmpty()) {
            c.type = null;
        }
        while (q < e) {
            String w = t.upper(q);
            switch (w) {
                case "CONSTRAINT" -> q += 2;
                case "NOT" -> {
                    if (t.is(q + 1, "NULL")) {
                        c.notNull = true;
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
                    c.defaultFrom = d;
                    c.defaultTo = Math.min(k, e);
                    q = k;
                }
                case "CHECK" -> {
                    c.check = true;
                    q = t.closing(q + 1) + 1;
                    if (t.is(q, "NO", "INHERIT")) {
                        q += 2;
                    }
                }
                case "UNIQUE" -> {
                    c.unique = true;
                    q++;
                }
                case "PRIMARY" -> {
                    c.primaryKey = true;
                    c.notNull = true;
                    q += 2;
                }
                case "REFERENCES" -> {
                    c.references = Name.parse(t, q + 1);
                    q = c.references == null ? q + 1 : c.references.end();
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
                        c.identity = true;
                        c.notNull = true;
                        q = k + 2;
                        if (t.isOp(q, "(")) {
                            q = t.closing(q) + 1;
                        }
                    } else {
                        c.generated = true;
                        q = t.isOp(k + 1, "(") ? t.closing(k + 1) + 1 : k + 1;
                        if (t.is(q, "STORED") || t.is(q, "VIRTUAL")) {
                            c.generatedKind = t.upper(q);
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
        return c;
    }

    static String quote(String ident) {
        return SqlText.quote(ident);
    }

    static String notNullRecipe(Name table, String col, PgVersion v) {
        return SqlText.notNullRecipe(table, col, v);
    }

    /** OWNER TO on an object the caller has locked: rule owner-change. */
    static void ownerTo(Judgement j, boolean isNew, String what) {
        RuleSet.judge(List.of(new OwnerTo(null, isNew, what)), j);
    }
}
