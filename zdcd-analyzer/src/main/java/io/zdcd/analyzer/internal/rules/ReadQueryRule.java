package io.zdcd.analyzer.internal.rules;

import io.zdcd.analyzer.internal.Judgement;
import io.zdcd.analyzer.internal.Rule;
import io.zdcd.analyzer.internal.Rules;
import io.zdcd.analyzer.internal.model.Copy;
import io.zdcd.analyzer.internal.model.Op;
import io.zdcd.analyzer.internal.model.Query;
import io.zdcd.analyzer.internal.model.ReadCommand;
import io.zdcd.classify.Verdict;

/** read-query: reads take AccessShareLock, which blocks no read or write. */
final class ReadQueryRule extends ZdcdRule {
    @Override
    public Rule meta() {
        return Rules.READ_QUERY;
    }

    /** A query that calls no unknown function and no backward setval(): judged on its reads and row locks. */
    static boolean judgedAsRead(Query o) {
        return o.unknownFunction() == null && o.setval() != Query.Setval.OTHER;
    }

    @Override
    public void check(Op op, Judgement j) {
        if (op instanceof Query o && judgedAsRead(o) && !(o.forUpdate() && j.lock != null)) {
            j.finding(meta(), Verdict.SAFE, "reads only" + (j.lock != null ? " (AccessShareLock)" : ""));
        } else if (op instanceof ReadCommand o && o.verb().equals("EXPLAIN") && !o.analyze()) {
            j.finding(meta(), Verdict.SAFE, "EXPLAIN only plans the statement");
        } else if (op instanceof ReadCommand o && !o.verb().equals("EXPLAIN")) {
            j.finding(meta(), Verdict.SAFE, o.verb() + ": reads only");
        } else if (op instanceof Copy o && o.query()) {
            j.finding(meta(), Verdict.SAFE, "COPY (query) TO: reads only");
        } else if (op instanceof Copy o && !o.from()) {
            j.finding(meta(), Verdict.SAFE, "COPY ... TO reads the table (AccessShareLock)");
        }
    }
}
