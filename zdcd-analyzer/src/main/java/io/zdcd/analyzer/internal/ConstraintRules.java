package io.zdcd.analyzer.internal;

import static io.zdcd.classify.LockMode.ACCESS_EXCLUSIVE;
import static io.zdcd.classify.LockMode.SHARE_ROW_EXCLUSIVE;
import static io.zdcd.classify.LockMode.SHARE_UPDATE_EXCLUSIVE;

import io.zdcd.classify.Verdict;
import java.util.ArrayList;
import java.util.List;

/** ADD / DROP / VALIDATE CONSTRAINT. */
final class ConstraintRules {
    private ConstraintRules() {
    }

    static String addConstraint(Tokens t, int p, int e, Name table, boolean isNew, Judgement j) {
        String name = null;
        if (t.is(p, "CONSTRAINT")) {
            name = t.ident(p + 1);
            p += 2;
        }
        boolean notValid = false;
        for (int k = p; k < e; k++) {
            if (t.isOp(k, "(")) {
                k = t.closing(k);
            } else if (t.is(k, "NOT", "VALID")) {
                notValid = true;
            }
        }
        if (notValid) {
            j.facts.notValidConstraints++;
        }
        String tn = table.display();
        String named = name == null ? "" : " " + name;
        Schema.Table st = j.ctx.schema.tableOrCreate(table.key());
        Schema.Constraint known = new Schema.Constraint();
        known.validated = !notValid;
        String kind;
        if (t.is(p, "CHECK")) {
            kind = "CHECK";
            known.kind = "CHECK";
            known.notNullColumn = isNotNullCheck(t, p + 1);
            known.checkColumns = identifiers(t, p + 1);
            j.lock(table, ACCESS_EXCLUSIVE);
            if (isNew) {
                j.finding(Rules.ADD_CHECK, Verdict.SAFE, "adds a CHECK to a table created in this migration");
            } else if (notValid && oldWritesViolate(table, known.notNullColumn, j)) {
                j.breaksOldCode = true;
                j.finding(Rules.ADD_CHECK_NOT_VALID, Verdict.UNSAFE, "adds CHECK" + named + " NOT VALID on "
                        + tn + "." + known.notNullColumn + ", " + OLD_WRITES_VIOLATE, oldWritesAlternative(table,
                        known.notNullColumn));
            } else if (notValid) {
                j.finding(Rules.ADD_CHECK_NOT_VALID, Verdict.SAFE, "adds CHECK" + named + " NOT VALID: a brief "
                        + "AccessExclusiveLock, existing rows are not scanned; new writes must satisfy it at once");
            } else {
                j.scan = true;
                j.longRunning = true;
                j.finding(Rules.ADD_CHECK, Verdict.UNSAFE, "adds CHECK" + named + " to " + tn + ": every row is "
                        + "checked under AccessExclusiveLock (reads and writes blocked for the scan)",
                        "ALTER TABLE " + tn + " ADD CONSTRAINT " + AlterTableRules.quote(name == null ? "name" : name)
                                + " " + t.text(p, e - 1) + " NOT VALID;\n-- then, in its own transaction:\n"
                                + "ALTER TABLE " + tn + " VALIDATE CONSTRAINT "
                                + AlterTableRules.quote(name == null ? "name" : name) + ";");
            }
        } else if (t.is(p, "FOREIGN", "KEY")) {
            kind = "FOREIGN KEY";
            known.kind = kind;
            int r = t.find(p, "REFERENCES");
            Name ref = r < 0 ? null : Name.parse(t, r + 1);
            known.referencedTable = ref == null ? null : ref.key();
            known.referencedColumns = ref == null ? List.of() : columnList(t, ref.end(), e);
            j.lock(table, SHARE_ROW_EXCLUSIVE);
            j.lock(ref, SHARE_ROW_EXCLUSIVE);
            String refShown = ref == null ? "the referenced table" : ref.display();
            if (isNew) {
                j.finding(Rules.ADD_FOREIGN_KEY, Verdict.SAFE, "adds a foreign key to a table created in this "
                        + "migration: a brief ShareRowExclusiveLock on " + refShown + ", nothing to scan");
            } else if (notValid) {
                j.finding(Rules.ADD_FOREIGN_KEY_NOT_VALID, Verdict.SAFE, "adds foreign key" + named + " NOT VALID: a "
                        + "brief ShareRowExclusiveLock on " + tn + " and " + refShown + ", no scan; new writes must "
                        + "satisfy it at once");
            } else {
                j.scan = true;
                j.longRunning = true;
                String n = AlterTableRules.quote(name == null ? "name" : name);
                j.finding(Rules.ADD_FOREIGN_KEY, Verdict.UNSAFE, "adds foreign key" + named + ": " + tn + " is scanned "
                        + "to validate it while ShareRowExclusiveLock on " + tn + " and " + refShown + " blocks their "
                        + "writes", "ALTER TABLE " + tn + " ADD CONSTRAINT " + n + " " + t.text(p, e - 1)
                        + " NOT VALID;\n-- then, in its own transaction (ShareUpdateExclusiveLock, writes go on):\n"
                        + "ALTER TABLE " + tn + " VALIDATE CONSTRAINT " + n + ";");
            }
        } else if (t.is(p, "UNIQUE") || t.is(p, "PRIMARY", "KEY")) {
            kind = t.is(p, "UNIQUE") ? "UNIQUE" : "PRIMARY KEY";
            known.kind = kind;
            known.validated = true;
            int u = t.find(p, "USING");
            boolean usingIndex = u >= 0 && t.is(u + 1, "INDEX");
            if (kind.equals("PRIMARY KEY")) { // its columns: the batch loops of zdcd fix key on them
                Schema.Index backing = usingIndex ? j.ctx.schema.indexes().get(t.ident(u + 2)) : null;
                int paren = usingIndex ? -1 : firstParen(t, p, e);
                known.keyColumns = backing != null ? backing.columns() : paren < 0 ? List.of() : columnList(t, paren, e);
            }
            j.lock(table, ACCESS_EXCLUSIVE);
            if (usingIndex) {
                String idx = t.ident(u + 2);
                Schema.Index index = j.ctx.schema.index(idx);
                boolean pkScan = false;
                if (kind.equals("PRIMARY KEY") && !isNew) {
                    pkScan = index == null || index.columns().isEmpty() || !index.columns().stream().allMatch(c -> {
                        Schema.Column col = j.ctx.schema.column(table.key(), c);
                        return col != null && col.notNull;
                    });
                }
                if (pkScan) {
                    j.scan = true;
                    j.longRunning = true;
                    j.finding(Rules.ADD_UNIQUE_USING_INDEX, Verdict.UNSAFE, "adds PRIMARY KEY" + named + " USING INDEX "
                            + idx + ", but zdcd cannot see that its columns are already NOT NULL: PostgreSQL then "
                            + "scans " + tn + " under AccessExclusiveLock to set them NOT NULL",
                            "make the columns NOT NULL first (CHECK (col IS NOT NULL) NOT VALID, VALIDATE, "
                                    + "SET NOT NULL), then ADD CONSTRAINT ... PRIMARY KEY USING INDEX " + idx);
                } else {
                    j.finding(Rules.ADD_UNIQUE_USING_INDEX, Verdict.SAFE, "adds " + kind + named + " USING INDEX "
                            + idx + ": the index already exists and enforces it; a brief AccessExclusiveLock");
                }
                if (index != null && kind.equals("PRIMARY KEY")) {
                    for (String c : index.columns()) {
                        Schema.Column col = j.ctx.schema.column(table.key(), c);
                        if (col != null) {
                            col.notNull = true;
                        }
                    }
                }
            } else if (isNew) {
                j.finding(Rules.ADD_UNIQUE, Verdict.SAFE, "adds " + kind + " to a table created in this migration");
            } else {
                j.scan = true;
                j.longRunning = true;
                List<String> cols = columnList(t, t.find(p, "(") < 0 ? e : t.find(p, "("), e);
                if (kind.equals("PRIMARY KEY") || t.is(p, "UNIQUE")) {
                    int paren = firstParen(t, p, e);
                    cols = paren < 0 ? List.of() : columnList(t, paren, e);
                }
                String n = name != null ? name : kind.equals("PRIMARY KEY") ? table.last() + "_pkey"
                        : table.last() + "_" + String.join("_", cols) + "_key";
                String colText = String.join(", ", cols.stream().map(AlterTableRules::quote).toList());
                j.finding(Rules.ADD_UNIQUE, Verdict.UNSAFE, "adds " + kind + named + " to " + tn + ": the unique "
                        + "index is built under AccessExclusiveLock (reads and writes blocked for the whole build), "
                        + "and old code inserting duplicates fails",
                        "CREATE UNIQUE INDEX CONCURRENTLY " + AlterTableRules.quote(n) + " ON " + tn + " (" + colText
                                + ");\nALTER TABLE " + tn + " ADD CONSTRAINT " + AlterTableRules.quote(n) + " " + kind
                                + " USING INDEX " + AlterTableRules.quote(n) + ";");
                if (kind.equals("PRIMARY KEY")) {
                    for (String c : cols) {
                        Schema.Column col = j.ctx.schema.column(table.key(), c);
                        if (col != null) {
                            col.notNull = true;
                        }
                    }
                }
            }
        } else if (t.is(p, "EXCLUDE")) {
            kind = "EXCLUDE";
            known.kind = kind;
            j.lock(table, ACCESS_EXCLUSIVE);
            if (isNew) {
                j.finding(Rules.ADD_EXCLUDE, Verdict.SAFE, "adds an exclusion constraint to a table created in this "
                        + "migration");
            } else {
                j.scan = true;
                j.longRunning = true;
                j.finding(Rules.ADD_EXCLUDE, Verdict.UNSAFE, "adds an exclusion constraint to " + tn + ": its index "
                        + "is built under AccessExclusiveLock; PostgreSQL has no NOT VALID or USING INDEX for it");
            }
        } else if (t.is(p, "NOT", "NULL")) {
            kind = "NOT NULL";
            known.kind = kind;
            String col = t.ident(p + 2);
            known.notNullColumn = col;
            j.lock(table, ACCESS_EXCLUSIVE);
            if (!j.ctx.version.atLeast(18)) {
                j.finding(Rules.UNSUPPORTED_VERSION, Verdict.UNSAFE, "named NOT NULL constraints need PostgreSQL "
                        + "18+; the target is " + j.ctx.version, AlterTableRules.notNullRecipe(table, col,
                        j.ctx.version));
            } else if (!isNew && notValid && oldWritesViolate(table, col, j)) {
                j.breaksOldCode = true;
                j.finding(Rules.ADD_NOT_NULL_NOT_VALID, Verdict.UNSAFE, "adds NOT NULL " + col + " NOT VALID on "
                        + tn + "." + col + ", " + OLD_WRITES_VIOLATE, oldWritesAlternative(table, col));
            } else if (isNew || notValid) {
                j.finding(Rules.ADD_NOT_NULL_NOT_VALID, Verdict.SAFE, "adds NOT NULL " + col + (notValid ? " NOT "
                        + "VALID: a brief AccessExclusiveLock, no scan; VALIDATE it in its own transaction" : ""));
            } else {
                Schema.Column c = j.ctx.schema.column(table.key(), col);
                if (c != null && c.notNull) {
                    j.finding(Rules.SET_NOT_NULL, Verdict.SAFE, col + " is already NOT NULL");
                } else {
                    j.scan = true;
                    j.longRunning = true;
                    j.finding(Rules.SET_NOT_NULL, Verdict.UNSAFE, "adds a validated NOT NULL on " + tn + "." + col
                            + ": a full scan under AccessExclusiveLock", AlterTableRules.notNullRecipe(table, col,
                            j.ctx.version));
                }
            }
            if (!notValid) {
                Schema.Column c = j.ctx.schema.column(table.key(), col);
                if (c != null) {
                    c.notNull = true;
                }
            }
        } else {
            j.lock(table, ACCESS_EXCLUSIVE);
            j.finding(Rules.UNRECOGNISED, "zdcd does not recognise the constraint '"
                    + StatementRules.abbreviate(t.text(p, e - 1)) + "'; treated as UNSAFE");
            return "ADD CONSTRAINT";
        }
        if (st != null && (kind.equals("UNIQUE") || kind.equals("PRIMARY KEY") || kind.equals("EXCLUDE"))) {
            for (int k = p + 1; k < e; k++) { // the columns its index may mention (USING INDEX: the index's own)
                if (t.isIdent(k)) {
                    st.indexed.add(t.ident(k));
                }
            }
        }
        if (st != null && name != null) {
            st.putConstraint(name, known);
        }
        return "ADD CONSTRAINT " + kind + (notValid ? " NOT VALID" : "");
    }

    private static int firstParen(Tokens t, int p, int e) {
        for (int k = p; k < e; k++) {
            if (t.isOp(k, "(")) {
                return k;
            }
        }
        return -1;
    }

    /** The simple column names in the parenthesised list at {@code paren}. */
    static List<String> columnList(Tokens t, int paren, int e) {
        List<String> cols = new ArrayList<>();
        if (!t.isOp(paren, "(")) {
            return cols;
        }
        int close = t.closing(paren);
        boolean start = true;
        for (int k = paren + 1; k < close; k++) {
            if (start && t.isIdent(k)) {
                cols.add(t.ident(k));
            }
            if (t.isOp(k, "(")) {
                k = t.closing(k);
            }
            start = t.isOp(k, ",");
        }
        return cols;
    }

    /** The identifiers inside the parenthesised expression at {@code paren} (column candidates). */
    static java.util.Set<String> identifiers(Tokens t, int paren) {
        java.util.Set<String> ids = new java.util.HashSet<>();
        int close = Math.min(t.closing(paren), t.size());
        for (int k = paren + 1; k < close; k++) {
            if (t.isIdent(k)) {
                ids.add(t.ident(k));
            }
        }
        return ids;
    }

    /** For CHECK ( col IS NOT NULL ) (any parentheses), the column; else null. */
    private static String isNotNullCheck(Tokens t, int paren) {
        int close = t.closing(paren);
        int a = paren + 1;
        int b = close - 1;
        while (t.isOp(a, "(") && t.closing(a) == b) {
            a++;
            b--;
        }
        if (b - a == 3 && t.isIdent(a) && t.is(a + 1, "IS", "NOT", "NULL")) {
            return t.ident(a);
        }
        return null;
    }

    static String validate(Tokens t, int p, int e, Name table, boolean isNew, Judgement j) {
        String name = t.ident(p);
        j.lock(table, SHARE_UPDATE_EXCLUSIVE);
        Schema.Table st = j.ctx.schema.table(table.key());
        Schema.Constraint c = st == null ? null : st.constraints.get(name);
        if (c != null) {
            c.validated = true;
            if (c.referencedTable != null) {
                // traced: validating a foreign key opens the referenced table with RowShareLock
                j.lock(new Name(c.referencedTable, c.referencedTable, 0), io.zdcd.classify.LockMode.ROW_SHARE);
            }
            if ("NOT NULL".equals(c.kind) && c.notNullColumn != null) {
                Schema.Column col = st.columns.get(c.notNullColumn);
                if (col != null) {
                    col.notNull = true;
                }
            }
        }
        if (!isNew) {
            j.scan = true;
            j.longRunning = true;
        }
        j.finding(Rules.VALIDATE, Verdict.SAFE, "validates " + name + ": scans " + table.display() + " under "
                + "ShareUpdateExclusiveLock, which lets reads and writes go on");
        return "VALIDATE CONSTRAINT";
    }

    static String dropConstraint(Tokens t, int p, int e, Name table, boolean isNew, Judgement j) {
        if (t.is(p, "IF", "EXISTS")) {
            p += 2;
        }
        String name = t.ident(p);
        j.lock(table, ACCESS_EXCLUSIVE);
        Schema.Table st = j.ctx.schema.table(table.key());
        Schema.Constraint c = st == null ? null : st.removeConstraint(name);
        String kind = c != null ? c.kind : guessKind(name);
        if (c != null && c.referencedTable != null) {
            j.lock(new Name(c.referencedTable, c.referencedTable, 0), ACCESS_EXCLUSIVE);
        }
        if (!isNew && j.primaryKeySwap && ("PRIMARY KEY".equals(kind) || kind == null)) {
            j.finding(Rules.DROP_CONSTRAINT, Verdict.SAFE, "drops " + (kind == null ? "constraint" : kind) + " "
                    + name + " and adds the new PRIMARY KEY USING INDEX in the same statement: the documented swap, "
                    + "the table is never without a primary key; a brief AccessExclusiveLock");
        } else if (!isNew && ("UNIQUE".equals(kind) || "PRIMARY KEY".equals(kind))) {
            j.breaksOldCode = true;
            j.finding(Rules.DROP_UNIQUE, Verdict.UNSAFE, "drops " + kind + " " + name + (c == null ? " (judged by "
                    + "its name)" : "") + ": old code's INSERT ... ON CONFLICT on those columns fails without it, "
                    + "and duplicates become possible");
        } else if (!isNew && kind == null) {
            j.breaksOldCode = true;
            j.finding(Rules.DROP_UNIQUE, Verdict.UNSAFE, "drops constraint " + name + ", whose kind zdcd does not "
                    + "know (give the schema with --schema, or classify the migration that created it first): if it "
                    + "is UNIQUE or a PRIMARY KEY, the old code's INSERT ... ON CONFLICT on those columns fails "
                    + "without it, and duplicates become possible", "tell zdcd the schema; dropping a CHECK or a "
                    + "FOREIGN KEY is SAFE (a brief AccessExclusiveLock)");
        } else {
            j.finding(Rules.DROP_CONSTRAINT, Verdict.SAFE, "drops " + (kind == null ? "constraint" : kind) + " "
                    + name + ": a brief AccessExclusiveLock, no scan");
        }
        return "DROP CONSTRAINT";
    }

    private static String guessKind(String name) {
        if (name.endsWith("_pkey") || name.endsWith("_pk")) {
            return "PRIMARY KEY";
        }
        if (name.endsWith("_uniq") || name.endsWith("_key") || name.contains("_uniq_")) {
            return "UNIQUE";
        }
        if (name.contains("_fk_") || name.endsWith("_fkey") || name.endsWith("_fk")) {
            return "FOREIGN KEY";
        }
        if (name.endsWith("_check") || name.contains("_check_") || name.endsWith("_chk") || name.endsWith("_nn")
                || name.endsWith("_not_null")) {
            return "CHECK";
        }
        return null;
    }

    private static final String OLD_WRITES_VIOLATE = "a column this migration added without a default: the old code "
            + "does not write it, so its INSERTs leave it NULL and fail the constraint at once (NOT VALID skips the "
            + "existing rows, never new writes)";

    /** Whether the old code's INSERTs leave {@code column} NULL: added by this migration without a default. */
    private static boolean oldWritesViolate(Name table, String column, Judgement j) {
        return column != null && j.ctx.addedWithoutDefault.contains(table.key() + "." + column);
    }

    private static String oldWritesAlternative(Name table, String column) {
        return "add the column with a constant DEFAULT that stays (ALTER TABLE " + table.display() + " ALTER COLUMN "
                + AlterTableRules.quote(column) + " SET DEFAULT ...), or deploy code that writes "
                + AlterTableRules.quote(column) + " first and add the constraint in a later migration";
    }
}
