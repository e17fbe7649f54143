package io.zdcd.analyzer.internal.rules;

import io.zdcd.analyzer.internal.Judgement;
import io.zdcd.analyzer.internal.Rules;
import io.zdcd.analyzer.internal.model.RefreshMaterializedView;
import io.zdcd.classify.Verdict;

/** refresh-materialized-view: without CONCURRENTLY, reads of the view wait for the whole refresh. */
final class RefreshMaterializedViewRule extends OpRule<RefreshMaterializedView> {
    RefreshMaterializedViewRule() {
        super(Rules.REFRESH_MATVIEW, RefreshMaterializedView.class);
    }

    @Override
    void judge(RefreshMaterializedView op, Judgement j) {
        if (op.concurrently()) {
            return;
        }
        j.finding(meta(), op.isNew() ? Verdict.SAFE : Verdict.UNSAFE, "recomputes the view under "
                + "AccessExclusiveLock: reads of it wait for the whole refresh", "REFRESH MATERIALIZED VIEW "
                + "CONCURRENTLY " + (op.view() == null ? "name" : op.view().display()) + "; (needs a unique index on "
                + "the view)");
    }
}
