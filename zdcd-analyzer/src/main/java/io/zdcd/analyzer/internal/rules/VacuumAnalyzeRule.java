package io.zdcd.analyzer.internal.rules;

import io.zdcd.analyzer.internal.Judgement;
import io.zdcd.analyzer.internal.Rule;
import io.zdcd.analyzer.internal.Rules;
import io.zdcd.analyzer.internal.model.Analyze;
import io.zdcd.analyzer.internal.model.Op;
import io.zdcd.analyzer.internal.model.Vacuum;
import io.zdcd.classify.Verdict;

/** vacuum-analyze: plain VACUUM and ANALYZE let reads and writes go on. */
final class VacuumAnalyzeRule extends ZdcdRule {
    @Override
    public Rule meta() {
        return Rules.VACUUM;
    }

    @Override
    public void check(Op op, Judgement j) {
        if (op instanceof Vacuum o && !o.full() && !j.ctx.inTransaction) {
            j.finding(meta(), Verdict.SAFE, "VACUUM: ShareUpdateExclusiveLock, reads and writes go on");
        } else if (op instanceof Analyze) {
            j.finding(meta(), Verdict.SAFE, "collects statistics: ShareUpdateExclusiveLock, reads and writes go on");
        }
    }
}
