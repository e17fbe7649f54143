package io.zdcd.analyzer.internal.rules;

import io.zdcd.analyzer.internal.Judgement;
import io.zdcd.analyzer.internal.Rule;
import io.zdcd.analyzer.internal.Rules;
import io.zdcd.analyzer.internal.model.CreateIndex;
import io.zdcd.analyzer.internal.model.DetachPartition;
import io.zdcd.analyzer.internal.model.DropIndex;
import io.zdcd.analyzer.internal.model.Op;
import io.zdcd.analyzer.internal.model.Reindex;
import io.zdcd.classify.Verdict;

/** concurrently-in-transaction: a CONCURRENTLY statement inside BEGIN ... COMMIT fails. */
final class ConcurrentlyInTransactionRule extends ZdcdRule {
    @Override
    public Rule meta() {
        return Rules.CONCURRENTLY_IN_TX;
    }

    @Override
    public void check(Op op, Judgement j) {
        if (!j.ctx.inTransaction) {
            return;
        }
        if (op instanceof CreateIndex o && o.concurrently()) {
            j.finding(meta(), Verdict.UNSAFE, "CREATE INDEX CONCURRENTLY cannot run inside a transaction block: "
                    + "PostgreSQL raises an error", "run it outside BEGIN ... COMMIT (Django: a migration with atomic "
                    + "= False, or AddIndexConcurrently)");
        } else if (op instanceof DropIndex o && o.concurrently()) {
            j.finding(meta(), Verdict.UNSAFE, "DROP INDEX CONCURRENTLY cannot run inside a transaction block: "
                    + "PostgreSQL raises an error", "run it outside BEGIN ... COMMIT");
        } else if (op instanceof Reindex o && o.concurrently() && j.ctx.version.atLeast(12)) {
            j.finding(meta(), Verdict.UNSAFE, "REINDEX CONCURRENTLY cannot run inside a transaction block");
        } else if (op instanceof DetachPartition o && o.concurrently() && o.detaches(j.ctx.version)) {
            j.finding(meta(), Verdict.UNSAFE, "DETACH PARTITION ... CONCURRENTLY cannot run inside a transaction "
                    + "block: PostgreSQL raises an error");
        }
    }
}
