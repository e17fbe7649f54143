package io.zdcd.analyzer.internal.rules;

import io.zdcd.analyzer.internal.Judgement;
import io.zdcd.analyzer.internal.Rules;
import io.zdcd.analyzer.internal.model.AddNotNull;
import io.zdcd.classify.Verdict;

/** add-not-null-not-valid: a named NOT NULL ... NOT VALID (PostgreSQL 18) skips the scan. */
final class AddNotNullNotValidRule extends OpRule<AddNotNull> {
    AddNotNullNotValidRule() {
        super(Rules.ADD_NOT_NULL_NOT_VALID, AddNotNull.class);
    }

    @Override
    void judge(AddNotNull op, Judgement j) {
        if (!j.ctx.version.atLeast(18)) {
            return; // unsupported-on-version
        }
        String col = op.column();
        if (!op.isNew() && op.notValid() && op.oldWritesViolate()) {
            j.breaksOldCode = true;
            j.finding(meta(), Verdict.UNSAFE, "adds NOT NULL " + col + " NOT VALID on " + op.table().display() + "."
                    + col + ", " + AddCheckNotValidRule.OLD_WRITES_VIOLATE,
                    AddCheckNotValidRule.oldWritesAlternative(op.table(), col));
        } else if (op.isNew() || op.notValid()) {
            j.finding(meta(), Verdict.SAFE, "adds NOT NULL " + col + (op.notValid() ? " NOT VALID: a brief "
                    + "AccessExclusiveLock, no scan; VALIDATE it in its own transaction" : ""));
        }
    }
}
