package io.zdcd.analyzer.internal.rules;

import io.zdcd.analyzer.internal.Judgement;
import io.zdcd.analyzer.internal.Rules;
import io.zdcd.analyzer.internal.model.DropNotNull;
import io.zdcd.classify.Verdict;

/** drop-not-null: a brief lock; old readers may meet NULLs written by new code. */
final class DropNotNullRule extends OpRule<DropNotNull> {
    DropNotNullRule() {
        super(Rules.DROP_NOT_NULL, DropNotNull.class);
    }

    @Override
    void judge(DropNotNull op, Judgement j) {
        j.finding(meta(), Verdict.SAFE, "drops NOT NULL from " + op.table().display() + "." + op.column() + ": a brief "
                + "AccessExclusiveLock; old readers may now meet NULLs written by new code");
    }
}
