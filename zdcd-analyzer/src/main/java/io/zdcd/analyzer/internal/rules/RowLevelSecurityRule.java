package io.zdcd.analyzer.internal.rules;

import io.zdcd.analyzer.internal.Judgement;
import io.zdcd.analyzer.internal.Rule;
import io.zdcd.analyzer.internal.Rules;
import io.zdcd.analyzer.internal.model.AlterPolicy;
import io.zdcd.analyzer.internal.model.CreateOnTable;
import io.zdcd.analyzer.internal.model.DropOnTable;
import io.zdcd.analyzer.internal.model.Op;
import io.zdcd.analyzer.internal.model.RowSecurity;
import io.zdcd.classify.Verdict;

/** row-level-security: a changed policy changes which rows the old code sees or changes. */
final class RowLevelSecurityRule extends ZdcdRule {
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
        } else if (op instanceof RowSecurity o) {
            boolean restricts = o.verb().equals("ENABLE") || o.verb().equals("FORCE");
            if (restricts && !o.isNew()) {
                j.breaksOldCode = true;
                j.finding(meta(), Verdict.UNSAFE, o.text() + " on " + o.table().display() + ": queries by "
                        + (o.verb().equals("FORCE") ? "the table's owner (often the role the app connects as) now also "
                        + "see" : "roles other than the owner (and superusers, BYPASSRLS roles) see") + " and change "
                        + "only rows a policy allows (none without a policy)",
                        "CREATE POLICY ... permissive policies covering the old code's access first, then enable "
                                + "row level security in a later migration");
            } else {
                j.finding(meta(), Verdict.SAFE, o.text() + ": a brief AccessExclusiveLock; no rows are hidden from "
                        + "the old code by it");
            }
        }
    }
}
