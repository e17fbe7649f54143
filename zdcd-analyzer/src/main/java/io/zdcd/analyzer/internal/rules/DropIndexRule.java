package io.zdcd.analyzer.internal.rules;

import io.zdcd.analyzer.internal.Judgement;
import io.zdcd.analyzer.internal.Rules;
import io.zdcd.analyzer.internal.model.DropIndex;
import io.zdcd.classify.Verdict;

/** drop-index: a brief AccessExclusiveLock, no scan; SAFE. */
final class DropIndexRule extends OpRule<DropIndex> {
    DropIndexRule() {
        super(Rules.DROP_INDEX, DropIndex.class);
    }

    /** The last UNIQUE index of a pre-existing table that the statement drops, as written, or null. */
    static String droppedUnique(DropIndex op, Judgement j) {
        String dropped = null;
        for (DropIndex.Target target : op.indexes()) {
            if (target.existed() && target.known() != null && target.known().unique()
                    && j.ctx.existedBefore(target.known().table())) {
                dropped = target.name().display();
            }
        }
        return dropped;
    }

    @Override
    void judge(DropIndex op, Judgement j) {
        if (op.concurrently() || droppedUnique(op, j) != null) {
            return;
        }
        if (op.indexes().stream().noneMatch(DropIndex.Target::existed)) {
            j.finding(meta(), Verdict.SAFE, "drops an index created in this migration");
        } else {
            j.finding(meta(), Verdict.SAFE, "drops the index: a brief AccessExclusiveLock on the table (no scan); "
                    + "queries that used it may get slower", "");
        }
    }
}
