package io.zdcd.analyzer.internal.effects;

import static io.zdcd.classify.LockMode.ACCESS_EXCLUSIVE;
import static io.zdcd.classify.LockMode.SHARE_UPDATE_EXCLUSIVE;

import io.zdcd.analyzer.internal.Judgement;
import io.zdcd.analyzer.internal.Name;
import io.zdcd.analyzer.internal.model.Comment;
import io.zdcd.analyzer.internal.model.LockTable;
import io.zdcd.analyzer.internal.model.Op;
import io.zdcd.analyzer.internal.model.Truncate;

/** TRUNCATE, LOCK and COMMENT. */
final class MaintenanceEffects {
    private MaintenanceEffects() {
    }

    static boolean apply(Op op, Judgement j) {
        if (op instanceof Truncate o) {
            o.tables().forEach(n -> j.lock(n, ACCESS_EXCLUSIVE));
        } else if (op instanceof LockTable o) {
            for (Name n : o.tables()) {
                j.lock(n, o.mode());
            }
        } else if (op instanceof Comment o) {
            j.lock(o.relation(), SHARE_UPDATE_EXCLUSIVE);
        } else {
            return false;
        }
        return true;
    }
}
