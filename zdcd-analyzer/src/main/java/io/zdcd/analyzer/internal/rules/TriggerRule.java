package io.zdcd.analyzer.internal.rules;

import io.zdcd.analyzer.internal.Judgement;
import io.zdcd.analyzer.internal.Rule;
import io.zdcd.analyzer.internal.Rules;
import io.zdcd.analyzer.internal.model.DropOnTable;
import io.zdcd.analyzer.internal.model.Op;
import io.zdcd.analyzer.internal.model.TriggerToggle;
import io.zdcd.classify.Verdict;
import java.util.Locale;

/** trigger: creating, dropping or altering a trigger (or rule) takes a brief lock; writes run or skip it. */
final class TriggerRule implements ZdcdRule {
    @Override
    public Rule meta() {
        return Rules.TRIGGER;
    }

    @Override
    public void check(Op op, Judgement j) {
        if (op instanceof DropOnTable o && !(o.what().equals("POLICY") && !o.tableIsNew())) {
            j.finding(meta(), Verdict.SAFE, "drops a " + o.what().toLowerCase(Locale.ROOT) + ": a brief "
                    + "AccessExclusiveLock; the old code's writes no longer run it");
        } else if (op instanceof TriggerToggle o && o.rule()) {
            j.finding(meta(), o.isNew() ? Verdict.SAFE : Verdict.UNSAFE, o.text() + ": query rewrite rules change "
                    + "what the old code's statements do");
        } else if (op instanceof TriggerToggle o) {
            j.finding(meta(), Verdict.SAFE, o.text() + ": a brief ShareRowExclusiveLock; writes now "
                    + (o.disable() ? "skip" : "run") + " the trigger");
        }
    }
}
