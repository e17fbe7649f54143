package io.zdcd.analyzer.internal.rules;

import io.zdcd.analyzer.internal.Judgement;
import io.zdcd.analyzer.internal.Rules;
import io.zdcd.analyzer.internal.model.AddColumn;
import io.zdcd.classify.Verdict;

/** add-column-json: json has no equality operator, so DISTINCT, UNION and GROUP BY over it fail. */
final class AddColumnJsonRule extends OpRule<AddColumn> {
    AddColumnJsonRule() {
        super(Rules.ADD_COLUMN_JSON, AddColumn.class);
    }

    @Override
    void judge(AddColumn op, Judgement j) {
        if (op.part() == AddColumn.Part.TYPE && !op.isNew() && !op.column().virtual(j.ctx.version)
                && "json".equals(op.column().type())) {
            j.finding(meta(), Verdict.SAFE, op.shown() + " is json: SELECT DISTINCT, UNION and GROUP BY over rows "
                    + "with it fail (json has no equality operator); jsonb avoids that", "");
        }
    }
}
