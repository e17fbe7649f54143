package io.zdcd.analyzer.internal.rules;

import io.zdcd.analyzer.internal.Judgement;
import io.zdcd.analyzer.internal.Rule;
import io.zdcd.analyzer.internal.Rules;
import io.zdcd.analyzer.internal.model.Op;
import io.zdcd.analyzer.internal.model.SelectInto;
import io.zdcd.classify.Verdict;

/** create-table-as: a new table filled from a query reads its sources in full. */
final class CreateTableAsRule implements ZdcdRule {
    @Override
    public Rule meta() {
        return Rules.CREATE_TABLE_AS;
    }

    @Override
    public void check(Op op, Judgement j) {
        if (op instanceof SelectInto) {
            j.finding(meta(), Verdict.SAFE, "SELECT INTO creates a table from a query: reads the sources in full "
                    + "(AccessShareLock)");
        }
    }
}
