package io.zdcd.analyzer.internal.effects;

import static io.zdcd.classify.LockMode.ACCESS_EXCLUSIVE;
import static io.zdcd.classify.LockMode.ACCESS_SHARE;
import static io.zdcd.classify.LockMode.SHARE_ROW_EXCLUSIVE;
import static io.zdcd.classify.LockMode.SHARE_UPDATE_EXCLUSIVE;

import io.zdcd.analyzer.internal.Judgement;
import io.zdcd.analyzer.internal.model.AlterTableTarget;
import io.zdcd.analyzer.internal.model.Inheritance;
import io.zdcd.analyzer.internal.model.MoveAllInTablespace;
import io.zdcd.analyzer.internal.model.Op;
import io.zdcd.analyzer.internal.model.OwnerTo;
import io.zdcd.analyzer.internal.model.RewriteTable;
import io.zdcd.analyzer.internal.model.RowSecurity;
import io.zdcd.analyzer.internal.model.SetSchema;
import io.zdcd.analyzer.internal.model.TableSettings;
import io.zdcd.analyzer.internal.model.TriggerToggle;
import io.zdcd.classify.LockMode;

/** ALTER TABLE's table-wide actions: the locks, and the rewrites. */
final class TableEffects {
    private TableEffects() {
    }

    static boolean apply(Op op, Judgement j) {
        if (op instanceof AlterTableTarget o) {
            j.table(o.table());
        } else if (op instanceof MoveAllInTablespace) {
            j.rewrite = true;
        } else if (op instanceof RewriteTable o) {
            j.lock(o.table(), ACCESS_EXCLUSIVE);
            if (o.persistence() && j.ctx.version.atLeast(15)) {
                // PostgreSQL 15+ changes the persistence of the sequences the table owns with it
                j.ctx.schema.ownedSequences(o.table()).forEach(s -> j.lock(s, ACCESS_EXCLUSIVE));
            }
            j.rewrite |= !o.isNew() && !(o.accessMethod() && !j.ctx.version.atLeast(15));
        } else if (op instanceof TableSettings o) {
            j.lock(o.table(), settingsLock(o));
        } else if (op instanceof SetSchema o) {
            j.lock(o.table(), ACCESS_EXCLUSIVE);
        } else if (op instanceof RowSecurity o) {
            j.lock(o.table(), ACCESS_EXCLUSIVE);
        } else if (op instanceof TriggerToggle o) {
            j.lock(o.table(), o.rule() ? ACCESS_EXCLUSIVE : SHARE_ROW_EXCLUSIVE);
        } else if (op instanceof OwnerTo o) {
            j.lock(o.relation(), ACCESS_EXCLUSIVE);
        } else if (op instanceof Inheritance o) {
            j.lock(o.table(), ACCESS_EXCLUSIVE);
            j.lock(o.inherits(), SHARE_UPDATE_EXCLUSIVE); // traced: the parent
            j.lock(o.stopsInheriting(), ACCESS_SHARE); // traced: the parent
        } else {
            return false;
        }
        return true;
    }

    private static LockMode settingsLock(TableSettings o) {
        return switch (o.setting()) {
            case PARAMETERS -> o.lightLock() ? SHARE_UPDATE_EXCLUSIVE : ACCESS_EXCLUSIVE;
            case RESET, CLUSTER_ON -> SHARE_UPDATE_EXCLUSIVE;
            case WITHOUT -> o.word().equals("CLUSTER") ? SHARE_UPDATE_EXCLUSIVE : ACCESS_EXCLUSIVE;
            case REPLICA_IDENTITY -> ACCESS_EXCLUSIVE;
        };
    }
}
