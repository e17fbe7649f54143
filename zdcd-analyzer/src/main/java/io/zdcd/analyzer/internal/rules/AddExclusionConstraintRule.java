package io.zdcd.analyzer.internal.rules;

import io.zdcd.analyzer.internal.Judgement;
import io.zdcd.analyzer.internal.Rules;
import io.zdcd.analyzer.internal.model.AddExclude;
import io.zdcd.classify.Verdict;

/** add-exclusion-constraint: its index is built under AccessExclusiveLock, with no NOT VALID or USING INDEX. */
final class AddExclusionConstraintRule extends OpRule<AddExclude> {
    AddExclusionConstraintRule() {
        super(Rules.ADD_EXCLUDE, AddExclude.class);
    }

    @Override
    void judge(AddExclude op, Judgement j) {
        if (op.isNew()) {
            j.finding(meta(), Verdict.SAFE, "adds an exclusion constraint to a table created in this migration");
            return;
        }
        j.longRunning = true;
        j.finding(meta(), Verdict.UNSAFE, "adds an exclusion constraint to " + op.table().display() + ": its index is "
                + "built under AccessExclusiveLock; PostgreSQL has no NOT VALID or USING INDEX for it");
    }
}
