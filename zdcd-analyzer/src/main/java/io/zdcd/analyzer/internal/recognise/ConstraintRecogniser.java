package io.zdcd.analyzer.internal.recognise;

import io.zdcd.analyzer.internal.Judgement;
import io.zdcd.analyzer.internal.Name;
import io.zdcd.analyzer.internal.Schema;
import io.zdcd.analyzer.internal.SqlText;
import io.zdcd.analyzer.internal.Tokens;
import io.zdcd.analyzer.internal.model.AddCheck;
import io.zdcd.analyzer.internal.model.AddExclude;
import io.zdcd.analyzer.internal.model.AddForeignKey;
import io.zdcd.analyzer.internal.model.AddNotNull;
import io.zdcd.analyzer.internal.model.AddUnique;
import io.zdcd.analyzer.internal.model.AlterConstraint;
import io.zdcd.analyzer.internal.model.ConstraintUnread;
import io.zdcd.analyzer.internal.model.DropConstraint;
import io.zdcd.analyzer.internal.model.Op;
import io.zdcd.analyzer.internal.model.Unrecognised;
import io.zdcd.analyzer.internal.model.ValidateConstraint;
import java.util.ArrayList;
import java.util.List;

/** ALTER TABLE's ADD / DROP / VALIDATE / ALTER CONSTRAINT. */
final class ConstraintRecogniser {
    private ConstraintRecogniser() {
    }

    static AlterTableRecogniser.Action add(Tokens t, int p, int e, Name table, boolean isNew, Judgement j) {
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
        Op op;
        if (t.is(p, "CHECK")) {
            String notNullColumn = isNotNullCheck(t, p + 1);
            op = new AddCheck(table, isNew, name, notValid, notNullColumn, ColumnReader.identifiers(t, p + 1),
                    t.text(p, e - 1), oldWritesViolate(table, notNullColumn, j));
        } else if (t.is(p, "FOREIGN", "KEY")) {
            int r = t.find(p, "REFERENCES");
            Name ref = r < 0 ? null : Name.parse(t, r + 1);
            op = new AddForeignKey(table, isNew, name, notValid, ref,
                    ref == null ? List.of() : Sources.columnList(t, ref.end()), t.text(p, e - 1));
        } else if (t.is(p, "UNIQUE") || t.is(p, "PRIMARY", "KEY")) {
            op = unique(t, p, e, table, isNew, name, j);
        } else if (t.is(p, "EXCLUDE")) {
            op = new AddExclude(table, isNew, name, notValid, mentioned(t, p, e));
        } else if (t.is(p, "NOT", "NULL")) {
            String col = t.ident(p + 2);
            Schema.Column c = j.ctx.schema.column(table.key(), col);
            op = new AddNotNull(table, isNew, name, col, notValid, oldWritesViolate(table, col, j),
                    c != null && c.notNull);
        } else {
            return new AlterTableRecogniser.Action("ADD CONSTRAINT", List.of(new ConstraintUnread(table),
                    new Unrecognised("zdcd does not recognise the constraint '" + SqlText.abbreviate(t.text(p, e - 1))
                            + "'; treated as UNSAFE")));
        }
        String kind = t.is(p, "PRIMARY") ? "PRIMARY KEY" : t.is(p, "FOREIGN") || t.is(p, "NOT") ? t.upper(p) + " "
                + t.upper(p + 1) : t.upper(p);
        return new AlterTableRecogniser.Action("ADD CONSTRAINT " + kind + (notValid ? " NOT VALID" : ""),
                List.of(op));
    }

    private static Op unique(Tokens t, int p, int e, Name table, boolean isNew, String name, Judgement j) {
        boolean primaryKey = !t.is(p, "UNIQUE");
        int u = t.find(p, "USING");
        boolean usingIndex = u >= 0 && t.is(u + 1, "INDEX");
        if (usingIndex) {
            String idx = t.ident(u + 2);
            Schema.Index backing = j.ctx.schema.indexes().get(idx);
            Schema.Index index = j.ctx.schema.index(idx);
            boolean pkScan = primaryKey && !isNew && (index == null || index.columns().isEmpty()
                    || !index.columns().stream().allMatch(c -> {
                        Schema.Column col = j.ctx.schema.column(table.key(), c);
                        return col != null && col.notNull;
                    }));
            return new AddUnique(table, isNew, name, primaryKey, idx, pkScan,
                    backing != null ? backing.columns() : List.of(),
                    index != null && primaryKey ? index.columns() : List.of(), mentioned(t, p, e));
        }
        int paren = firstParen(t, p, e);
        List<String> cols = paren < 0 ? List.of() : Sources.columnList(t, paren);
        return new AddUnique(table, isNew, name, primaryKey, null, false, cols,
                primaryKey && !isNew ? cols : List.of(), mentioned(t, p, e));
    }

    /** The identifiers after the constraint's first word: the columns its index may mention. */
    private static List<String> mentioned(Tokens t, int p, int e) {
        List<String> ids = new ArrayList<>();
        for (int k = p + 1; k < e; k++) {
            if (t.isIdent(k)) {
                ids.add(t.ident(k));
            }
        }
        return ids;
    }

    private static int firstParen(Tokens t, int p, int e) {
        for (int k = p; k < e; k++) {
            if (t.isOp(k, "(")) {
                return k;
            }
        }
        return -1;
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

    /** Whether the old code's INSERTs leave {@code column} NULL: added by this migration without a default. */
    private static boolean oldWritesViolate(Name table, String column, Judgement j) {
        return column != null && j.ctx.addedWithoutDefault.contains(table.key() + "." + column);
    }

    static AlterTableRecogniser.Action drop(Tokens t, int p, Name table, boolean isNew, Judgement j) {
        if (t.is(p, "IF", "EXISTS")) {
            p += 2;
        }
        String name = t.ident(p);
        Schema.Table st = j.ctx.schema.table(table.key());
        Schema.Constraint c = st == null ? null : st.constraints.get(name);
        Name referenced = c == null || c.referencedTable == null ? null
                : new Name(c.referencedTable, c.referencedTable, 0);
        return new AlterTableRecogniser.Action("DROP CONSTRAINT", List.of(new DropConstraint(table, isNew, name,
                c != null ? c.kind : guessKind(name), c != null, referenced)));
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

    static AlterTableRecogniser.Action validate(Tokens t, int p, Name table, boolean isNew) {
        return new AlterTableRecogniser.Action("VALIDATE CONSTRAINT",
                List.of(new ValidateConstraint(table, isNew, t.ident(p))));
    }

    static AlterTableRecogniser.Action alter(Tokens t, int a, int e, Name table, boolean isNew) {
        boolean stricter = t.contains(a + 2, e, "IMMEDIATE") || t.is(a + 3, "NOT", "DEFERRABLE")
                || t.is(a + 4, "NOT", "DEFERRABLE") || t.contains(a + 2, e, "ENFORCED")
                && !t.contains(a + 2, e, "NOT");
        return new AlterTableRecogniser.Action("ALTER CONSTRAINT",
                List.of(new AlterConstraint(table, isNew, stricter)));
    }
}
