package io.zdcd.analyzer.internal.rules;

import io.zdcd.analyzer.internal.Judgement;
import io.zdcd.analyzer.internal.Rules;
import io.zdcd.analyzer.internal.model.RenameConstraint;
import io.zdcd.classify.Verdict;

/** rename-constraint: old code naming the constraint (ON CONFLICT ON CONSTRAINT, error matching) breaks. */
final class RenameConstraintRule extends OpRule<RenameConstraint> {
    RenameConstraintRule() {
        super(Rules.RENAME_CONSTRAINT, RenameConstraint.class);
    }

    @Override
    void judge(RenameConstraint op, Judgement j) {
        if (op.isNew()) {
            j.finding(meta(), Verdict.SAFE, "renames a constraint of a table created in this migration");
            return;
        }
        j.breaksOldCode = true;
        j.finding(meta(), Verdict.UNSAFE, "renames constraint " + op.from() + " of " + op.table().display() + ": old "
                + "code using ON CONFLICT ON CONSTRAINT " + op.from() + " or matching the name in errors breaks");
    }
}
