package io.zdcd.analyzer.internal.recognise;

import static io.zdcd.classify.LockMode.ACCESS_EXCLUSIVE;

import io.zdcd.analyzer.internal.Judgement;
import io.zdcd.analyzer.internal.Name;
import io.zdcd.analyzer.internal.SqlText;
import io.zdcd.analyzer.internal.Tokens;
import io.zdcd.analyzer.internal.Volatility;
import io.zdcd.analyzer.internal.model.AddColumn;
import io.zdcd.analyzer.internal.model.AlterTableTarget;
import io.zdcd.analyzer.internal.model.ColumnSpec;
import io.zdcd.analyzer.internal.model.DropColumn;
import io.zdcd.analyzer.internal.model.MoveAllInTablespace;
import io.zdcd.analyzer.internal.model.Op;
import io.zdcd.analyzer.internal.model.RenameColumn;
import io.zdcd.analyzer.internal.model.RenameConstraint;
import io.zdcd.analyzer.internal.model.RenameTable;
import io.zdcd.analyzer.internal.model.TableLocked;
import io.zdcd.analyzer.internal.model.TableSettings;
import io.zdcd.analyzer.internal.model.Unrecognised;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Set;

/**
 * ALTER [FOREIGN] TABLE: one or more records per action, in order. Each action is read when the records before it
 * have been judged, so that it sees the schema as PostgreSQL does when it reaches it ({@code ADD COLUMN c ...,
 * ALTER COLUMN c SET NOT NULL}).
 */
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

    static List<Op> alterTable(Tokens t, int i, Judgement j) {
        return alterTable(t, i + 2, j, "ALTER TABLE");
    }

    /** ALTER FOREIGN TABLE (registered apart from ALTER FOREIGN DATA WRAPPER, which AlterRecogniser reads). */
    static List<Op> alterForeignTable(Tokens t, int i, Judgement j) {
        return alterTable(t, i + 3, j, "ALTER FOREIGN TABLE");
    }

    private static List<Op> alterTable(Tokens t, int p, Judgement j, String what) {
        if (t.is(p, "ALL", "IN")) {
            j.kind(what + " ALL IN TABLESPACE");
            return List.of(new MoveAllInTablespace());
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
            return List.of(new Unrecognised(what + " without a table name"));
        }
        p = table.end();
        if (t.isOp(p, "*")) {
            p++;
        }
        if (p >= t.size()) {
            j.kind(what);
            return List.of(new AlterTableTarget(table), new Unrecognised(what + " without an action"));
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
        boolean dropsConstraint = false;
        boolean addsPrimaryKeyUsingIndex = false;
        for (int[] a : actions) {
            dropsConstraint |= t.is(a[0], "DROP", "CONSTRAINT");
            addsPrimaryKeyUsingIndex |= t.is(a[0], "ADD") && t.contains(a[0], a[1], "PRIMARY")
                    && t.contains(a[0], a[1], "USING") && t.contains(a[0], a[1], "INDEX");
        }
        j.primaryKeySwap = dropsConstraint && addsPrimaryKeyUsingIndex;
        return new ActionRecords(t, actions, table, j, what);
    }

    /**
     * The records of an ALTER TABLE's actions, each action read when its turn comes (iterating reads the next action
     * only after the caller is done with the records before it). The statement's kind grows with each action read.
     */
    private static final class ActionRecords extends AbstractList<Op> {
        private final List<Op> read = new ArrayList<>();
        private final Set<String> kinds = new LinkedHashSet<>();
        private final Tokens t;
        private final List<int[]> actions;
        private final Name table;
        private final Judgement j;
        private final String what;
        private int next;

        ActionRecords(Tokens t, List<int[]> actions, Name table, Judgement j, String what) {
            this.t = t;
            this.actions = actions;
            this.table = table;
            this.j = j;
            this.what = what;
            read.add(new AlterTableTarget(table));
        }

        /** Reads actions until there are at least {@code n} records, or none is left; whether there are. */
        private boolean fill(int n) {
            while (read.size() < n && next < actions.size()) {
                int[] a = actions.get(next++);
                Action action = action(t, a[0], a[1], table, j);
                kinds.add(action.kind());
                j.kind(what + " " + String.join(", ", kinds));
                read.addAll(action.records());
            }
            return read.size() >= n;
        }

        @Override
        public Op get(int index) {
            if (index < 0 || !fill(index + 1)) {
                throw new IndexOutOfBoundsException(index);
            }
            return read.get(index);
        }

        @Override
        public int size() {
            fill(Integer.MAX_VALUE);
            return read.size();
        }

        @Override
        public Iterator<Op> iterator() {
            return new Iterator<>() {
                private int k;

                @Override
                public boolean hasNext() {
                    return fill(k + 1);
                }

                @Override
                public Op next() {
                    if (!hasNext()) {
                        throw new NoSuchElementException();
                    }
                    return read.get(k++);
                }
            };
        }
    }

    /** Reads the action in tokens [a, e) of an ALTER TABLE on {@code table}, as the schema is now. */
    private static Action action(Tokens t, int a, int e, Name table, Judgement j) {
        boolean isNew = !j.ctx.existedBefore(table.key());
        return switch (t.upper(a)) {
            case "ADD" -> t.is(a + 1, "CONSTRAINT") || t.is(a + 1, "CHECK") || t.is(a + 1, "UNIQUE")
                    || t.is(a + 1, "PRIMARY") || t.is(a + 1, "FOREIGN") || t.is(a + 1, "EXCLUDE")
                    || t.is(a + 1, "NOT", "NULL") ? ConstraintRecogniser.add(t, a + 1, e, table, isNew, j)
                    : addColumn(t, a + 1, e, table, isNew, j);
            case "DROP" -> t.is(a + 1, "CONSTRAINT") ? ConstraintRecogniser.drop(t, a + 2, table, isNew, j)
                    : dropColumn(t, a + 1, e, table, isNew);
            case "ALTER" -> t.is(a + 1, "CONSTRAINT") ? ConstraintRecogniser.alter(t, a, e, table, isNew)
                    : AlterColumnRecogniser.alterColumn(t, a + 1, e, table, isNew, j);
            case "RENAME" -> rename(t, a + 1, table, isNew);
            case "VALIDATE" -> ConstraintRecogniser.validate(t, a + 2, table, isNew);
            case "SET" -> TableActionRecogniser.set(t, a + 1, e, table, isNew);
            case "RESET" -> TableActionRecogniser.settings(TableSettings.Setting.RESET, "RESET", table);
            case "ENABLE", "DISABLE", "FORCE" -> TableActionRecogniser.enableDisable(t, a, e, table, isNew);
            case "CLUSTER" -> TableActionRecogniser.settings(TableSettings.Setting.CLUSTER_ON, "CLUSTER ON", table);
            case "OWNER" -> TableActionRecogniser.owner(table, isNew);
            case "REPLICA" -> TableActionRecogniser.settings(TableSettings.Setting.REPLICA_IDENTITY,
                    "REPLICA IDENTITY", table);
            case "NO" -> t.is(a + 1, "FORCE") ? TableActionRecogniser.enableDisable(t, a, e, table, isNew)
                    : TableActionRecogniser.inheritance(t, a, table, isNew); // NO INHERIT
            case "INHERIT", "OF", "NOT" -> TableActionRecogniser.inheritance(t, a, table, isNew);
            case "ATTACH" -> PartitionRecogniser.attach(t, a + 2, table, isNew, j);
            case "DETACH" -> PartitionRecogniser.detach(t, a + 2, e, table, isNew, j);
            default -> TableActionRecogniser.unrecognised("UNRECOGNISED ACTION", table,
                    SqlText.abbreviate(t.text(a, e - 1)));
        };
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
        ColumnReader.ColumnDef c = ColumnReader.read(t, p, e);
        if (c == null || c.type() == null) {
            return unrecognised("ADD COLUMN", table, "ADD COLUMN without a recognisable column name and type");
        }
        String defaultText = c.hasDefault() ? t.text(c.defaultFrom(), c.defaultTo() - 1) : null;
        String volatileFunction = c.hasDefault() ? Volatility.firstVolatile(t, c.defaultFrom(), c.defaultTo()) : null;
        ColumnSpec spec = new ColumnSpec(c.name(), c.type(), c.typeWritten(), c.notNull(), c.primaryKey(), c.unique(),
                c.check(), c.references(), defaultText, volatileFunction, c.identity(), c.generated(),
                c.generatedKind());
        AddColumn add = new AddColumn(table, isNew, spec, c.references() != null && fkValidationSkipped(t, c),
                AddColumn.Part.CONSTRAINTS);
        return new Action("ADD COLUMN", List.of(add, add.part(AddColumn.Part.VALUE), add.part(AddColumn.Part.TYPE)));
    }

    /**
     * Whether PostgreSQL skips validating the inline foreign key of a column being added: it does when no ADD COLUMN of
     * the statement has a DEFAULT (serial and generated columns have one) and the statement adds no other FOREIGN KEY
     * (transformAlterTableStmt), so every existing row holds NULL. Judged on the whole statement, conservatively.
     */
    private static boolean fkValidationSkipped(Tokens t, ColumnReader.ColumnDef c) {
        if (c.hasDefault() || c.generated() || c.identity()) {
            return false;
        }
        for (int k = 0; k < t.size(); k++) {
            if (t.is(k, "DEFAULT") || t.is(k, "FOREIGN") || t.is(k, "GENERATED")
                    || (t.isWord(k) && ColumnReader.SERIAL_TYPES.contains(t.ident(k)))) {
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
