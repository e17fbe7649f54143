package io.zdcd.analyzer.internal.rules;

import io.zdcd.analyzer.internal.Judgement;
import io.zdcd.analyzer.internal.Rules;
import io.zdcd.analyzer.internal.model.IdentityOptions;
import io.zdcd.classify.Verdict;

/** identity-options: GENERATED ALWAYS or a new start of the identity breaks the old code's inserts. */
final class IdentityOptionsRule extends OpRule<IdentityOptions> {
    IdentityOptionsRule() {
        super(Rules.IDENTITY_OPTIONS, IdentityOptions.class);
    }

    @Override
    void judge(IdentityOptions op, Judgement j) {
        String shown = op.table().display() + "." + op.column();
        if (!op.isNew() && (op.always() || op.resets())) {
            j.breaksOldCode = true;
            j.finding(meta(), Verdict.UNSAFE, op.always() ? "makes " + shown + " GENERATED ALWAYS: the old code's "
                    + "INSERTs that give it a value (fixtures, bulk copies, explicit ids) fail"
                    : "changes where the identity of " + shown + " counts from (RESTART, MAXVALUE, CYCLE or "
                    + "INCREMENT): new rows can collide with existing keys or run out of values", meta().alternative());
        } else {
            j.finding(meta(), Verdict.SAFE, "changes identity options of " + shown + ": a brief AccessExclusiveLock, "
                    + "no rewrite");
        }
    }
}
