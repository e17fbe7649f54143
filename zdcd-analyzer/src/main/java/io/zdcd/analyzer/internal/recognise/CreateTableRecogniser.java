package io.zdcd.analyzer.internal.recognise;

import io.zdcd.analyzer.internal.Judgement;
import io.zdcd.analyzer.internal.Name;
import io.zdcd.analyzer.internal.Schema;
import io.zdcd.analyzer.internal.Tokens;
import io.zdcd.analyzer.internal.model.CreatePartition;
import io.zdcd.analyzer.internal.model.CreateTable;
import io.zdcd.analyzer.internal.model.CreateTableAs;
import io.zdcd.analyzer.internal.model.Op;
import io.zdcd.analyzer.internal.model.TableElement;
import io.zdcd.analyzer.internal.model.Unrecognised;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** CREATE TABLE, CREATE TABLE AS and CREATE TABLE ... PARTITION OF. */
final class CreateTableRecogniser {
    private CreateTableRecogniser() {
    }

    /** The statement from the token after TABLE on; {@code temp}: CREATE TEMP[ORARY] TABLE. */
    static Op table(Tokens t, int p, Judgement j, boolean temp) {
        j.kind("CREATE TABLE");
        boolean ifNotExists = t.is(p, "IF", "NOT", "EXISTS");
        if (ifNotExists) {
            p += 3;
        }
        Name name = Name.parse(t, p);
        if (name == null) {
            return new Unrecognised("CREATE TABLE without a table name");
        }
        // IF NOT EXISTS may be a no-op on the live table; an unqualified TEMP table, or one created while search_path
        // puts another schema first, is not the public table of that name: later statements on the name are judged
        // as on the existing table (fail closed)
        boolean elsewhere = !name.display().contains(".") && (temp || j.ctx.searchPathElsewhere);
        boolean known = !ifNotExists && !elsewhere;
        p = name.end();
        int afterColumns = t.isOp(p, "(") ? t.closing(p) + 1 : p;
        int as = t.is(p, "PARTITION", "OF") ? -1 : t.find(afterColumns, "AS");
        if (as >= 0) {
            j.kind("CREATE TABLE AS");
            return new CreateTableAs(name, known, Sources.read(t, as + 1));
        }
        // what it declares is known unless the table already existed (IF NOT EXISTS: a no-op) or lives elsewhere
        boolean existed = j.ctx.schema.table(name.key()) != null;
        boolean defines = !elsewhere && !(ifNotExists && existed);
        if (t.is(p, "PARTITION", "OF")) {
            return partitionOf(t, p, name, known, defines, j);
        }
        boolean partitioned = isPartitionBy(t, t.find(afterColumns, "PARTITION"));
        List<TableElement> elements = new ArrayList<>();
        Name likeSource = null;
        boolean likeIndexes = false;
        if (t.isOp(p, "(")) {
            int close = t.closing(p);
            int s = p + 1;
            for (int k = p + 1; k <= close && k <= t.size(); k++) {
                if (k == close || t.isOp(k, ",")) {
                    element(t, s, k, name, elements);
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
                likeSource = Name.parse(t, like + 1);
                likeIndexes = t.contains(like, close, "INDEXES") || t.contains(like, close, "ALL");
            }
        }
        return new CreateTable(name, known, defines, partitioned, elements, likeSource, likeIndexes);
    }

    private static boolean isPartitionBy(Tokens t, int k) {
        return k >= 0 && t.is(k, "PARTITION", "BY");
    }

    private static Op partitionOf(Tokens t, int p, Name name, boolean known, boolean defines, Judgement j) {
        Name parent = Name.parse(t, p + 2);
        int q = parent == null ? p + 2 : parent.end();
        if (t.isOp(q, "(")) {
            q = t.closing(q) + 1;
        }
        String def = parent == null ? null : defaultPartition(j.ctx.schema, parent.key(), defines ? name.key() : null);
        boolean parentNew = parent != null && (!j.ctx.existedBefore(parent.key())
                || known && parent.key().equals(name.key()));
        boolean defaultNew = def != null && !def.isEmpty() && !j.ctx.existedBefore(def);
        return new CreatePartition(name, known, defines, parent, t.is(q, "DEFAULT"),
                isPartitionBy(t, t.find(q, "PARTITION")), def, parentNew, defaultNew);
    }

    /**
     * The DEFAULT partition of {@code parentKey} ("" none, null unknown) once the statement's own table
     * {@code replaced} (when not null) is defined afresh: a table of that name known before is no longer a partition.
     */
    private static String defaultPartition(Schema schema, String parentKey, String replaced) {
        String def = schema.defaultPartition(parentKey);
        if (replaced == null || !(replaced.equals(def) || replaced.equals(parentKey))) {
            return def;
        }
        for (Map.Entry<String, Schema.Table> e : schema.tables.entrySet()) {
            if (!e.getKey().equals(replaced) && parentKey.equals(e.getValue().partitionOf)
                    && e.getValue().defaultPartition) {
                return e.getKey();
            }
        }
        Schema.Table parent = replaced.equals(parentKey) ? null : schema.table(parentKey);
        return parent != null && parent.partitioned ? "" : null;
    }

    // ---------------------------------------------------------------- columns and table constraints

    private static void element(Tokens t, int s, int e, Name table, List<TableElement> out) {
        if (s >= e) {
            return;
        }
        String constraintName = null;
        if (t.is(s, "CONSTRAINT")) {
            constraintName = t.ident(s + 1);
            s += 2;
        }
        if (t.is(s, "PRIMARY", "KEY") || t.is(s, "UNIQUE") || t.is(s, "CHECK") || t.is(s, "FOREIGN", "KEY")
                || t.is(s, "EXCLUDE") || t.is(s, "LIKE")) {
            tableConstraint(t, s, e, table, constraintName, out);
            return;
        }
        ColumnReader.ColumnDef c = ColumnReader.read(t, s, e);
        if (c == null) {
            return;
        }
        if (c.references() != null) {
            out.add(new TableElement.References(c.references()));
        }
        if (c.check()) {
            out.add(new TableElement.Check(table.last() + "_" + c.name() + "_check", Set.of(c.name())));
        }
        if (c.unique() || c.primaryKey()) {
            out.add(new TableElement.Indexed(List.of(c.name())));
        }
        columnConstraints(t, s, e, table, c.name(), c.references(), out);
        out.add(new TableElement.Column(c.name(), c.type(), c.notNull(), c.hasDefault() || c.identity(), c.identity()));
    }

    private static void tableConstraint(Tokens t, int s, int e, Name table, String constraintName,
                                        List<TableElement> out) {
        if (t.is(s, "CHECK")) {
            out.add(new TableElement.Check(constraintName != null ? constraintName : table.last() + "_check_" + s,
                    ColumnReader.identifiers(t, s + 1)));
        }
        if (t.is(s, "PRIMARY", "KEY") || t.is(s, "UNIQUE") || t.is(s, "EXCLUDE")) {
            List<String> mentioned = new ArrayList<>(); // the columns its index may mention
            for (int k = s + 1; k < e; k++) {
                if (t.isIdent(k)) {
                    mentioned.add(t.ident(k));
                }
            }
            out.add(new TableElement.Indexed(mentioned));
        }
        Name ref = null;
        if (t.is(s, "FOREIGN")) {
            int r = t.find(s, "REFERENCES");
            ref = r < 0 || r >= e ? null : Name.parse(t, r + 1);
            if (ref != null) {
                out.add(new TableElement.References(ref));
            }
        }
        if (!t.is(s, "CHECK") && !t.is(s, "LIKE")) {
            // table-level PRIMARY KEY / UNIQUE / FOREIGN KEY / EXCLUDE, named as PostgreSQL names them
            String kind = t.is(s, "PRIMARY") ? "PRIMARY KEY" : t.is(s, "UNIQUE") ? "UNIQUE"
                    : t.is(s, "FOREIGN") ? "FOREIGN KEY" : "EXCLUDE";
            int paren = firstParenIn(t, s, e);
            List<String> cols = paren < 0 ? List.of() : Sources.columnList(t, paren);
            String suffix = kind.equals("PRIMARY KEY") ? "pkey" : kind.equals("UNIQUE") ? "key"
                    : kind.equals("FOREIGN KEY") ? "fkey" : "excl";
            out.add(key(t, constraintName != null ? constraintName : kind.equals("PRIMARY KEY")
                    ? table.last() + "_pkey" : table.last() + "_" + String.join("_", cols) + "_" + suffix, kind, ref,
                    kind.equals("PRIMARY KEY") ? cols : null));
        }
        if (t.is(s, "PRIMARY")) {
            out.add(new TableElement.NotNull(Sources.columnList(t, s + 2)));
        }
    }

    /**
     * Column-level constraints ({@code [CONSTRAINT name] PRIMARY KEY | UNIQUE | REFERENCES | CHECK}) of column
     * {@code col}, under the names PostgreSQL gives them, so that a later DROP CONSTRAINT knows their kind.
     */
    private static void columnConstraints(Tokens t, int s, int e, Name table, String col, Name references,
                                          List<TableElement> out) {
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
                    out.add(key(t, name != null ? name : generated, kind,
                            kind.equals("FOREIGN KEY") ? references : null,
                            kind.equals("PRIMARY KEY") ? List.of(col) : null));
                }
                name = null;
            }
        }
    }

    private static TableElement.Key key(Tokens t, String name, String kind, Name references, List<String> keyColumns) {
        List<String> referencedColumns = references != null && references.end() > 0 && t.isOp(references.end(), "(")
                ? Sources.columnList(t, references.end()) : null;
        return new TableElement.Key(name, kind, references, referencedColumns, keyColumns);
    }

    private static int firstParenIn(Tokens t, int from, int to) {
        for (int k = from; k < to; k++) {
            if (t.isOp(k, "(")) {
                return k;
            }
        }
        return -1;
    }
}
