package io.zdcd.analyzer.internal.rules;

import io.zdcd.analyzer.internal.Judgement;
import io.zdcd.analyzer.internal.Rule;
import io.zdcd.analyzer.internal.Rules;
import io.zdcd.analyzer.internal.model.AlterPolicy;
import io.zdcd.analyzer.internal.model.CreateOnTable;
import io.zdcd.analyzer.internal.model.DropOnTable;
import io.zdcd.analyzer.internal.model.Op;
import io.zdcd.classify.Verdict;

/** row-level-security: a changed policy changes which rows the old code sees or changes. */
final class RowLevelSecurityRule implements ZdcdRule {
    @Override
    public Rule meta() {
        return Rules.ROW_LEVEL_SECURITY;
    }

    @Override
    public void check(Op op, Judgement j) {
        if (op instanceof CreateOnTable o && o.what().equals("POLICY")) {
            if (o.restrictive() && !o.tableIsNew()) {
                j.breaksOldCode = true;
                j.finding(meta(), Verdict.UNSAFE, "creates a RESTRICTIVE policy: where row level security is on, "
                        + "the old code's queries see and change fewer rows");
            } else {
                j.finding(meta(), Verdict.SAFE, "creates a permissive policy: it can only widen what queries see; "
                        + "a brief AccessExclusiveLock");
            }
        } else if (op instanceof DropOnTable o && o.what().equals("POLICY") && !o.tableIsNew()) {
            j.breaksOldCode = true;
            j.finding(meta(), Verdict.UNSAFE, "drops a policy: where row level security is on, the old code may see "
                    + "or change fewer rows (or more, for a restrictive one)");
        } else if (op instanceof AlterPolicy o && o.rename()) {
            j.finding(meta(), Verdict.SAFE, "renames a policy; a brief AccessExclusiveLock");
        } else if (op instanceof AlterPolicy o) {
            j.breaksOldCode = !o.tableIsNew();
            j.finding(meta(), o.tableIsNew() ? Verdict.SAFE : Verdict.UNSAFE, "changes a policy: where row level "
                    + "security is on, the old code may see or change fewer rows");
        }
    }
}
