package io.zdcd.analyzer.internal.rules;

import io.zdcd.analyzer.internal.Judgement;
import io.zdcd.analyzer.internal.Rules;
import io.zdcd.analyzer.internal.model.Truncate;
import io.zdcd.classify.Verdict;

/** truncate: emptying a table the old code uses loses its data. */
final class TruncateRule extends OpRule<Truncate> {
    TruncateRule() {
        super(Rules.TRUNCATE, Truncate.class);
    }

    @Override
    void judge(Truncate op, Judgement j) {
        if (!op.anyExisting()) {
            j.finding(meta(), Verdict.SAFE, "truncates a table created in this migration");
            return;
        }
        j.breaksOldCode = true;
        j.finding(meta(), Verdict.UNSAFE, "TRUNCATE removes every row (AccessExclusiveLock)"
                + (op.cascade() ? " and CASCADE empties every table referencing it too" : "") + ": data the old code "
                + "relies on disappears");
    }
}
