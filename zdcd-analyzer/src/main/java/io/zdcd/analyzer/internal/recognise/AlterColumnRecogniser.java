package io.zdcd.analyzer.internal.recognise;

import static io.zdcd.classify.LockMode.ACCESS_EXCLUSIVE;

import io.zdcd.analyzer.internal.ColumnTypes;
import io.zdcd.analyzer.internal.Judgement;
import io.zdcd.analyzer.internal.Name;
import io.zdcd.analyzer.internal.Schema;
import io.zdcd.analyzer.internal.SqlText;
import io.zdcd.analyzer.internal.Tokens;
import io.zdcd.analyzer.internal.model.AddIdentity;
import io.zdcd.analyzer.internal.model.AlterColumnType;
import io.zdcd.analyzer.internal.model.ColumnSettings;
import io.zdcd.analyzer.internal.model.DropDefault;
import io.zdcd.analyzer.internal.model.DropIdentity;
import io.zdcd.analyzer.internal.model.DropNotNull;
import io.zdcd.analyzer.internal.model.IdentityOptions;
import io.zdcd.analyzer.internal.model.Op;
import io.zdcd.analyzer.internal.model.SetDefault;
import io.zdcd.analyzer.internal.model.SetExpression;
import io.zdcd.analyzer.internal.model.SetNotNull;
import io.zdcd.analyzer.internal.model.TableLocked;
import io.zdcd.analyzer.internal.model.Unrecognised;
import java.util.List;

/** ALTER TABLE ... ALTER [COLUMN] c: NOT NULL, DEFAULT, identity, generation expression, settings and TYPE. */
final class AlterColumnRecogniser {
    private AlterColumnRecogniser() {
    }

    static AlterTableRecogniser.Action alterColumn(Tokens t, int p, int e, Name table, boolean isNew, Judgement j) {
        if (t.is(p, "COLUMN")) {
            p++;
        }
        String col = t.ident(p);
        int q = p + 1;
        Schema.Column known = j.ctx.schema.column(table.key(), col);
        if (t.is(q, "TYPE") || t.is(q, "SET", "DATA", "TYPE")) {
            return action("ALTER COLUMN TYPE", alterType(t, t.is(q, "TYPE") ? q + 1 : q + 3, e, table, col, isNew, j));
        }
        if (t.is(q, "SET", "NOT", "NULL")) {
            boolean proven = j.ctx.version.atLeast(12) && j.ctx.schema.hasValidatedNotNullCheck(table.key(), col);
            return action("SET NOT NULL", new SetNotNull(table, isNew, col, known != null && known.notNull, proven));
        }
        if (t.is(q, "DROP", "NOT", "NULL")) {
            return action("DROP NOT NULL", new DropNotNull(table, col));
        }
        if (t.is(q, "SET", "DEFAULT")) {
            return action("SET DEFAULT", new SetDefault(table, col));
        }
        if (t.is(q, "DROP", "DEFAULT")) {
            boolean djangoPattern = j.ctx.addedWithDefaultNotNull.contains(table.key() + "." + col);
            return action("DROP DEFAULT", new DropDefault(table, isNew, col, djangoPattern, known != null,
                    known != null && known.notNull));
        }
        if (t.is(q, "ADD", "GENERATED")) {
            return action("ADD IDENTITY", new AddIdentity(table, isNew, col, t.is(q + 2, "ALWAYS")));
        }
        if (t.is(q, "DROP", "IDENTITY") || t.is(q, "DROP", "EXPRESSION")) {
            return action("DROP " + t.upper(q + 1), new DropIdentity(table, isNew, col, t.is(q + 1, "EXPRESSION")));
        }
        if (t.is(q, "SET", "EXPRESSION")) {
            return action("SET EXPRESSION", new SetExpression(table, isNew, col));
        }
        if (t.is(q, "SET", "STATISTICS") || (t.is(q, "SET") && t.isOp(q + 1, "(")) || t.is(q, "RESET")) {
            return action("SET STATISTICS", new ColumnSettings(table, col, false, false));
        }
        if (t.is(q, "SET", "STORAGE") || t.is(q, "SET", "COMPRESSION")) {
            return action("SET " + t.upper(q + 1), new ColumnSettings(table, col, true, t.is(q + 1, "COMPRESSION")));
        }
        if (t.is(q, "SET", "GENERATED") || t.is(q, "RESTART") || (t.is(q, "SET") && t.isWord(q + 1))) {
            boolean always = t.contains(q, e, "ALWAYS");
            boolean resets = t.contains(q, e, "RESTART") || t.contains(q, e, "MAXVALUE") || t.contains(q, e, "CYCLE")
                    && !t.contains(q, e, "NO") || t.contains(q, e, "INCREMENT");
            return action("SET IDENTITY OPTION", new IdentityOptions(table, isNew, col, always, resets));
        }
        return new AlterTableRecogniser.Action("ALTER COLUMN", List.of(new TableLocked(table, ACCESS_EXCLUSIVE),
                new Unrecognised("zdcd does not recognise the ALTER COLUMN action '"
                        + SqlText.abbreviate(t.text(q, e - 1)) + "'; treated as UNSAFE")));
    }

    private static AlterTableRecogniser.Action action(String kind, Op op) {
        return new AlterTableRecogniser.Action(kind, List.of(op));
    }

    private static Op alterType(Tokens t, int p, int e, Name table, String col, boolean isNew, Judgement j) {
        int q = p;
        while (q < e && !t.is(q, "USING") && !t.is(q, "COLLATE")) {
            if (t.isOp(q, "(") || t.isOp(q, "[")) {
                q = t.closing(q);
            }
            q++;
        }
        String written = t.text(p, Math.min(q, e) - 1);
        String newType = ColumnTypes.normalise(written);
        boolean collate = t.is(q, "COLLATE");
        int using = t.find(p, "USING");
        boolean trivialUsing = using < 0 || using >= e || isTrivialUsing(t, using + 1, e, col, newType);
        Schema.Column known = j.ctx.schema.column(table.key(), col);
        String oldType = known == null ? null : known.type;
        boolean binary = oldType != null && trivialUsing
                && ColumnTypes.noRewrite(oldType, newType, j.ctx.utcTimeZone);
        // a new collation, or citext <-> text: the table keeps its bytes, but the column's indexes are rebuilt
        boolean rebuildsIndexes = binary && (collate || ColumnTypes.changesComparison(oldType, newType));
        return new AlterColumnType(table, isNew, col, written, newType, oldType, collate,
                collate ? t.text(q, Math.min(q + 1, e - 1)) : "", trivialUsing, binary, rebuildsIndexes,
                j.ctx.schema.mayBeIndexed(table.key(), col), j.ctx.schema.checkOn(table.key(), col));
    }

    /** USING col, USING col::type, USING CAST(col AS type) with the target type: the same as no USING. */
    private static boolean isTrivialUsing(Tokens t, int p, int e, String col, String newType) {
        int a = p;
        int b = e - 1;
        while (t.isOp(a, "(") && t.closing(a) == b) {
            a++;
            b--;
        }
        if (!t.isIdent(a) || !t.ident(a).equals(col)) {
            if (t.is(a, "CAST") && t.isOp(a + 1, "(") && t.isIdent(a + 2) && t.ident(a + 2).equals(col)
                    && t.is(a + 3, "AS")) {
                return ColumnTypes.normalise(t.text(a + 4, t.closing(a + 1) - 1)).equals(newType)
                        && t.closing(a + 1) == b;
            }
            return false;
        }
        if (a == b) {
            return true;
        }
        return t.isOp(a + 1, "::") && ColumnTypes.normalise(t.text(a + 2, b)).equals(newType);
    }
}
