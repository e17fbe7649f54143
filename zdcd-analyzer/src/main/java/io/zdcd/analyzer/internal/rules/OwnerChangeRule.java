package io.zdcd.analyzer.internal.rules;

import io.zdcd.analyzer.internal.Judgement;
import io.zdcd.analyzer.internal.Rules;
import io.zdcd.analyzer.internal.model.OwnerTo;
import io.zdcd.classify.Verdict;

/** owner-change: the old owner (often the app's role) loses the rights it had only as owner. */
final class OwnerChangeRule extends OpRule<OwnerTo> {
    OwnerChangeRule() {
        super(Rules.OWNER, OwnerTo.class);
    }

    @Override
    void judge(OwnerTo op, Judgement j) {
        if (op.isNew()) {
            j.finding(meta(), Verdict.SAFE, "changes the owner of " + op.shown() + ", created in this migration");
            return;
        }
        j.breaksOldCode = true;
        j.finding(meta(), Verdict.UNSAFE, "changes the owner of " + op.shown() + ": the old owner (often the role the "
                + "app connects as) loses the rights it had only as owner, so the old code's queries or DDL on it can "
                + "fail with permission denied; a brief AccessExclusiveLock");
    }
}
