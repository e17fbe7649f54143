package io.zdcd.analyzer.internal.rules;

import io.zdcd.analyzer.internal.Judgement;
import io.zdcd.analyzer.internal.Rules;
import io.zdcd.analyzer.internal.model.Privileges;
import io.zdcd.classify.Verdict;

/** revoke: the old code's queries that need the privileges fail. */
final class RevokeRule extends OpRule<Privileges> {
    RevokeRule() {
        super(Rules.REVOKE, Privileges.class);
    }

    @Override
    void judge(Privileges op, Judgement j) {
        if (op.grant()) {
            return;
        }
        j.breaksOldCode = !op.onNewObject();
        j.finding(meta(), op.onNewObject() ? Verdict.SAFE : Verdict.UNSAFE, "revokes privileges: the old code's "
                + "queries that need them fail");
    }
}
