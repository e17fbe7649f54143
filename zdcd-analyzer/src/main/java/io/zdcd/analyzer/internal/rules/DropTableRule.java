package io.zdcd.analyzer.internal.rules;

import io.zdcd.analyzer.internal.Judgement;
import io.zdcd.analyzer.internal.Rules;
import io.zdcd.analyzer.internal.model.DropObjects;
import io.zdcd.classify.Verdict;
import java.util.Locale;

/** drop-table: dropping a relation the old code queries breaks it. */
final class DropTableRule extends OpRule<DropObjects> {
    DropTableRule() {
        super(Rules.DROP_TABLE, DropObjects.class);
    }

    @Override
    void judge(DropObjects op, Judgement j) {
        if (!op.relation()) {
            return;
        }
        String what = op.what().toLowerCase(Locale.ROOT);
        if (!op.anyExisting()) {
            j.finding(meta(), Verdict.SAFE, "drops " + what + " created in this migration");
            return;
        }
        String names = DropObjectRule.names(op);
        j.breaksOldCode = true;
        j.finding(meta(), Verdict.UNSAFE, "drops " + what + " " + names + ": the old code's queries on it fail"
                + (op.cascade() ? "; CASCADE also drops whatever depends on it (views, foreign keys)" : ""),
                "deploy code that no longer uses " + names + " (Django: SeparateDatabaseAndState to remove the model "
                        + "first), then drop it in a later migration");
    }
}
