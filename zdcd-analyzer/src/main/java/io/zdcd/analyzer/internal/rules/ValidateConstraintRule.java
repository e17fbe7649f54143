package io.zdcd.analyzer.internal.rules;

import io.zdcd.analyzer.internal.Judgement;
import io.zdcd.analyzer.internal.Rule;
import io.zdcd.analyzer.internal.Rules;
import io.zdcd.analyzer.internal.model.AlterDomain;
import io.zdcd.analyzer.internal.model.Op;
import io.zdcd.analyzer.internal.model.ValidateConstraint;
import io.zdcd.classify.Verdict;

/**
 * validate-constraint: validating scans under ShareUpdateExclusiveLock, which lets reads and writes go on (a new
 * domain's constraint: nothing to scan).
 */
final class ValidateConstraintRule extends ZdcdRule {
    @Override
    public Rule meta() {
        return Rules.VALIDATE;
    }

    @Override
    public void check(Op op, Judgement j) {
        if (op instanceof AlterDomain o && o.action() == AlterDomain.Action.VALIDATE && o.isNew()) {
            j.finding(meta(), Verdict.SAFE, "validates a constraint of a domain created in this migration");
        } else if (op instanceof ValidateConstraint o) {
            j.longRunning |= !o.isNew();
            j.finding(meta(), Verdict.SAFE, "validates " + o.name() + ": scans " + o.table().display() + " under "
                    + "ShareUpdateExclusiveLock, which lets reads and writes go on");
        }
    }
}
