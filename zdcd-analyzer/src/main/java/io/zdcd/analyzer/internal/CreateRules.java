package io.zdcd.analyzer.internal;

import static io.zdcd.classify.LockMode.ACCESS_EXCLUSIVE;
import static io.zdcd.classify.LockMode.ACCESS_SHARE;
import static io.zdcd.classify.LockMode.SHARE_ROW_EXCLUSIVE;
import static io.zdcd.classify.LockMode.SHARE_UPDATE_EXCLUSIVE;

import io.zdcd.classify.Verdict;
import java.util.List;
import java.util.Set;

/** CREATE commands. */
final class CreateRules {
    private CreateRules() {
    }

    static void create(Tokens t, int i, Judgement j) {
        int p = i + 1;
        boolean orReplace = false;
        if (t.is(p, "OR", "REPLACE")) {
            orReplace = true;
            p += 2;
        }
        boolean temp = false;
        while (t.is(p, "TEMP") || t.is(p, "TEMPORARY") || t.is(p, "UNLOGGED") || t.is(p, "GLOBAL")
                || t.is(p, "LOCAL") || t.is(p, "RECURSIVE") || t.is(p, "TRUSTED") || t.is(p, "PROCEDURAL")
                || t.is(p, "DEFAULT")) {
            temp |= t.is(p, "TEMP") || t.is(p, "TEMPORARY");
            p++;
        }
        switch (t.upper(p)) {
            case "TABLE" -> table(t, p + 1, j, temp);
            case "VIEW" -> view(t, p + 1, j, orReplace, "VIEW");
            case "MATERIALIZED" -> materializedView(t, p + 2, j);
            case "TRIGGER", "CONSTRAINT" -> trigger(t, p, j);
            case "POLICY" -> policy(t, p + 1, j);
            case "RULE" -> rule(t, p + 1, j);
            case "STATISTICS" -> {
                j.kind("CREATE STATISTICS");
                int on = t.find(p, "FROM");
                Name table = on < 0 ? null : Name.parse(t, on + 1);
                j.lock(table, SHARE_UPDATE_EXCLUSIVE);
                j.finding(Rules.CREATE_OBJECT, Verdict.SAFE, "creates extended statistics: ShareUpdateExclusiveLock, "
                        + "no scan until ANALYZE");
            }
            case "SEQUENCE", "TYPE", "DOMAIN", "SCHEMA", "EXTENSION", "FUNCTION", "PROCEDURE", "AGGREGATE",
                 "OPERATOR", "COLLATION", "CAST", "TEXT", "CONVERSION", "LANGUAGE", "ROLE", "USER", "GROUP",
                 "PUBLICATION", "SUBSCRIPTION", "SERVER", "FOREIGN", "EVENT", "ACCESS", "TRANSFORM", "TABLESPACE",
                 "DATABASE" -> {
                String what = t.upper(p);
                j.kind("CREATE " + what);
                if (what.equals("FOREIGN") && t.is(p + 1, "TABLE")) {
                    Name n = Name.parse(t, p + 2 + (t.is(p + 2, "IF") ? 3 : 0));
                    if (n != null) {
                        j.ctx.createdHere.add(n.key());
                        j.table(n);
                    }
                }
                if (!what.equals("FOREIGN") && !what.equals("TEXT") && !what.equals("EVENT")
                        && !what.equals("ACCESS")) {
                    int q = p + 1 + (t.is(p + 1, "IF", "NOT", "EXISTS") ? 3 : 0);
                    Name n = Name.parse(t, q);
                    if (n != null && !orReplace) {
                        j.ctx.createdHere.add(n.key());
                        if (what.equals("SEQUENCE")) {
                            j.ctx.schema.otherRelations.put(n.key(), "SEQUENCE");
                        }
                    }
                }
                if ((what.equals("DATABASE") || what.equals("TABLESPACE")) && j.ctx.inTransaction) {
                    j.finding(Rules.NOT_IN_TRANSACTION, Verdict.UNSAFE, "CREATE " + what + " cannot run inside a "
                            + "transaction block");
                }
                if ((what.equals("FUNCTION") || what.equals("PROCEDURE")) && orReplace) {
                    j.finding(Rules.CREATE_OBJECT, Verdict.SAFE, "creates or replaces a " + what.toLowerCase()
                            + ": takes no table lock; a replaced body changes what callers (and triggers) of the old "
                            + "code get");
                } else {
                    j.finding(Rules.CREATE_OBJECT, Verdict.SAFE, "creates a new " + what.toLowerCase()
                            + ": takes no lock on existing tables");
                }
            }
            default -> {
                j.kind("CREATE");
                j.finding(Rules.UNRECOGNISED, "zdcd does not recognise 'CREATE " + StatementRules.abbreviate(
                        t.text(p)) + "'; treated as UNSAFE");
            }
        }
    }

    // ---------------------------------------------------------------- CREATE TABLE

    private static void table(Tokens t, int p, Judgement j, boolean temp) {
        j.kind("CREATE TABLE");
        boolean ifNotExists = t.is(p, "IF", "NOT", "EXISTS");
        if (ifNotExists) {
            p += 3;
        }
        Name name = Name.parse(t, p);
        if (name == null) {
            j.finding(Rules.UNRECOGNISED, "CREATE TABLE without a table name");
            return;
        }
        j.table(name);
        // IF NOT EXISTS may be a no-op on the live table; an unqualified TEMP table, or one created while search_path
        // puts another schema first, is not the public table of that name: later statements on the name are judged
        // as on the existing table (fail closed)
        boolean elsewhere = !name.display().contains(".") && (temp || j.ctx.searchPathElsewhere);
        boolean known = !ifNotExists && !elsewhere;
        if (known) {
            j.ctx.createdHere.add(name.key());
        }
        p = name.end();
        int afterColumns = t.isOp(p, "(") ? t.closing(p) + 1 : p;
        int as = t.is(p, "PARTITION", "OF") ? -1 : t.find(afterColumns, "AS");
        if (as >= 0) {
            // CREATE TABLE ... AS query
            j.kind("CREATE TABLE AS");
            Schema.Table st = j.ctx.schema.createTable(name.key());
            st.columns.clear();
            int before = j.tables.size();
            readsSources(t, as + 1, j);
            j.longRunning = j.tables.size() > before;
            j.finding(Rules.CREATE_TABLE_AS, Verdict.SAFE, "creates " + name.display() + " from a query: reads the "
                    + "source tables in full under AccessShareLock (reads and writes go on)");
            return;
        }
        // what it declares is known unless the table already existed (IF NOT EXISTS: a no-op) or lives elsewhere
        boolean existed = j.ctx.schema.table(name.key()) != null;
        Schema.Table st = !elsewhere && !(ifNotExists && existed) ? j.ctx.schema.createTable(name.key()) : null;
        if (t.is(p, "PARTITION", "OF")) {
            partitionOf(t, p, name, st, j);
            return;
        }
        if (st != null && isPartitionBy(t, t.find(afterColumns, "PARTITION"))) {
            st.partitioned = true;
        }
        if (t.isOp(p, "(")) {
            int close = t.closing(p);
            int s = p + 1;
            for (int k = p + 1; k <= close && k <= t.size(); k++) {
                if (k == close || t.isOp(k, ",")) {
                    element(t, s, k, name, st, j);
                    s = k + 1;
                } else if (t.isOp(k, "(") || t.isOp(k, "[")) {
                    k = t.closing(k);
                }
            }
            int like = -1;
            for (int k = p + 1; k < close; k++) {
                if (t.is(k, "LIKE") && (t.isOp(k - 1, "(") || t.isOp(k - 1, ","))) {
                    like = k;
                }
            }
            if (like >= 0) {
                Name src = Name.parse(t, like + 1);
                j.lock(src, ACCESS_SHARE);
                Schema.Table sst = src == null ? null : j.ctx.schema.table(src.key());
                if (sst != null && st != null) {
                    sst.columns.forEach((k, v) -> st.columns.put(k, v.copy()));
                    if (t.contains(like, close, "INDEXES") || t.contains(like, close, "ALL")) {
                        sst.columns.keySet().stream().filter(k -> j.ctx.schema.mayBeIndexed(src.key(), k))
                                .forEach(st.indexed::add);
                    }
                }
            }
        }
        j.finding(Rules.CREATE_TABLE, Verdict.SAFE, "creates " + name.display() + (j.lock != null
                ? ": a brief " + j.lock.pgName() + " on the referenced table(s), nothing to scan (the new table is "
                + "empty)" : ": takes no lock on existing tables"));
    }

    private static boolean isPartitionBy(Tokens t, int k) {
        return k >= 0 && t.is(k, "PARTITION", "BY");
    }

    /**
     * CREATE TABLE name PARTITION OF parent [(...)] {FOR VALUES ... | DEFAULT} [PARTITION BY ...]: a brief
     * AccessExclusiveLock on the parent, but a DEFAULT partition of the parent is scanned (under AccessExclusiveLock)
     * for rows that belong to the new partition.
     */
    private static void partitionOf(Tokens t, int p, Name name, Schema.Table st, Judgement j) {
        Name parent = Name.parse(t, p + 2);
        j.lock(parent, ACCESS_EXCLUSIVE);
        Schema.Table pt = parent == null ? null : j.ctx.schema.table(parent.key());
        if (pt != null && st != null) {
            pt.columns.forEach((k, v) -> st.columns.put(k, v.copy()));
        }
        int q = parent == null ? p + 2 : parent.end();
        if (t.isOp(q, "(")) {
            q = t.closing(q) + 1;
        }
        boolean isDefault = t.is(q, "DEFAULT");
        String shown = "partition " + name.display() + " of " + (parent == null ? "a table" : parent.display());
        String def = parent == null ? null : j.ctx.schema.defaultPartition(parent.key());
        if (st != null) {
            j.ctx.schema.partitionOf(st, parent == null ? null : parent.key());
            st.defaultPartition = isDefault;
            st.partitioned = isPartitionBy(t, t.find(q, "PARTITION"));
        } else if (isDefault && parent != null) { // IF NOT EXISTS: it may be the parent's DEFAULT (fail closed)
            Schema.Table maybe = j.ctx.schema.tableOrCreate(name.key());
            j.ctx.schema.partitionOf(maybe, parent.key());
            maybe.defaultPartition = true;
        }
        boolean parentNew = parent != null && !j.ctx.existedBefore(parent.key());
        if (isDefault) {
            if (def != null && !def.isEmpty() && !def.equals(name.key())) {
                j.finding(Rules.CREATE_TABLE, Verdict.UNSAFE, "creates the DEFAULT " + shown + ", but "
                        + parent.display() + " already has the DEFAULT partition " + def + ": PostgreSQL raises an "
                        + "error");
            } else {
                j.finding(Rules.CREATE_TABLE, Verdict.SAFE, "creates the DEFAULT " + shown + ": a brief "
                        + "AccessExclusiveLock on the parent, nothing to scan (the new partition is empty)");
            }
            return;
        }
        if (def == null) {
            j.finding(Rules.CREATE_TABLE, Verdict.SAFE, "creates " + shown + ": a brief AccessExclusiveLock on the "
                    + "parent; zdcd does not know whether " + (parent == null ? "it" : parent.display())
                    + " has a DEFAULT partition (give the schema with --schema, or classify the migration that "
                    + "created it first): if it has one, "
                    + "PostgreSQL scans it for rows of the new range under AccessExclusiveLock");
        } else if (def.isEmpty()) {
            j.finding(Rules.CREATE_TABLE, Verdict.SAFE, "creates " + shown + ": a brief AccessExclusiveLock on the "
                    + "parent; it has no DEFAULT partition, so nothing is scanned");
        } else {
            Name defName = new Name(def, def, 0);
            j.lock(defName, ACCESS_EXCLUSIVE);
            if (parentNew || !j.ctx.existedBefore(def)) {
                j.finding(Rules.PARTITION_DEFAULT_SCAN, Verdict.SAFE, "creates " + shown + ": its DEFAULT partition "
                        + def + " was created in this migration (empty), so the scan of it for rows of the new range "
                        + "is instant; a brief AccessExclusiveLock on " + parent.display() + " and " + def);
            } else {
                j.scan = true;
                j.longRunning = true;
                j.finding(Rules.PARTITION_DEFAULT_SCAN, Verdict.UNSAFE, "creates " + shown + ": PostgreSQL scans "
                        + "the DEFAULT partition " + def + " for rows of the new range while it holds "
                        + "AccessExclusiveLock on " + parent.display() + " and " + def + " (reads and writes of both "
                        + "blocked; the scan grows with the size of " + def + ")",
                        PartitionRules.defaultScanAlternative(def, parent));
            }
        }
    }

    private static void element(Tokens t, int s, int e, Name table, Schema.Table st, Judgement j) {
        if (s >= e) {
            return;
        }
        String constraintName = null;
        if (t.is(s, "CONSTRAINT")) {
            constraintName = t.ident(s + 1);
            s += 2;
        }
        if (t.is(s, "CHECK") && st != null) {
            Schema.Constraint c = new Schema.Constraint();
            c.kind = "CHECK";
            c.validated = true;
            c.checkColumns = ConstraintRules.identifiers(t, s + 1);
            st.putConstraint(constraintName != null ? constraintName : table.last() + "_check_" + s, c);
        }
        if ((t.is(s, "PRIMARY", "KEY") || t.is(s, "UNIQUE") || t.is(s, "EXCLUDE")) && st != null) {
            for (int k = s + 1; k < e; k++) { // the columns its index may mention
                if (t.isIdent(k)) {
                    st.indexed.add(t.ident(k));
                }
            }
        }
        if (t.is(s, "PRIMARY", "KEY") || t.is(s, "UNIQUE") || t.is(s, "CHECK") || t.is(s, "FOREIGN", "KEY")
                || t.is(s, "EXCLUDE") || t.is(s, "LIKE")) {
            Name ref = null;
            if (t.is(s, "FOREIGN")) {
                int r = t.find(s, "REFERENCES");
                ref = r < 0 || r >= e ? null : Name.parse(t, r + 1);
                j.lock(ref, SHARE_ROW_EXCLUSIVE);
            }
            if (st != null && !t.is(s, "CHECK") && !t.is(s, "LIKE")) {
                // table-level PRIMARY KEY / UNIQUE / FOREIGN KEY / EXCLUDE, named as PostgreSQL names them
                String kind = t.is(s, "PRIMARY") ? "PRIMARY KEY" : t.is(s, "UNIQUE") ? "UNIQUE"
                        : t.is(s, "FOREIGN") ? "FOREIGN KEY" : "EXCLUDE";
                int paren = firstParenIn(t, s, e);
                List<String> cols = paren < 0 ? List.of() : ConstraintRules.columnList(t, paren, e);
                String suffix = kind.equals("PRIMARY KEY") ? "pkey" : kind.equals("UNIQUE") ? "key"
                        : kind.equals("FOREIGN KEY") ? "fkey" : "excl";
                Schema.Constraint c = registerConstraint(t, st, constraintName != null ? constraintName
                        : kind.equals("PRIMARY KEY") ? table.last() + "_pkey"
                        : table.last() + "_" + String.join("_", cols) + "_" + suffix, kind, ref);
                if (kind.equals("PRIMARY KEY")) {
                    c.keyColumns = List.copyOf(cols);
                }
            }
            if (t.is(s, "PRIMARY") && st != null) {
                int paren = s + 2;
                for (String c : ConstraintRules.columnList(t, paren, e)) {
                    Schema.Column col = st.columns.get(c);
                    if (col != null) {
                        col.notNull = true;
                    }
                }
            }
            return;
        }
        AlterTableRules.ColumnDef c = AlterTableRules.columnDef(t, s, e, j);
        if (c == null) {
            return;
        }
        if (c.references != null) {
            j.lock(c.references, SHARE_ROW_EXCLUSIVE);
        }
        if (c.check && st != null) {
            Schema.Constraint k = new Schema.Constraint();
            k.kind = "CHECK";
            k.validated = true;
            k.checkColumns = java.util.Set.of(c.name);
            st.putConstraint(table.last() + "_" + c.name + "_check", k);
        }
        if (st != null && (c.unique || c.primaryKey)) {
            st.indexed.add(c.name);
        }
        if (st != null) {
            columnConstraints(t, s, e, table, c.name, st, c.references);
        }
        if (st != null) {
            Schema.Column col = new Schema.Column();
            col.type = c.type;
            col.notNull = c.notNull;
            col.hasDefault = c.defaultFrom >= 0 || c.identity;
            col.ownsSequence = c.identity;
            st.columns.put(c.name, col);
        }
    }

    /**
     * Column-level constraints ({@code [CONSTRAINT name] PRIMARY KEY | UNIQUE | REFERENCES | CHECK}) of column
     * {@code col}, recorded under the names PostgreSQL gives them, so that a later DROP CONSTRAINT knows their kind.
     */
    private static void columnConstraints(Tokens t, int s, int e, Name table, String col, Schema.Table st,
                                          Name references) {
        String name = null;
        for (int k = s; k < e; k++) {
            if (t.isOp(k, "(")) {
                k = t.closing(k);
            } else if (t.is(k, "CONSTRAINT")) {
                name = t.ident(k + 1);
                k++;
            } else if (t.is(k, "PRIMARY", "KEY") || t.is(k, "UNIQUE") || t.is(k, "REFERENCES")
                    || t.is(k, "CHECK")) {
                String kind = t.is(k, "PRIMARY") ? "PRIMARY KEY" : t.is(k, "UNIQUE") ? "UNIQUE"
                        : t.is(k, "REFERENCES") ? "FOREIGN KEY" : "CHECK";
                String generated = table.last() + (kind.equals("PRIMARY KEY") ? "_pkey" : "_" + col
                        + (kind.equals("UNIQUE") ? "_key" : kind.equals("FOREIGN KEY") ? "_fkey" : "_check"));
                if (name != null || !kind.equals("CHECK")) { // an unnamed CHECK is already recorded
                    Schema.Constraint c = registerConstraint(t, st, name != null ? name : generated, kind,
                            kind.equals("FOREIGN KEY") ? references : null);
                    if (kind.equals("PRIMARY KEY")) {
                        c.keyColumns = List.of(col);
                    }
                }
                name = null;
            }
        }
    }

    private static Schema.Constraint registerConstraint(Tokens t, Schema.Table st, String name, String kind,
                                                        Name references) {
        Schema.Constraint c = new Schema.Constraint();
        c.kind = kind;
        c.validated = true;
        c.referencedTable = references == null ? null : references.key();
        if (references != null && references.end() > 0 && t.isOp(references.end(), "(")) {
            c.referencedColumns = ConstraintRules.columnList(t, references.end(), t.size());
        }
        st.putConstraint(name, c);
        return c;
    }

    private static int firstParenIn(Tokens t, int from, int to) {
        for (int k = from; k < to; k++) {
            if (t.isOp(k, "(")) {
                return k;
            }
        }
        return -1;
    }

    /** Records AccessShareLock on the relations named after FROM / JOIN from token {@code p} on; returns them. */
    static List<Name> readsSources(Tokens t, int p, Judgement j) {
        List<Name> sources = new java.util.ArrayList<>();
        for (int k = p; k < t.size(); k++) {
            if (t.is(k, "FROM") || t.is(k, "JOIN")) {
                int q = k + 1;
                if (t.is(q, "ONLY") || t.is(q, "LATERAL")) {
                    q++;
                }
                Name n = Name.parse(t, q);
                if (n != null && !FUNCTION_LIKE.contains(n.key())) {
                    j.lock(n, ACCESS_SHARE);
                    sources.add(n);
                }
            }
        }
        return sources;
    }

    private static final Set<String> FUNCTION_LIKE = Set.of("unnest", "generate_series", "jsonb_array_elements",
            "json_array_elements", "jsonb_each", "json_each", "regexp_split_to_table");

    // ---------------------------------------------------------------- views, triggers, policies, rules

    private static void view(Tokens t, int p, Judgement j, boolean orReplace, String what) {
        j.kind((orReplace ? "CREATE OR REPLACE " : "CREATE ") + what);
        if (t.is(p, "IF", "NOT", "EXISTS")) {
            p += 3;
        }
        Name name = Name.parse(t, p);
        if (name == null) {
            j.finding(Rules.UNRECOGNISED, "CREATE VIEW without a name");
            return;
        }
        boolean exists = orReplace && j.ctx.existedBefore(name.key());
        if (!exists) {
            j.ctx.createdHere.add(name.key());
        }
        j.ctx.schema.otherRelations.put(name.key(), what);
        int as = t.find(name.end(), "AS");
        if (exists) {
            j.lock(name, ACCESS_EXCLUSIVE);
        } else {
            j.table(name);
        }
        if (as >= 0) {
            readsSources(t, as + 1, j);
        }
        j.finding(Rules.CREATE_OBJECT, Verdict.SAFE, exists ? "replaces view " + name.display() + ": a brief "
                + "AccessExclusiveLock on the view; old code reading it gets the new definition (columns can only be "
                + "added at the end)" : "creates view " + name.display() + ": takes no lock that blocks traffic");
    }

    private static void materializedView(Tokens t, int p, Judgement j) {
        j.kind("CREATE MATERIALIZED VIEW");
        if (t.is(p, "IF", "NOT", "EXISTS")) {
            p += 3;
        }
        Name name = Name.parse(t, p);
        if (name != null) {
            j.ctx.createdHere.add(name.key());
            j.ctx.schema.otherRelations.put(name.key(), "MATERIALIZED VIEW");
            j.table(name);
        }
        int as = name == null ? -1 : t.find(name.end(), "AS");
        if (as >= 0) {
            j.ctx.schema.viewSources.put(name.key(), readsSources(t, as + 1, j));
        }
        boolean noData = t.contains(0, t.size(), "NO") && t.text(0, t.size() - 1).toUpperCase()
                .matches("(?s).*WITH\\s+NO\\s+DATA\\s*$");
        j.finding(Rules.CREATE_TABLE_AS, Verdict.SAFE, "creates a materialized view" + (noData ? " without data"
                : ": reads its sources in full under AccessShareLock (reads and writes go on)"));
    }

    private static void trigger(Tokens t, int p, Judgement j) {
        if (t.is(p, "CONSTRAINT")) {
            p++;
        }
        j.kind("CREATE TRIGGER");
        int on = t.find(p, "ON");
        Name table = on < 0 ? null : Name.parse(t, on + 1);
        if (table == null) {
            j.finding(Rules.UNRECOGNISED, "CREATE TRIGGER without ON <table>");
            return;
        }
        j.lock(table, SHARE_ROW_EXCLUSIVE);
        j.finding(Rules.TRIGGER, Verdict.SAFE, "creates a trigger on " + table.display() + ": a brief "
                + "ShareRowExclusiveLock; from now on the old code's writes run it");
    }

    private static void policy(Tokens t, int p, Judgement j) {
        j.kind("CREATE POLICY");
        int on = t.find(p, "ON");
        Name table = on < 0 ? null : Name.parse(t, on + 1);
        j.lock(table, ACCESS_EXCLUSIVE);
        boolean restrictive = t.contains(p, t.size(), "RESTRICTIVE");
        boolean isNew = table != null && !j.ctx.existedBefore(table.key());
        if (restrictive && !isNew) {
            j.breaksOldCode = true;
            j.finding(Rules.ROW_LEVEL_SECURITY, Verdict.UNSAFE, "creates a RESTRICTIVE policy: where row level "
                    + "security is on, the old code's queries see and change fewer rows");
        } else {
            j.finding(Rules.ROW_LEVEL_SECURITY, Verdict.SAFE, "creates a permissive policy: it can only widen what "
                    + "queries see; a brief AccessExclusiveLock");
        }
    }

    private static void rule(Tokens t, int p, Judgement j) {
        j.kind("CREATE RULE");
        int on = t.find(p, "TO");
        Name table = on < 0 ? null : Name.parse(t, on + 1);
        j.lock(table, ACCESS_EXCLUSIVE);
        boolean isNew = table != null && !j.ctx.existedBefore(table.key());
        j.finding(Rules.TRIGGER, isNew ? Verdict.SAFE : Verdict.UNSAFE, "creates a query rewrite rule: the old "
                + "code's statements on " + (table == null ? "the table" : table.display()) + " may do something "
                + "else (DO INSTEAD)");
    }
}
