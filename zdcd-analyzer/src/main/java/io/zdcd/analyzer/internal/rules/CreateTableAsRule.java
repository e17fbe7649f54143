package io.zdcd.analyzer.internal.rules;

import io.zdcd.analyzer.internal.Judgement;
import io.zdcd.analyzer.internal.Rule;
import io.zdcd.analyzer.internal.Rules;
import io.zdcd.analyzer.internal.model.CreateMaterializedView;
import io.zdcd.analyzer.internal.model.CreateTableAs;
import io.zdcd.analyzer.internal.model.Op;
import io.zdcd.analyzer.internal.model.SelectInto;
import io.zdcd.classify.Verdict;

/** create-table-as: a new table or materialized view filled from a query reads its sources in full; SAFE. */
final class CreateTableAsRule extends ZdcdRule {
    @Override
    public Rule meta() {
        return Rules.CREATE_TABLE_AS;
    }

    @Override
    public void check(Op op, Judgement j) {
        if (op instanceof CreateTableAs o) {
            j.finding(meta(), Verdict.SAFE, "creates " + o.name().display() + " from a query: reads the source tables "
                    + "in full under AccessShareLock (reads and writes go on)");
        } else if (op instanceof CreateMaterializedView o) {
            j.finding(meta(), Verdict.SAFE, "creates a materialized view" + (o.noData() ? " without data"
                    : ": reads its sources in full under AccessShareLock (reads and writes go on)"));
        } else if (op instanceof SelectInto) {
            j.finding(meta(), Verdict.SAFE, "SELECT INTO creates a table from a query: reads the sources in full "
                    + "(AccessShareLock)");
        }
    }
}
