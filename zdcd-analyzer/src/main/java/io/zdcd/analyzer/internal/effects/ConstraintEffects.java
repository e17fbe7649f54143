package io.zdcd.analyzer.internal.effects;

import static io.zdcd.classify.LockMode.ACCESS_EXCLUSIVE;
import static io.zdcd.classify.LockMode.ROW_SHARE;
import static io.zdcd.classify.LockMode.SHARE_ROW_EXCLUSIVE;
import static io.zdcd.classify.LockMode.SHARE_UPDATE_EXCLUSIVE;

import io.zdcd.analyzer.internal.Judgement;
import io.zdcd.analyzer.internal.Name;
import io.zdcd.analyzer.internal.Schema;
import io.zdcd.analyzer.internal.model.AddCheck;
import io.zdcd.analyzer.internal.model.AddExclude;
import io.zdcd.analyzer.internal.model.AddForeignKey;
import io.zdcd.analyzer.internal.model.AddNotNull;
import io.zdcd.analyzer.internal.model.AddUnique;
import io.zdcd.analyzer.internal.model.AlterConstraint;
import io.zdcd.analyzer.internal.model.ConstraintUnread;
import io.zdcd.analyzer.internal.model.DropConstraint;
import io.zdcd.analyzer.internal.model.Op;
import io.zdcd.analyzer.internal.model.ValidateConstraint;
import java.util.List;

/** ALTER TABLE's constraints: the schema learns and forgets them; the locks; scans. */
final class ConstraintEffects {
    private ConstraintEffects() {
    }

    static boolean apply(Op op, Judgement j) {
        if (op instanceof AddCheck o) {
            Schema.Table st = j.ctx.schema.tableOrCreate(o.table().key());
            j.lock(o.table(), ACCESS_EXCLUSIVE);
            j.scan |= !o.isNew() && !o.notValid();
            Schema.Constraint c = constraint("CHECK", !o.notValid());
            c.notNullColumn = o.notNullColumn();
            c.checkColumns = o.checkColumns();
            remember(st, o.name(), c);
        } else if (op instanceof AddForeignKey o) {
            Schema.Table st = j.ctx.schema.tableOrCreate(o.table().key());
            Schema.Constraint c = constraint("FOREIGN KEY", !o.notValid());
            c.referencedTable = o.referenced() == null ? null : o.referenced().key();
            c.referencedColumns = o.referencedColumns();
            j.lock(o.table(), SHARE_ROW_EXCLUSIVE);
            j.lock(o.referenced(), SHARE_ROW_EXCLUSIVE);
            j.scan |= !o.isNew() && !o.notValid();
            remember(st, o.name(), c);
        } else if (op instanceof AddUnique o) {
            addUnique(o, j);
        } else if (op instanceof AddExclude o) {
            Schema.Table st = j.ctx.schema.tableOrCreate(o.table().key());
            j.lock(o.table(), ACCESS_EXCLUSIVE);
            j.scan |= !o.isNew();
            st.indexed.addAll(o.mentioned());
            remember(st, o.name(), constraint("EXCLUDE", !o.notValid()));
        } else if (op instanceof AddNotNull o) {
            addNotNull(o, j);
        } else if (op instanceof ConstraintUnread o) {
            j.ctx.schema.tableOrCreate(o.table().key());
            j.lock(o.table(), ACCESS_EXCLUSIVE);
        } else if (op instanceof DropConstraint o) {
            j.lock(o.table(), ACCESS_EXCLUSIVE);
            Schema.Table st = j.ctx.schema.table(o.table().key());
            if (st != null) {
                st.removeConstraint(o.name());
            }
            j.lock(o.referenced(), ACCESS_EXCLUSIVE);
        } else if (op instanceof ValidateConstraint o) {
            validate(o, j);
        } else if (op instanceof AlterConstraint o) {
            j.lock(o.table(), ACCESS_EXCLUSIVE);
        } else {
            return false;
        }
        return true;
    }

    private static Schema.Constraint constraint(String kind, boolean validated) {
        Schema.Constraint c = new Schema.Constraint();
        c.kind = kind;
        c.validated = validated;
        return c;
    }

    private static void remember(Schema.Table st, String name, Schema.Constraint c) {
        if (name != null) {
            st.putConstraint(name, c);
        }
    }

    private static void notNull(Judgement j, Name table, List<String> columns) {
        for (String c : columns) {
            Schema.Column col = j.ctx.schema.column(table.key(), c);
            if (col != null) {
                col.notNull = true;
            }
        }
    }

    private static void addUnique(AddUnique o, Judgement j) {
        Schema.Table st = j.ctx.schema.tableOrCreate(o.table().key());
        Schema.Constraint c = constraint(o.kind(), true);
        if (o.primaryKey()) { // its columns: the batch loops of zdcd fix key on them
            c.keyColumns = o.columns();
        }
        j.lock(o.table(), ACCESS_EXCLUSIVE);
        j.scan |= o.usingIndex() != null ? o.pkScan() : !o.isNew();
        notNull(j, o.table(), o.notNulled());
        st.indexed.addAll(o.mentioned());
        remember(st, o.name(), c);
    }

    private static void addNotNull(AddNotNull o, Judgement j) {
        Schema.Table st = j.ctx.schema.tableOrCreate(o.table().key());
        Schema.Constraint c = constraint("NOT NULL", !o.notValid());
        c.notNullColumn = o.column();
        j.lock(o.table(), ACCESS_EXCLUSIVE);
        j.scan |= j.ctx.version.atLeast(18) && !o.isNew() && !o.notValid() && !o.already();
        if (!o.notValid()) {
            notNull(j, o.table(), List.of(o.column()));
        }
        remember(st, o.name(), c);
    }

    private static void validate(ValidateConstraint o, Judgement j) {
        j.lock(o.table(), SHARE_UPDATE_EXCLUSIVE);
        Schema.Table st = j.ctx.schema.table(o.table().key());
        Schema.Constraint c = st == null ? null : st.constraints.get(o.name());
        if (c != null) {
            c.validated = true;
            if (c.referencedTable != null) {
                // traced: validating a foreign key opens the referenced table with RowShareLock
                j.lock(new Name(c.referencedTable, c.referencedTable, 0), ROW_SHARE);
            }
            if ("NOT NULL".equals(c.kind) && c.notNullColumn != null) {
                Schema.Column col = st.columns.get(c.notNullColumn);
                if (col != null) {
                    col.notNull = true;
                }
            }
        }
        j.scan |= !o.isNew();
    }
}
