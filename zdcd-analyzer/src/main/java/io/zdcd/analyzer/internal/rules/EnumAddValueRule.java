package io.zdcd.analyzer.internal.rules;

import io.zdcd.analyzer.SqlStatement;
import io.zdcd.analyzer.internal.Judgement;
import io.zdcd.analyzer.internal.MigrationRun;
import io.zdcd.analyzer.internal.Rules;
import io.zdcd.analyzer.internal.model.AlterType;
import io.zdcd.classify.Verdict;

/** enum-add-value: no table lock, no rewrite; the new label is usable after COMMIT. */
final class EnumAddValueRule extends OpRule<AlterType> implements MigrationCheck {
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

    /** A statement using an enum label added earlier in the same transaction fails ("unsafe use of new value"). */
    @Override
    public void afterStatement(MigrationRun run, SqlStatement st, Judgement j) {
        if (run.ctx.enumLabelsAddedInTx.isEmpty() || "ALTER TYPE ADD VALUE".equals(j.kind)) {
            return;
        }
        for (String label : run.ctx.enumLabelsAddedInTx) {
            if (st.text().contains(label)) {
                j.finding(meta(), Verdict.UNSAFE, "uses the enum label " + label + ", which ALTER TYPE ... ADD VALUE "
                        + "added earlier in the same transaction: PostgreSQL raises \"unsafe use of new value\" until "
                        + "that transaction commits", "COMMIT after ADD VALUE: use the label in a later transaction or "
                        + "migration");
                return;
            }
        }
    }
}
