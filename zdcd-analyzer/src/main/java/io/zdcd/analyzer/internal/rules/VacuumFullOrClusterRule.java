package io.zdcd.analyzer.internal.rules;

import io.zdcd.analyzer.internal.Judgement;
import io.zdcd.analyzer.internal.Rule;
import io.zdcd.analyzer.internal.Rules;
import io.zdcd.analyzer.internal.model.Cluster;
import io.zdcd.analyzer.internal.model.Op;
import io.zdcd.analyzer.internal.model.Vacuum;
import io.zdcd.classify.Verdict;

/** vacuum-full-or-cluster: both rewrite the table under AccessExclusiveLock. */
final class VacuumFullOrClusterRule extends ZdcdRule {
    @Override
    public Rule meta() {
        return Rules.VACUUM_FULL;
    }

    @Override
    public void check(Op op, Judgement j) {
        if (op instanceof Vacuum o && o.full() && !j.ctx.inTransaction) {
            j.finding(meta(), o.isNew() ? Verdict.SAFE : Verdict.UNSAFE, "VACUUM FULL rewrites "
                    + (o.table() == null ? "every table" : o.table().display()) + " under AccessExclusiveLock (reads "
                    + "and writes blocked for the whole copy)");
        } else if (op instanceof Cluster o) {
            j.finding(meta(), o.isNew() ? Verdict.SAFE : Verdict.UNSAFE, "CLUSTER rewrites "
                    + (o.table() == null ? "every clustered table" : o.table().display()) + " under "
                    + "AccessExclusiveLock");
        }
    }
}
