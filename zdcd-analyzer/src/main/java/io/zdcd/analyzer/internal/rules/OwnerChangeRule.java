package io.zdcd.analyzer.internal.rules;

import io.zdcd.analyzer.internal.Judgement;
import io.zdcd.analyzer.internal.Rule;
import io.zdcd.analyzer.internal.Rules;
import io.zdcd.analyzer.internal.model.AlterRelation;
import io.zdcd.analyzer.internal.model.Op;
import io.zdcd.analyzer.internal.model.OwnerTo;
import io.zdcd.classify.Verdict;
import java.util.Locale;

/** owner-change: the old owner (often the app's role) loses the rights it had only as owner. */
final class OwnerChangeRule extends ZdcdRule {
    @Override
    public Rule meta() {
        return Rules.OWNER;
    }

    @Override
    public void check(Op op, Judgement j) {
        if (op instanceof AlterRelation o && o.action() == AlterRelation.Action.OWNER) {
            ownerTo(j, o.isNew(), o.what().toLowerCase(Locale.ROOT) + " " + o.name().display());
        } else if (op instanceof OwnerTo o) {
            ownerTo(j, o.isNew(), o.shown());
        }
    }

    private void ownerTo(Judgement j, boolean isNew, String what) {
        if (isNew) {
            j.finding(meta(), Verdict.SAFE, "changes the owner of " + what + ", created in this migration");
            return;
        }
        j.breaksOldCode = true;
        j.finding(meta(), Verdict.UNSAFE, "changes the owner of " + what + ": the old owner (often the role the app "
                + "connects as) loses the rights it had only as owner, so the old code's queries or DDL on it can "
                + "fail with permission denied; a brief AccessExclusiveLock");
    }
}
