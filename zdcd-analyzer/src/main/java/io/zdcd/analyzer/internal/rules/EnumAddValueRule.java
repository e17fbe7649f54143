package io.zdcd.analyzer.internal.rules;

import io.zdcd.analyzer.internal.Judgement;
import io.zdcd.analyzer.internal.Rules;
import io.zdcd.analyzer.internal.model.AlterType;
import io.zdcd.classify.Verdict;

/** enum-add-value: no table lock, no rewrite; the new label is usable after COMMIT. */
final class EnumAddValueRule extends OpRule<AlterType> {
    EnumAddValueRule() {
        super(Rules.ENUM_ADD_VALUE, AlterType.class);
    }

    @Override
    void judge(AlterType op, Judgement j) {
        boolean inTx = j.ctx.inTransaction;
        if (op.action() != AlterType.Action.ADD_VALUE || !j.ctx.version.atLeast(12) && inTx) {
            return;
        }
        j.finding(meta(), Verdict.SAFE, "adds an enum label: no table lock, no rewrite"
                + (inTx ? "; the new label cannot be used before COMMIT" : "")
                + "; old code that maps labels strictly may fail once new code writes it");
    }
}
