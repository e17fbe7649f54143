package io.zdcd.analyzer.internal.recognise;

import static io.zdcd.classify.LockMode.ACCESS_EXCLUSIVE;

import io.zdcd.analyzer.internal.AlterTableRules;
import io.zdcd.analyzer.internal.Judgement;
import io.zdcd.analyzer.internal.Name;
import io.zdcd.analyzer.internal.SqlText;
import io.zdcd.analyzer.internal.Tokens;
import io.zdcd.analyzer.internal.Volatility;
import io.zdcd.analyzer.internal.model.AddColumn;
import io.zdcd.analyzer.internal.model.ColumnSpec;
import io.zdcd.analyzer.internal.model.DropColumn;
import io.zdcd.analyzer.internal.model.Op;
import io.zdcd.analyzer.internal.model.RenameColumn;
import io.zdcd.analyzer.internal.model.RenameConstraint;
import io.zdcd.analyzer.internal.model.RenameTable;
import io.zdcd.analyzer.internal.model.TableLocked;
import io.zdcd.analyzer.internal.model.Unrecognised;
import java.util.List;

/** The actions of ALTER TABLE, one at a time. */
public final class AlterTableRecogniser {
    private AlterTableRecogniser() {
    }

    /**
     * One action's records and the kind it adds to the statement's ("ADD COLUMN").
     *
     * @param kind    the action's kind
     * @param records its records, in order
     */
    public record Action(String kind, List<Op> records) {
        public Action {
            records = List.copyOf(records);
        }
    }

    /**
     * Reads the action in tokens [a, e) of an ALTER TABLE on {@code table}, as the schema is after the actions before
     * it; null while its family still goes through {@code AlterTableRules}.
     */
    public static Action action(Tokens t, int a, int e, Name table, Judgement j) {
        boolean isNew = !j.ctx.existedBefore(table.key());
        switch (t.upper(a)) {
            case "ADD":
                if (t.is(a + 1, "CONSTRAINT") || t.is(a + 1, "CHECK") || t.is(a + 1, "UNIQUE")
                        || t.is(a + 1, "PRIMARY") || t.is(a + 1, "FOREIGN") || t.is(a + 1, "EXCLUDE")
                        || (t.is(a + 1, "NOT", "NULL"))) {
                    return ConstraintRecogniser.add(t, a + 1, e, table, isNew, j);
                }
                return addColumn(t, a + 1, e, table, isNew, j);
            case "DROP":
                if (t.is(a + 1, "CONSTRAINT")) {
                    return ConstraintRecogniser.drop(t, a + 2, table, isNew, j);
                }
                return dropColumn(t, a + 1, e, table, isNew);
            case "ALTER":
                if (t.is(a + 1, "CONSTRAINT")) {
                    return ConstraintRecogniser.alter(t, a, e, table, isNew);
                }
                return AlterColumnRecogniser.alterColumn(t, a + 1, e, table, isNew, j);
            case "VALIDATE":
                return ConstraintRecogniser.validate(t, a + 2, table, isNew);
            case "RENAME":
                return rename(t, a + 1, table, isNew);
            default:
                return null;
        }
    }

    private static Action unrecognised(String kind, Name table, String message) {
        return new Action(kind, List.of(new TableLocked(table, ACCESS_EXCLUSIVE), new Unrecognised(message)));
    }

    // ---------------------------------------------------------------- ADD COLUMN

    private static Action addColumn(Tokens t, int p, int e, Name table, boolean isNew, Judgement j) {
        if (t.is(p, "COLUMN")) {
            p++;
        }
        if (t.is(p, "IF", "NOT", "EXISTS")) {
            p += 3;
        }
        AlterTableRules.ColumnDef c = AlterTableRules.columnDef(t, p, e, j);
        if (c == null || c.type == null) {
            return unrecognised("ADD COLUMN", table, "ADD COLUMN without a recognisable column name and type");
        }
        String defaultText = c.defaultFrom >= 0 ? t.text(c.defaultFrom, c.defaultTo - 1) : null;
        String volatileFunction = c.defaultFrom >= 0 ? Volatility.firstVolatile(t, c.defaultFrom, c.defaultTo) : null;
        ColumnSpec spec = new ColumnSpec(c.name, c.type, c.typeWritten, c.notNull, c.primaryKey, c.unique, c.check,
                c.references, defaultText, volatileFunction, c.identity, c.generated, c.generatedKind);
        AddColumn add = new AddColumn(table, isNew, spec, c.references != null && fkValidationSkipped(t, c),
                AddColumn.Part.CONSTRAINTS);
        if (!isNew && !add.unsafe(j.ctx.version) && !spec.virtual(j.ctx.version) && !c.notNull) {
            j.facts.nullableColumnsAdded++;
        }
        return new Action("ADD COLUMN", List.of(add, add.part(AddColumn.Part.VALUE), add.part(AddColumn.Part.TYPE)));
    }

    /**
     * Whether PostgreSQL skips validating the inline foreign key of a column being added: it does when no ADD COLUMN of
     * the statement has a DEFAULT (serial and generated columns have one) and the statement adds no other FOREIGN KEY
     * (transformAlterTableStmt), so every existing row holds NULL. Judged on the whole statement, conservatively.
     */
    private static boolean fkValidationSkipped(Tokens t, AlterTableRules.ColumnDef c) {
        if (c.defaultFrom >= 0 || c.generated || c.identity) {
            return false;
        }
        for (int k = 0; k < t.size(); k++) {
            if (t.is(k, "DEFAULT") || t.is(k, "FOREIGN") || t.is(k, "GENERATED")
                    || (t.isWord(k) && AlterTableRules.SERIAL_TYPES.contains(t.ident(k)))) {
                return false;
            }
        }
        return true;
    }

    // ---------------------------------------------------------------- DROP COLUMN, RENAME

    private static Action dropColumn(Tokens t, int p, int e, Name table, boolean isNew) {
        if (t.is(p, "COLUMN")) {
            p++;
        }
        if (t.is(p, "IF", "EXISTS")) {
            p += 2;
        }
        if (!t.isIdent(p)) {
            return unrecognised("DROP", table, "zdcd does not recognise the DROP action '"
                    + SqlText.abbreviate(t.text(p - 1, e - 1)) + "'");
        }
        return new Action("DROP COLUMN", List.of(new DropColumn(table, isNew, t.ident(p))));
    }

    private static Action rename(Tokens t, int p, Name table, boolean isNew) {
        if (t.is(p, "TO")) {
            return new Action("RENAME TO", List.of(new RenameTable(table, isNew, Name.parse(t, p + 1))));
        }
        if (t.is(p, "CONSTRAINT")) {
            return new Action("RENAME CONSTRAINT", List.of(new RenameConstraint(table, isNew, t.ident(p + 1),
                    t.ident(p + 3))));
        }
        if (t.is(p, "COLUMN")) {
            p++;
        }
        String to = t.is(p + 1, "TO") ? t.ident(p + 2) : "";
        return new Action("RENAME COLUMN", List.of(new RenameColumn(table, isNew, t.ident(p), to)));
    }
}
