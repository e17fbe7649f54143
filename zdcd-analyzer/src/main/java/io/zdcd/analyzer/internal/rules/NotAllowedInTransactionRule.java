package io.zdcd.analyzer.internal.rules;

import io.zdcd.analyzer.internal.BatchLoop;
import io.zdcd.analyzer.internal.Judgement;
import io.zdcd.analyzer.internal.Rule;
import io.zdcd.analyzer.internal.Rules;
import io.zdcd.analyzer.internal.model.AlterRoleOrDatabase;
import io.zdcd.analyzer.internal.model.AlterType;
import io.zdcd.analyzer.internal.model.CreateObject;
import io.zdcd.analyzer.internal.model.Op;
import io.zdcd.analyzer.internal.model.Vacuum;
import io.zdcd.classify.Verdict;

/** not-allowed-in-transaction: statements PostgreSQL refuses inside BEGIN ... COMMIT. */
final class NotAllowedInTransactionRule extends ZdcdRule implements MigrationCheck {
    @Override
    public Rule meta() {
        return Rules.NOT_IN_TRANSACTION;
    }

    @Override
    public void check(Op op, Judgement j) {
        if (!j.ctx.inTransaction) {
            return;
        }
        if (op instanceof Vacuum) {
            j.finding(meta(), Verdict.UNSAFE, "VACUUM cannot run inside a transaction block");
        } else if (op instanceof CreateObject o && (o.what().equals("DATABASE") || o.what().equals("TABLESPACE"))) {
            j.finding(meta(), Verdict.UNSAFE, "CREATE " + o.what() + " cannot run inside a transaction block");
        } else if (op instanceof AlterType o && o.action() == AlterType.Action.ADD_VALUE
                && !j.ctx.version.atLeast(12)) {
            j.finding(meta(), Verdict.UNSAFE, "ALTER TYPE ... ADD VALUE cannot run inside a transaction block before "
                    + "PostgreSQL 12; the target is " + j.ctx.version);
        } else if (op instanceof AlterRoleOrDatabase o && o.what().equals("SYSTEM")) {
            j.finding(meta(), Verdict.UNSAFE, "ALTER SYSTEM cannot run inside a transaction block");
        }
    }

    /** A batch loop COMMITs each batch. */
    @Override
    public void batchLoop(BatchLoop.Loop loop, BatchLoop.Key key, String verb, Judgement j) {
        if (j.ctx.inTransaction) {
            j.finding(meta(), Verdict.UNSAFE, "a batch loop COMMITs each batch, which fails inside a transaction block");
        }
    }
}
