package io.zdcd.analyzer.internal.rules;

import io.zdcd.analyzer.internal.Judgement;
import io.zdcd.analyzer.internal.PgVersion;
import io.zdcd.analyzer.internal.Rule;
import io.zdcd.analyzer.internal.Rules;
import io.zdcd.analyzer.internal.model.CreateIndex;
import io.zdcd.analyzer.internal.model.Op;
import io.zdcd.analyzer.internal.model.Reindex;
import io.zdcd.classify.Verdict;

/** concurrent-index-pg14-bug: PostgreSQL 14.0 to 14.3 can corrupt indexes built or rebuilt CONCURRENTLY. */
final class ConcurrentIndexPg14BugRule extends ZdcdRule {
    @Override
    public Rule meta() {
        return Rules.CIC_BUG;
    }

    @Override
    public void check(Op op, Judgement j) {
        PgVersion v = j.ctx.version;
        if (!v.hasConcurrentIndexBug() || j.ctx.inTransaction) {
            return;
        }
        if (op instanceof CreateIndex o && o.concurrently()) {
            j.finding(meta(), Verdict.UNSAFE, "PostgreSQL " + v + " (14.0 to 14.3) can silently corrupt "
                    + "indexes built with CONCURRENTLY");
        } else if (op instanceof Reindex o && o.concurrently()) {
            j.finding(meta(), Verdict.UNSAFE, "PostgreSQL " + v + " (14.0 to 14.3) can silently corrupt "
                    + "indexes rebuilt with CONCURRENTLY");
        }
    }
}
