package io.zdcd.analyzer.internal.effects;

import static io.zdcd.classify.LockMode.ACCESS_EXCLUSIVE;
import static io.zdcd.classify.LockMode.SHARE_UPDATE_EXCLUSIVE;

import io.zdcd.analyzer.internal.Judgement;
import io.zdcd.analyzer.internal.Name;
import io.zdcd.analyzer.internal.Schema;
import io.zdcd.analyzer.internal.model.DropIndex;
import io.zdcd.analyzer.internal.model.DropObjects;
import io.zdcd.analyzer.internal.model.DropOnTable;
import io.zdcd.analyzer.internal.model.Op;
import io.zdcd.classify.LockMode;

/** DROP of every kind: the schema forgets the objects; the locks PostgreSQL takes (traced). */
final class DropEffects {
    private DropEffects() {
    }

    static boolean apply(Op op, Judgement j) {
        if (op instanceof DropObjects o) {
            for (Name n : o.names()) {
                if (o.relation()) {
                    dropRelation(n, j);
                } else {
                    j.tables.add(n.display());
                }
            }
        } else if (op instanceof DropIndex o) {
            LockMode mode = o.concurrently() ? SHARE_UPDATE_EXCLUSIVE : ACCESS_EXCLUSIVE;
            for (DropIndex.Target target : o.indexes()) {
                Name n = target.name();
                if (j.ctx.schema.removeIndex(n.last()) == null) {
                    j.ctx.schema.removeIndex(n.key());
                }
                if (target.existed()) {
                    j.lock(n, mode);
                    if (target.known() != null) {
                        j.lock(new Name(target.known().table(), target.known().table(), 0), mode);
                    }
                } else {
                    j.table(n);
                }
            }
        } else if (op instanceof DropOnTable o) {
            j.lock(o.table(), ACCESS_EXCLUSIVE);
        } else {
            return false;
        }
        return true;
    }

    private static void dropRelation(Name n, Judgement j) {
        j.lock(n, ACCESS_EXCLUSIVE);
        // traced: the sequences it owns are dropped with it, the foreign keys that reference it (CASCADE) are
        // dropped from their tables
        j.ctx.schema.ownedSequences(n).forEach(s -> j.lock(s, ACCESS_EXCLUSIVE));
        j.ctx.schema.referencingTables(n.key()).forEach(r -> j.lock(r, ACCESS_EXCLUSIVE));
        Schema.Table dropped = j.ctx.schema.table(n.key());
        if (dropped != null) {
            for (Schema.Constraint c : dropped.constraints.values()) {
                if (c.referencedTable != null && !c.referencedTable.equals(n.key())) {
                    // dropping a foreign key locks the table it references too
                    j.lock(new Name(c.referencedTable, c.referencedTable, 0), ACCESS_EXCLUSIVE);
                }
            }
        }
        j.ctx.schema.dropTable(n.key());
    }
}
