package io.zdcd.analyzer.internal.rules;

import io.zdcd.analyzer.internal.Judgement;
import io.zdcd.analyzer.internal.Rules;
import io.zdcd.analyzer.internal.model.DropIdentity;
import io.zdcd.classify.Verdict;

/** drop-identity-or-expression: the old code's INSERTs that omit the identity column fail. */
final class DropIdentityOrExpressionRule extends OpRule<DropIdentity> {
    DropIdentityOrExpressionRule() {
        super(Rules.DROP_IDENTITY, DropIdentity.class);
    }

    @Override
    void judge(DropIdentity op, Judgement j) {
        String shown = op.table().display() + "." + op.column();
        if (op.expression() && !j.ctx.version.atLeast(13)) {
            return; // unsupported-on-version
        }
        if (!op.expression() && !op.isNew()) {
            j.breaksOldCode = true;
            j.finding(meta(), Verdict.UNSAFE, "drops the identity of " + shown + ": the column no longer gets a value "
                    + "by itself, so the old code's INSERTs that omit it (Django never sends an AutoField's id) fail "
                    + "with a not-null violation, or store NULL",
                    "keep the identity until no deployed code relies on it; to stop using it, first give the column a "
                            + "DEFAULT from its own sequence (ALTER COLUMN ... SET DEFAULT nextval(...))");
        } else {
            j.finding(meta(), Verdict.SAFE, "drops the identity or generation expression of " + shown + ": a brief "
                    + "AccessExclusiveLock, no rewrite");
        }
    }
}
