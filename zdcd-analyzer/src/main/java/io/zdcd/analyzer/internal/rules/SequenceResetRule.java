package io.zdcd.analyzer.internal.rules;

import io.zdcd.analyzer.internal.Judgement;
import io.zdcd.analyzer.internal.Rule;
import io.zdcd.analyzer.internal.Rules;
import io.zdcd.analyzer.internal.model.AlterRelation;
import io.zdcd.analyzer.internal.model.Op;
import io.zdcd.analyzer.internal.model.Query;
import io.zdcd.classify.Verdict;

/** sequence-reset: moving a sequence back or capping it makes the old code's INSERTs collide or fail. */
final class SequenceResetRule extends ZdcdRule {
    @Override
    public Rule meta() {
        return Rules.SEQUENCE_RESET;
    }

    @Override
    public void check(Op op, Judgement j) {
        if (op instanceof AlterRelation o && o.action() == AlterRelation.Action.SEQUENCE_OPTIONS && o.resets()) {
            if (o.isNew()) {
                j.finding(meta(), Verdict.SAFE, AlterTableSettingsRule.altersSequence(o));
                return;
            }
            j.breaksOldCode = true;
            j.finding(meta(), Verdict.UNSAFE, "changes where sequence " + o.name().display() + " counts from or up "
                    + "to (RESTART, INCREMENT, MINVALUE/MAXVALUE, CYCLE or AS type): the old code's next INSERTs can "
                    + "collide with existing keys or fail with \"reached maximum value\"");
        } else if (op instanceof Query o && o.unknownFunction() == null && o.setval() == Query.Setval.OTHER) {
            j.breaksOldCode = true;
            j.finding(meta(), Verdict.UNSAFE, "setval() to a value that is not computed from max(...) of the table: "
                    + "if it moves the sequence back, the old code's next INSERTs collide with existing keys");
        } else if (op instanceof Query o && o.unknownFunction() == null && o.setval() == Query.Setval.FROM_MAX
                && !(o.forUpdate() && j.lock != null)) {
            j.finding(meta(), Verdict.SAFE, "moves a sequence to max(...) of its table: RowExclusiveLock on the "
                    + "sequence only");
        }
    }
}
