package io.zdcd.analyzer.internal.effects;

import static io.zdcd.classify.LockMode.ACCESS_EXCLUSIVE;
import static io.zdcd.classify.LockMode.SHARE_ROW_EXCLUSIVE;

import io.zdcd.analyzer.internal.Judgement;
import io.zdcd.analyzer.internal.Name;
import io.zdcd.analyzer.internal.PgVersion;
import io.zdcd.analyzer.internal.Schema;
import io.zdcd.analyzer.internal.model.AddColumn;
import io.zdcd.analyzer.internal.model.ColumnSpec;
import io.zdcd.analyzer.internal.model.DropColumn;
import io.zdcd.analyzer.internal.model.Op;
import io.zdcd.analyzer.internal.model.RenameColumn;
import io.zdcd.analyzer.internal.model.RenameConstraint;
import io.zdcd.analyzer.internal.model.RenameTable;
import io.zdcd.analyzer.internal.model.TableLocked;

/** ALTER TABLE's column actions and renames: the schema learns the change; the locks; rewrite and scan. */
final class ColumnEffects {
    private ColumnEffects() {
    }

    static boolean apply(Op op, Judgement j) {
        if (op instanceof TableLocked o) {
            j.lock(o.table(), o.mode());
        } else if (op instanceof AddColumn o) {
            if (o.part() == AddColumn.Part.CONSTRAINTS) {
                addColumn(o, j);
            }
        } else if (op instanceof DropColumn o) {
            j.lock(o.table(), ACCESS_EXCLUSIVE);
            Schema.Table st = j.ctx.schema.table(o.table().key());
            if (st != null) {
                st.columns.remove(o.column());
            }
        } else if (op instanceof RenameTable o) {
            j.lock(o.table(), ACCESS_EXCLUSIVE);
            if (o.to() != null) {
                j.ctx.schema.renameTable(o.table().key(), o.to().key());
                if (o.isNew()) {
                    j.ctx.createdHere.add(o.to().key());
                }
            }
        } else if (op instanceof RenameConstraint o) {
            j.lock(o.table(), ACCESS_EXCLUSIVE);
            Schema.Table st = j.ctx.schema.table(o.table().key());
            if (st != null && st.constraints.containsKey(o.from())) {
                st.putConstraint(o.to(), st.removeConstraint(o.from()));
            }
        } else if (op instanceof RenameColumn o) {
            j.lock(o.table(), ACCESS_EXCLUSIVE);
            renameColumn(o, j);
        } else {
            return false;
        }
        return true;
    }

    private static void renameColumn(RenameColumn o, Judgement j) {
        Schema.Table st = j.ctx.schema.table(o.table().key());
        if (st != null && st.columns.containsKey(o.from()) && !o.to().isEmpty()) {
            st.columns.put(o.to(), st.columns.remove(o.from()));
        }
        if (st != null && !o.to().isEmpty() && st.indexed.remove(o.from())) {
            st.indexed.add(o.to());
        }
    }

    private static void addColumn(AddColumn o, Judgement j) {
        Name table = o.table();
        ColumnSpec c = o.column();
        j.lock(table, ACCESS_EXCLUSIVE);
        remember(j, table, c);
        j.lock(c.references(), SHARE_ROW_EXCLUSIVE); // traced: the referenced table is locked even for a new table
        if (o.isNew()) {
            return;
        }
        PgVersion v = j.ctx.version;
        boolean virtual = c.virtual(v);
        j.scan |= c.references() != null && !o.fkSkipsScan() || c.unique() || c.primaryKey() || c.check();
        j.rewrite |= c.identity() || c.generated() && v.atLeast(12) && !c.generatedKind(v).equals("VIRTUAL")
                || c.hasDefault() && !c.identity() && c.volatileFunction() != null && !virtual;
        if (virtual) {
            return;
        }
        if (c.notNull() && c.hasDefault()) {
            j.ctx.addedWithDefaultNotNull.add(table.key() + "." + c.name());
        }
        if (!c.hasDefault() && !c.identity() && !c.generated()) {
            j.ctx.addedWithoutDefault.add(table.key() + "." + c.name());
        }
    }

    private static void remember(Judgement j, Name table, ColumnSpec c) {
        Schema.Table st = j.ctx.schema.tableOrCreate(table.key()); // other columns stay unknown
        Schema.Column col = new Schema.Column();
        col.type = c.type();
        col.notNull = c.notNull();
        col.hasDefault = c.hasDefault() || c.identity();
        col.ownsSequence = c.identity();
        st.columns.put(c.name(), col);
        if (c.unique() || c.primaryKey()) {
            st.indexed.add(c.name());
        }
    }
}
