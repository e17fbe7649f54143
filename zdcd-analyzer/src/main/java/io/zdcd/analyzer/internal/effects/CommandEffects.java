package io.zdcd.analyzer.internal.effects;

import io.zdcd.analyzer.internal.BatchLoop;
import io.zdcd.analyzer.internal.DoWrapper;
import io.zdcd.analyzer.internal.Judgement;
import io.zdcd.analyzer.internal.Name;
import io.zdcd.analyzer.internal.model.Op;
import io.zdcd.analyzer.internal.model.Privileges;
import io.zdcd.analyzer.internal.model.Procedural;
import io.zdcd.classify.LockMode;

/**
 * GRANT/REVOKE and DO/CALL/EXECUTE. A DO block zdcd can see into (a batching loop, one wrapped statement) is judged as
 * that statement: its effect is the whole nested judgement, findings included.
 */
final class CommandEffects {
    private CommandEffects() {
    }

    static boolean apply(Op op, Judgement j) {
        if (op instanceof Privileges o) {
            // PostgreSQL 18+ takes AccessShareLock on each table (observed by the lock tracer; 13-17 take none)
            boolean locks = j.ctx.version.atLeast(18);
            for (Name n : o.tables()) {
                if (locks) {
                    j.lock(n, LockMode.ACCESS_SHARE);
                } else if (!j.tables.contains(n.display())) {
                    j.tables.add(n.display());
                }
            }
        } else if (op instanceof Procedural o) {
            if (o.loop() != null) {
                BatchLoop.judge(o.loop(), j);
            } else if (o.wrapped() != null) {
                DoWrapper.judge(o.wrapped(), j);
            } else {
                j.longRunning = true;
                j.slowCall = o.command();
            }
        } else {
            return false;
        }
        return true;
    }
}
