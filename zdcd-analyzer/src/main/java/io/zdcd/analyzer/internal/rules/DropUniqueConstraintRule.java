package io.zdcd.analyzer.internal.rules;

import io.zdcd.analyzer.internal.Judgement;
import io.zdcd.analyzer.internal.Rule;
import io.zdcd.analyzer.internal.Rules;
import io.zdcd.analyzer.internal.model.DropConstraint;
import io.zdcd.analyzer.internal.model.DropIndex;
import io.zdcd.analyzer.internal.model.Op;
import io.zdcd.classify.Verdict;

/** drop-unique-constraint: the old code's INSERT ... ON CONFLICT on the columns fails without the unique index. */
final class DropUniqueConstraintRule extends ZdcdRule {
    @Override
    public Rule meta() {
        return Rules.DROP_UNIQUE;
    }

    @Override
    public void check(Op op, Judgement j) {
        if (op instanceof DropIndex o && !(o.concurrently() && j.ctx.inTransaction)) {
            String dropped = DropIndexRule.droppedUnique(o, j);
            if (dropped != null) {
                j.breaksOldCode = true;
                j.finding(meta(), Verdict.UNSAFE, "drops the UNIQUE index " + dropped + ": the old code's INSERT ... "
                        + "ON CONFLICT on its columns fails without it, and duplicates become possible",
                        "drop it only after no deployed code relies on it (in a later release)");
            }
        } else if (op instanceof DropConstraint o && !o.isNew() && !DropConstraintRule.swap(o, j)) {
            if (DropConstraintRule.unique(o.kind())) {
                j.breaksOldCode = true;
                j.finding(meta(), Verdict.UNSAFE, "drops " + o.kind() + " " + o.name() + (o.known() ? ""
                        : " (judged by its name)") + ": old code's INSERT ... ON CONFLICT on those columns fails "
                        + "without it, and duplicates become possible");
            } else if (o.kind() == null) {
                j.breaksOldCode = true;
                j.finding(meta(), Verdict.UNSAFE, "drops constraint " + o.name() + ", whose kind zdcd does not know "
                        + "(give the schema with --schema, or classify the migration that created it first): if it "
                        + "is UNIQUE or a PRIMARY KEY, the old code's INSERT ... ON CONFLICT on those columns fails "
                        + "without it, and duplicates become possible", "tell zdcd the schema; dropping a CHECK or a "
                        + "FOREIGN KEY is SAFE (a brief AccessExclusiveLock)");
            }
        }
    }
}
