package io.zdcd.analyzer.internal.rules;

import io.zdcd.analyzer.internal.Judgement;
import io.zdcd.analyzer.internal.Rules;
import io.zdcd.analyzer.internal.model.DropDefault;
import io.zdcd.classify.Verdict;

/** drop-default: dropping the default of a nullable column makes omitted values NULL. */
final class DropDefaultRule extends OpRule<DropDefault> {
    DropDefaultRule() {
        super(Rules.DROP_DEFAULT_SAFE, DropDefault.class);
    }

    @Override
    void judge(DropDefault op, Judgement j) {
        if (op.isNew()) {
            j.finding(meta(), Verdict.SAFE, "drops a default on a table created in this migration");
        } else if (op.known() && !op.notNull() && !op.djangoPattern()) {
            j.finding(meta(), Verdict.SAFE, "drops the default of the nullable column " + op.table().display() + "."
                    + op.column() + ": omitted values become NULL; a brief AccessExclusiveLock");
        }
    }
}
