package io.zdcd.analyzer.internal.effects;

import static io.zdcd.classify.LockMode.ACCESS_EXCLUSIVE;
import static io.zdcd.classify.LockMode.ACCESS_SHARE;
import static io.zdcd.classify.LockMode.SHARE_ROW_EXCLUSIVE;

import io.zdcd.analyzer.internal.Judgement;
import io.zdcd.analyzer.internal.Name;
import io.zdcd.analyzer.internal.Schema;
import io.zdcd.analyzer.internal.model.CreatePartition;
import io.zdcd.analyzer.internal.model.CreateTable;
import io.zdcd.analyzer.internal.model.CreateTableAs;
import io.zdcd.analyzer.internal.model.Op;
import io.zdcd.analyzer.internal.model.TableElement;

/** CREATE TABLE [AS | PARTITION OF]: the schema learns the table; locks on referenced, source and parent tables. */
final class CreateTableEffects {
    private CreateTableEffects() {
    }

    static boolean apply(Op op, Judgement j) {
        if (op instanceof CreateTable o) {
            Schema.Table st = create(o.name(), o.known(), o.defines(), j);
            if (st != null && o.partitioned()) {
                st.partitioned = true;
            }
            o.elements().forEach(e -> element(e, st, j));
            like(o, st, j);
        } else if (op instanceof CreateTableAs o) {
            create(o.name(), o.known(), false, j);
            j.ctx.schema.createTable(o.name().key()).columns.clear();
            int before = j.tables.size();
            o.sources().forEach(s -> j.lock(s, ACCESS_SHARE));
            j.longRunning = j.tables.size() > before;
        } else if (op instanceof CreatePartition o) {
            partition(o, j);
        } else {
            return false;
        }
        return true;
    }

    /** Names the table, notes it was created here when known; its fresh schema entry when zdcd defines it. */
    private static Schema.Table create(Name name, boolean known, boolean defines, Judgement j) {
        j.table(name);
        if (known) {
            j.ctx.createdHere.add(name.key());
        }
        return defines ? j.ctx.schema.createTable(name.key()) : null;
    }

    private static void element(TableElement e, Schema.Table st, Judgement j) {
        if (e instanceof TableElement.References r) {
            j.lock(r.table(), SHARE_ROW_EXCLUSIVE);
        } else if (st == null) {
            return; // zdcd does not define this table
        } else if (e instanceof TableElement.Check c) {
            Schema.Constraint k = new Schema.Constraint();
            k.kind = "CHECK";
            k.validated = true;
            k.checkColumns = c.columns();
            st.putConstraint(c.name(), k);
        } else if (e instanceof TableElement.Indexed i) {
            st.indexed.addAll(i.columns());
        } else if (e instanceof TableElement.Key key) {
            Schema.Constraint c = new Schema.Constraint();
            c.kind = key.kind();
            c.validated = true;
            c.referencedTable = key.references() == null ? null : key.references().key();
            if (key.referencedColumns() != null) {
                c.referencedColumns = key.referencedColumns();
            }
            st.putConstraint(key.name(), c);
            if (key.keyColumns() != null) {
                c.keyColumns = key.keyColumns();
            }
        } else if (e instanceof TableElement.NotNull n) {
            for (String c : n.columns()) {
                Schema.Column col = st.columns.get(c);
                if (col != null) {
                    col.notNull = true;
                }
            }
        } else if (e instanceof TableElement.Column c) {
            Schema.Column col = new Schema.Column();
            col.type = c.type();
            col.notNull = c.notNull();
            col.hasDefault = c.hasDefault();
            col.ownsSequence = c.identity();
            st.columns.put(c.name(), col);
        }
    }

    /** LIKE source [INCLUDING ...]: AccessShareLock on the source; its columns (and, with indexes, what they index). */
    private static void like(CreateTable o, Schema.Table st, Judgement j) {
        Name src = o.likeSource();
        if (src == null) {
            return;
        }
        j.lock(src, ACCESS_SHARE);
        Schema.Table sst = j.ctx.schema.table(src.key());
        if (sst != null && st != null) {
            sst.columns.forEach((k, v) -> st.columns.put(k, v.copy()));
            if (o.likeIndexes()) {
                sst.columns.keySet().stream().filter(k -> j.ctx.schema.mayBeIndexed(src.key(), k))
                        .forEach(st.indexed::add);
            }
        }
    }

    /**
     * A brief AccessExclusiveLock on the parent; a DEFAULT partition of the parent is scanned (under
     * AccessExclusiveLock) for rows that belong to the new partition.
     */
    private static void partition(CreatePartition o, Judgement j) {
        Schema.Table st = create(o.name(), o.known(), o.defines(), j);
        Name parent = o.parent();
        j.lock(parent, ACCESS_EXCLUSIVE);
        Schema.Table pt = parent == null ? null : j.ctx.schema.table(parent.key());
        if (pt != null && st != null) {
            pt.columns.forEach((k, v) -> st.columns.put(k, v.copy()));
        }
        if (st != null) {
            j.ctx.schema.partitionOf(st, parent == null ? null : parent.key());
            st.defaultPartition = o.isDefault();
            st.partitioned = o.partitioned();
        } else if (o.isDefault() && parent != null) { // IF NOT EXISTS: it may be the parent's DEFAULT (fail closed)
            Schema.Table maybe = j.ctx.schema.tableOrCreate(o.name().key());
            j.ctx.schema.partitionOf(maybe, parent.key());
            maybe.defaultPartition = true;
        }
        String def = o.parentDefault();
        if (!o.isDefault() && def != null && !def.isEmpty()) {
            j.lock(new Name(def, def, 0), ACCESS_EXCLUSIVE);
            if (!o.parentNew() && !o.defaultNew()) {
                j.scan = true;
                j.longRunning = true;
            }
        }
    }
}
