package io.zdcd.analyzer.internal.rules;

import io.zdcd.analyzer.internal.Judgement;
import io.zdcd.analyzer.internal.Rule;
import io.zdcd.analyzer.internal.Rules;
import io.zdcd.analyzer.internal.model.AlterTrigger;
import io.zdcd.analyzer.internal.model.CreateOnTable;
import io.zdcd.analyzer.internal.model.DropOnTable;
import io.zdcd.analyzer.internal.model.Op;
import io.zdcd.analyzer.internal.model.TriggerToggle;
import io.zdcd.classify.Verdict;
import java.util.Locale;

/** trigger: creating, dropping or altering a trigger (or rule) takes a brief lock; writes run or skip it. */
final class TriggerRule extends ZdcdRule {
    @Override
    public Rule meta() {
        return Rules.TRIGGER;
    }

    @Override
    public void check(Op op, Judgement j) {
        if (op instanceof CreateOnTable o && o.what().equals("TRIGGER")) {
            j.finding(meta(), Verdict.SAFE, "creates a trigger on " + o.table().display() + ": a brief "
                    + "ShareRowExclusiveLock; from now on the old code's writes run it");
        } else if (op instanceof CreateOnTable o && o.what().equals("RULE")) {
            j.finding(meta(), o.tableIsNew() ? Verdict.SAFE : Verdict.UNSAFE, "creates a query rewrite rule: the "
                    + "old code's statements on " + (o.table() == null ? "the table" : o.table().display())
                    + " may do something else (DO INSTEAD)");
        } else if (op instanceof DropOnTable o && !(o.what().equals("POLICY") && !o.tableIsNew())) {
            j.finding(meta(), Verdict.SAFE, "drops a " + o.what().toLowerCase(Locale.ROOT) + ": a brief "
                    + "AccessExclusiveLock; the old code's writes no longer run it");
        } else if (op instanceof AlterTrigger) {
            j.finding(meta(), Verdict.SAFE, "alters a trigger: a brief AccessExclusiveLock");
        } else if (op instanceof TriggerToggle o && o.rule()) {
            j.finding(meta(), o.isNew() ? Verdict.SAFE : Verdict.UNSAFE, o.text() + ": query rewrite rules change "
                    + "what the old code's statements do");
        } else if (op instanceof TriggerToggle o) {
            j.finding(meta(), Verdict.SAFE, o.text() + ": a brief ShareRowExclusiveLock; writes now "
                    + (o.disable() ? "skip" : "run") + " the trigger");
        }
    }
}
