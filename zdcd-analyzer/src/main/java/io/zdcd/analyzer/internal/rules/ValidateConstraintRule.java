package io.zdcd.analyzer.internal.rules;

import io.zdcd.analyzer.internal.Judgement;
import io.zdcd.analyzer.internal.Rules;
import io.zdcd.analyzer.internal.model.ValidateConstraint;
import io.zdcd.classify.Verdict;

/** validate-constraint: scans under ShareUpdateExclusiveLock, which lets reads and writes go on. */
final class ValidateConstraintRule extends OpRule<ValidateConstraint> {
    ValidateConstraintRule() {
        super(Rules.VALIDATE, ValidateConstraint.class);
    }

    @Override
    void judge(ValidateConstraint op, Judgement j) {
        j.longRunning |= !op.isNew();
        j.finding(meta(), Verdict.SAFE, "validates " + op.name() + ": scans " + op.table().display() + " under "
                + "ShareUpdateExclusiveLock, which lets reads and writes go on");
    }
}
