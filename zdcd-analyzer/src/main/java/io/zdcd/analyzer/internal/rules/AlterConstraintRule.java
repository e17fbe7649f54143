package io.zdcd.analyzer.internal.rules;

import io.zdcd.analyzer.internal.Judgement;
import io.zdcd.analyzer.internal.Rules;
import io.zdcd.analyzer.internal.model.AlterConstraint;
import io.zdcd.classify.Verdict;

/** alter-constraint: a check made stricter (checked at once) fails the old code's deferred writes. */
final class AlterConstraintRule extends OpRule<AlterConstraint> {
    AlterConstraintRule() {
        super(Rules.ALTER_CONSTRAINT, AlterConstraint.class);
    }

    @Override
    void judge(AlterConstraint op, Judgement j) {
        if (op.stricter() && !op.isNew()) {
            j.breaksOldCode = true;
            j.finding(meta(), Verdict.UNSAFE, "makes the constraint checked at once (NOT DEFERRABLE / INITIALLY "
                    + "IMMEDIATE / ENFORCED): the old code's transactions that write rows in an order only a deferred "
                    + "check allows (Django creates foreign keys DEFERRABLE INITIALLY DEFERRED) fail");
        } else {
            j.finding(meta(), Verdict.SAFE, "changes a constraint's deferrability: a brief AccessExclusiveLock, no "
                    + "scan; checks become no stricter");
        }
    }
}
