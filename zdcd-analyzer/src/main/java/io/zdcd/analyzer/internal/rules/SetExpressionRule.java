package io.zdcd.analyzer.internal.rules;

import io.zdcd.analyzer.internal.Judgement;
import io.zdcd.analyzer.internal.Rules;
import io.zdcd.analyzer.internal.model.SetExpression;
import io.zdcd.classify.Verdict;

/** set-expression: a STORED generated column is recomputed for every row. */
final class SetExpressionRule extends OpRule<SetExpression> {
    SetExpressionRule() {
        super(Rules.SET_EXPRESSION, SetExpression.class);
    }

    @Override
    void judge(SetExpression op, Judgement j) {
        if (!j.ctx.version.atLeast(17)) {
            return; // unsupported-on-version
        }
        if (op.isNew()) {
            j.finding(meta(), Verdict.SAFE, "changes a generated column of a table created in this migration");
            return;
        }
        j.longRunning = true;
        j.finding(meta(), Verdict.UNSAFE, "changes the expression of the generated column " + op.table().display() + "."
                + op.column() + ": a STORED column is recomputed for every row, rewriting the table under "
                + "AccessExclusiveLock (a PG 18 VIRTUAL column is not)");
    }
}
