package io.zdcd.analyzer.internal.rules;

import io.zdcd.analyzer.internal.Judgement;
import io.zdcd.analyzer.internal.Rules;
import io.zdcd.analyzer.internal.model.Reindex;
import io.zdcd.classify.Verdict;

/** reindex: REINDEX without CONCURRENTLY blocks writes (and reads using the index) for the whole rebuild. */
final class ReindexRule extends OpRule<Reindex> {
    ReindexRule() {
        super(Rules.REINDEX, Reindex.class);
    }

    @Override
    void judge(Reindex op, Judgement j) {
        if (op.concurrently()) {
            return;
        }
        j.finding(meta(), op.isNew() ? Verdict.SAFE : Verdict.UNSAFE, "REINDEX holds ShareLock on the table and "
                + "AccessExclusiveLock on the index for the whole rebuild: writes wait, and so do reads that would "
                + "use the index", j.ctx.version.atLeast(12) ? "REINDEX " + op.what() + " CONCURRENTLY "
                + (op.target() == null ? "name" : op.target().display()) + "; (outside a transaction block)"
                : "CREATE INDEX CONCURRENTLY a new index, then DROP INDEX CONCURRENTLY the old one");
    }
}
