package io.zdcd.analyzer.internal.rules;

import io.zdcd.analyzer.internal.Judgement;
import io.zdcd.analyzer.internal.Rules;
import io.zdcd.analyzer.internal.model.Reindex;
import io.zdcd.classify.Verdict;

/** reindex-concurrently: SAFE where it can run (PostgreSQL 12+, outside a transaction, not 14.0-14.3). */
final class ReindexConcurrentlyRule extends OpRule<Reindex> {
    ReindexConcurrentlyRule() {
        super(Rules.REINDEX_CONCURRENTLY, Reindex.class);
    }

    @Override
    void judge(Reindex op, Judgement j) {
        if (op.concurrently() && j.ctx.version.atLeast(12) && !j.ctx.inTransaction
                && !j.ctx.version.hasConcurrentIndexBug()) {
            j.finding(meta(), Verdict.SAFE, "rebuilds without blocking reads or writes (ShareUpdateExclusiveLock); "
                    + "a failure leaves an INVALID *_ccnew index to drop");
        }
    }
}
