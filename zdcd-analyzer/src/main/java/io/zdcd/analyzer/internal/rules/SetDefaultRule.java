package io.zdcd.analyzer.internal.rules;

import io.zdcd.analyzer.internal.Judgement;
import io.zdcd.analyzer.internal.Rules;
import io.zdcd.analyzer.internal.model.SetDefault;
import io.zdcd.classify.Verdict;

/** set-default: only new rows use it; a brief lock. */
final class SetDefaultRule extends OpRule<SetDefault> {
    SetDefaultRule() {
        super(Rules.SET_DEFAULT, SetDefault.class);
    }

    @Override
    void judge(SetDefault op, Judgement j) {
        j.finding(meta(), Verdict.SAFE, "sets a default on " + op.table().display() + "." + op.column() + ": only new "
                + "rows use it; a brief AccessExclusiveLock");
    }
}
