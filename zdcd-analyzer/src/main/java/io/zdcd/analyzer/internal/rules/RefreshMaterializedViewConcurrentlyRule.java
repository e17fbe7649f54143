package io.zdcd.analyzer.internal.rules;

import io.zdcd.analyzer.internal.Judgement;
import io.zdcd.analyzer.internal.Rules;
import io.zdcd.analyzer.internal.model.RefreshMaterializedView;
import io.zdcd.classify.Verdict;

/** refresh-materialized-view-concurrently: reads go on during the refresh. */
final class RefreshMaterializedViewConcurrentlyRule extends OpRule<RefreshMaterializedView> {
    RefreshMaterializedViewConcurrentlyRule() {
        super(Rules.REFRESH_MATVIEW_CONCURRENTLY, RefreshMaterializedView.class);
    }

    @Override
    void judge(RefreshMaterializedView op, Judgement j) {
        if (op.concurrently()) {
            j.finding(meta(), Verdict.SAFE, "recomputes the view while reads go on (ExclusiveLock)");
        }
    }
}
