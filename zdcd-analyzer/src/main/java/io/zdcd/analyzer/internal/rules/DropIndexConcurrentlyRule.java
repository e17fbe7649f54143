package io.zdcd.analyzer.internal.rules;

import io.zdcd.analyzer.internal.Judgement;
import io.zdcd.analyzer.internal.Rules;
import io.zdcd.analyzer.internal.model.DropIndex;
import io.zdcd.classify.Verdict;

/** drop-index-concurrently: SAFE outside a transaction block. */
final class DropIndexConcurrentlyRule extends OpRule<DropIndex> {
    DropIndexConcurrentlyRule() {
        super(Rules.DROP_INDEX_CONCURRENTLY, DropIndex.class);
    }

    @Override
    void judge(DropIndex op, Judgement j) {
        if (op.concurrently() && !j.ctx.inTransaction && DropIndexRule.droppedUnique(op, j) == null) {
            j.finding(meta(), Verdict.SAFE, "drops the index without blocking reads or writes "
                    + "(ShareUpdateExclusiveLock)");
        }
    }
}
