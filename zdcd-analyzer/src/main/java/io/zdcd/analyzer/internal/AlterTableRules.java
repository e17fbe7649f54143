package io.zdcd.analyzer.internal;

import static io.zdcd.classify.LockMode.ACCESS_EXCLUSIVE;
import static io.zdcd.classify.LockMode.ACCESS_SHARE;
import static io.zdcd.classify.LockMode.SHARE_ROW_EXCLUSIVE;
import static io.zdcd.classify.LockMode.SHARE_UPDATE_EXCLUSIVE;

import io.zdcd.analyzer.internal.recognise.AlterTableRecogniser;
import io.zdcd.analyzer.internal.rules.RuleSet;
import io.zdcd.classify.Verdict;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** ALTER TABLE and its actions (the heart of most migrations), plus the other ALTER commands. */
public final class AlterTableRules {
    private AlterTableRules() {
    }

    static void alter(Tokens t, int i, Judgement j) {
        int p = i + 1;
        if (t.is(p, "TABLE")) {
            alterTable(t, p + 1, j, "ALTER TABLE");
        } else if (t.is(p, "FOREIGN", "TABLE")) {
            alterTable(t, p + 2, j, "ALTER FOREIGN TABLE");
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

    private static void alterTable(Tokens t, int p, Judgement j, String what) {
        if (t.is(p, "ALL", "IN")) {
            j.kind(what + " ALL IN TABLESPACE");
            j.finding(Rules.TABLE_REWRITE, "moves every table of a tablespace: rewrites them all under "
                    + "AccessExclusiveLock");
            j.rewrite = true;
            return;
        }
        if (t.is(p, "IF", "EXISTS")) {
            p += 2;
        }
        if (t.is(p, "ONLY")) {
            p++;
        }
        Name table = Name.parse(t, p);
        if (table == null) {
            j.kind(what);
            j.finding(Rules.UNRECOGNISED, what + " without a table name");
            return;
        }
        j.table(table);
        p = table.end();
        if (t.isOp(p, "*")) {
            p++;
        }
        if (p >= t.size()) {
            j.kind(what);
            j.finding(Rules.UNRECOGNISED, what + " without an action");
            return;
        }
        // actions, separated by commas at depth 0
        List<int[]> actions = new ArrayList<>();
        int s = p;
        for (int k = p; k <= t.size(); k++) {
            if (k == t.size() || t.isOp(k, ",")) {
                actions.add(new int[] {s, k});
                s = k + 1;
            } else if (t.isOp(k, "(") || t.isOp(k, "[")) {
                k = t.closing(k);
            }
        }
        List<String> kinds = new ArrayList<>();
        j.facts.command = "ALTER TABLE";
        j.facts.table = table;
        j.facts.actions = actions.size();
        boolean dropsConstraint = false;
        boolean addsPrimaryKeyUsingIndex = false;
        for (int[] a : actions) {
            dropsConstraint |= t.is(a[0], "DROP", "CONSTRAINT");
            addsPrimaryKeyUsingIndex |= t.is(a[0], "ADD") && t.contains(a[0], a[1], "PRIMARY")
                    && t.contains(a[0], a[1], "USING") && t.contains(a[0], a[1], "INDEX");
        }
        j.primaryKeySwap = dropsConstraint && addsPrimaryKeyUsingIndex;
        for (int[] a : actions) {
            kinds.add(action(t, a[0], a[1], table, j));
        }
        j.kind(what + " " + String.join(", ", kinds.stream().distinct().toList()));
    }

    /** Judges one action; returns its kind (e.g. "ADD COLUMN"). */
    private static String action(Tokens t, int a, int e, Name table, Judgement j) {
        AlterTableRecogniser.Action moved = AlterTableRecogniser.action(t, a, e, table, j);
        if (moved != null) {
            RuleSet.judge(moved.records(), j);
            return moved.kind();
        }
        boolean isNew = !j.ctx.existedBefore(table.key());
        String up = t.upper(a);
        switch (up) {
            case "SET":
                return set(t, a + 1, e, table, isNew, j);
            case "RESET":
                j.lock(table, SHARE_UPDATE_EXCLUSIVE);
                j.finding(Rules.TABLE_SETTINGS, Verdict.SAFE, "resets storage parameters: "
                        + "ShareUpdateExclusiveLock, no rewrite");
                return "RESET";
            case "ENABLE", "DISABLE", "FORCE":
                return enableDisable(t, a, e, table, isNew, j);
            case "CLUSTER":
                j.lock(table, SHARE_UPDATE_EXCLUSIVE);
                j.finding(Rules.TABLE_SETTINGS, Verdict.SAFE, "marks the index to CLUSTER on; no rewrite now");
                return "CLUSTER ON";
            case "OWNER":
                j.lock(table, ACCESS_EXCLUSIVE);
                ownerTo(j, isNew, table.display());
                return "OWNER TO";
            case "REPLICA":
                j.lock(table, ACCESS_EXCLUSIVE);
                j.finding(Rules.TABLE_SETTINGS, Verdict.SAFE, "changes the replica identity: a brief "
                        + "AccessExclusiveLock, no rewrite");
                return "REPLICA IDENTITY";
            case "NO":
                if (t.is(a + 1, "FORCE")) {
                    return enableDisable(t, a, e, table, isNew, j);
                }
                // fall through: NO INHERIT
            case "INHERIT", "OF", "NOT":
                j.lock(table, ACCESS_EXCLUSIVE);
                j.lock(t.is(a, "INHERIT") ? Name.parse(t, a + 1) : null, SHARE_UPDATE_EXCLUSIVE); // traced: the parent
                j.lock(t.is(a, "NO", "INHERIT") ? Name.parse(t, a + 2) : null, ACCESS_SHARE); // traced: the parent
                j.finding(Rules.INHERITANCE, isNew ? Verdict.SAFE : Verdict.UNSAFE, "changes the table's "
                        + "inheritance or type: queries on the parent see different rows");
                return (t.is(a, "NO") ? "NO INHERIT" : t.is(a, "NOT") ? "NOT OF" : t.upper(a));
            case "ATTACH":
                return PartitionRules.attach(t, a + 2, e, table, isNew, j);
            case "DETACH":
                return PartitionRules.detach(t, a + 2, e, table, isNew, j);
            default:
                j.lock(table, ACCESS_EXCLUSIVE);
                j.finding(Rules.UNRECOGNISED, "zdcd does not recognise the ALTER TABLE action '"
                        + StatementRules.abbreviate(t.text(a, e - 1)) + "'; treated as UNSAFE");
                return "UNRECOGNISED ACTION";
        }
    }

    // ---------------------------------------------------------------- ADD COLUMN

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

    /** OWNER TO on an existing object: the old owner (often the app's own role) loses its owner rights. */
    static void ownerTo(Judgement j, boolean isNew, String what) {
        if (isNew) {
            j.finding(Rules.OWNER, Verdict.SAFE, "changes the owner of " + what + ", created in this migration");
            return;
        }
        j.breaksOldCode = true;
        j.finding(Rules.OWNER, Verdict.UNSAFE, "changes the owner of " + what + ": the old owner (often the role the "
                + "app connects as) loses the rights it had only as owner, so the old code's queries or DDL on it "
                + "can fail with permission denied; a brief AccessExclusiveLock");
    }

    static String notNullRecipe(Name table, String col, PgVersion v) {
        return SqlText.notNullRecipe(table, col, v);
    }

    // ---------------------------------------------------------------- SET / ENABLE / DISABLE

    private static final Set<String> SUE_PARAMETERS = Set.of("fillfactor", "parallel_workers",
            "autovacuum_enabled", "toast_tuple_target", "vacuum_index_cleanup", "vacuum_truncate",
            "log_autovacuum_min_duration", "user_catalog_table", "n_distinct", "n_distinct_inherited");

    private static String set(Tokens t, int p, int e, Name table, boolean isNew, Judgement j) {
        PgVersion v = j.ctx.version;
        if (t.is(p, "TABLESPACE") || t.is(p, "LOGGED") || t.is(p, "UNLOGGED") || t.is(p, "ACCESS", "METHOD")) {
            String what = t.is(p, "ACCESS") ? "SET ACCESS METHOD" : "SET " + t.upper(p);
            j.lock(table, ACCESS_EXCLUSIVE);
            if ((t.is(p, "LOGGED") || t.is(p, "UNLOGGED")) && v.atLeast(15)) {
                // PostgreSQL 15+ changes the persistence of the sequences the table owns with it
                j.ctx.schema.ownedSequences(table).forEach(s -> j.lock(s, ACCESS_EXCLUSIVE));
            }
            if (what.equals("SET ACCESS METHOD") && !v.atLeast(15)) {
                j.finding(Rules.UNSUPPORTED_VERSION, Verdict.UNSAFE, "SET ACCESS METHOD needs PostgreSQL 15+; the "
                        + "target is " + v);
            } else if (isNew) {
                j.finding(Rules.TABLE_REWRITE, Verdict.SAFE, what + " on a table created in this migration");
            } else {
                j.rewrite = true;
                j.longRunning = true;
                j.finding(Rules.TABLE_REWRITE, Verdict.UNSAFE, what + " rewrites " + table.display()
                        + " under AccessExclusiveLock (reads and writes blocked for the whole copy)");
            }
            return what;
        }
        if (t.isOp(p, "(")) {
            boolean allSue = true;
            for (int k = p + 1; k < t.closing(p); k++) {
                if (t.isWord(k) && (k == p + 1 || t.isOp(k - 1, ","))) {
                    String name = t.ident(k);
                    if (t.isOp(k + 1, ".")) {
                        name = name + "." + t.ident(k + 2);
                    }
                    if (!SUE_PARAMETERS.contains(name) && !name.startsWith("autovacuum_")
                            && !name.startsWith("toast.")) {
                        allSue = false;
                    }
                }
            }
            j.lock(table, allSue ? SHARE_UPDATE_EXCLUSIVE : ACCESS_EXCLUSIVE);
            j.finding(Rules.TABLE_SETTINGS, Verdict.SAFE, "changes storage parameters: "
                    + (allSue ? "ShareUpdateExclusiveLock" : "a brief AccessExclusiveLock") + ", no rewrite (new "
                    + "settings apply to future writes)");
            return "SET (...)";
        }
        if (t.is(p, "WITHOUT")) {
            j.lock(table, t.is(p + 1, "CLUSTER") ? SHARE_UPDATE_EXCLUSIVE : ACCESS_EXCLUSIVE);
            j.finding(Rules.TABLE_SETTINGS, Verdict.SAFE, "SET WITHOUT " + t.upper(p + 1) + ": catalog only");
            return "SET WITHOUT " + t.upper(p + 1);
        }
        if (t.is(p, "SCHEMA")) {
            j.lock(table, ACCESS_EXCLUSIVE);
            if (isNew) {
                j.finding(Rules.RENAME_TABLE, Verdict.SAFE, "moves a table created in this migration");
            } else {
                j.breaksOldCode = true;
                j.finding(Rules.RENAME_TABLE, Verdict.UNSAFE, "moves " + table.display() + " to schema "
                        + t.ident(p + 1) + ": the old code's queries that name (or search_path-find) it break");
            }
            return "SET SCHEMA";
        }
        j.lock(table, ACCESS_EXCLUSIVE);
        j.finding(Rules.UNRECOGNISED, "zdcd does not recognise the ALTER TABLE action 'SET "
                + StatementRules.abbreviate(t.text(p, e - 1)) + "'; treated as UNSAFE");
        return "SET";
    }

    private static String enableDisable(Tokens t, int a, int e, Name table, boolean isNew, Judgement j) {
        String text = t.text(a, e - 1).toUpperCase(java.util.Locale.ROOT).replaceAll("\\s+", " ");
        if (text.contains("ROW LEVEL SECURITY")) {
            j.lock(table, ACCESS_EXCLUSIVE);
            boolean restricts = t.is(a, "ENABLE") || t.is(a, "FORCE");
            if (restricts && !isNew) {
                j.breaksOldCode = true;
                j.finding(Rules.ROW_LEVEL_SECURITY, Verdict.UNSAFE, text + " on " + table.display() + ": queries by "
                        + (t.is(a, "FORCE") ? "the table's owner (often the role the app connects as) now also "
                        + "see" : "roles other than the owner (and superusers, BYPASSRLS roles) see") + " and change "
                        + "only rows a policy allows (none without a policy)",
                        "CREATE POLICY ... permissive policies covering the old code's access first, then enable "
                                + "row level security in a later migration");
            } else {
                j.finding(Rules.ROW_LEVEL_SECURITY, Verdict.SAFE, text + ": a brief AccessExclusiveLock; no "
                        + "rows are hidden from the old code by it");
            }
            return text.replace(" " + table.display().toUpperCase(java.util.Locale.ROOT), "");
        }
        if (text.contains("TRIGGER")) {
            j.lock(table, SHARE_ROW_EXCLUSIVE);
            j.finding(Rules.TRIGGER, Verdict.SAFE, text + ": a brief ShareRowExclusiveLock; writes now "
                    + (t.is(a, "DISABLE") ? "skip" : "run") + " the trigger");
            return t.upper(a) + " TRIGGER";
        }
        if (text.contains("RULE")) {
            j.lock(table, ACCESS_EXCLUSIVE);
            j.finding(Rules.TRIGGER, isNew ? Verdict.SAFE : Verdict.UNSAFE, text + ": query rewrite rules change "
                    + "what the old code's statements do");
            return t.upper(a) + " RULE";
        }
        j.lock(table, ACCESS_EXCLUSIVE);
        j.finding(Rules.UNRECOGNISED, "zdcd does not recognise the ALTER TABLE action '"
                + StatementRules.abbreviate(text) + "'; treated as UNSAFE");
        return t.upper(a);
    }
}
