package io.zdcd.analyzer.internal.rules;

import io.zdcd.analyzer.internal.Judgement;
import io.zdcd.analyzer.internal.Rules;
import io.zdcd.analyzer.internal.model.LockTable;
import io.zdcd.classify.Verdict;

/** lock-table: an explicit LOCK is SAFE itself; what follows it under the lock is judged by the held-lock rule. */
final class LockTableRule extends OpRule<LockTable> {
    LockTableRule() {
        super(Rules.LOCK_TABLE, LockTable.class);
    }

    @Override
    void judge(LockTable op, Judgement j) {
        j.finding(meta(), Verdict.SAFE, "takes " + op.mode().pgName() + " explicitly and holds it until COMMIT"
                + (op.mode().blocksWrites() ? ": keep the rest of the transaction short (zdcd flags scans and "
                + "rewrites that follow it)" : ""));
    }
}
