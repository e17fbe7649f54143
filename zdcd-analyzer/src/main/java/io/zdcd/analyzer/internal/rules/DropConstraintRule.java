package io.zdcd.analyzer.internal.rules;

import io.zdcd.analyzer.internal.Judgement;
import io.zdcd.analyzer.internal.Rules;
import io.zdcd.analyzer.internal.model.DropConstraint;
import io.zdcd.classify.Verdict;

/** drop-constraint: dropping a CHECK or FOREIGN KEY (or the primary key swap) takes a brief lock, no scan. */
final class DropConstraintRule extends OpRule<DropConstraint> {
    DropConstraintRule() {
        super(Rules.DROP_CONSTRAINT, DropConstraint.class);
    }

    @Override
    void judge(DropConstraint op, Judgement j) {
        String kind = op.kind();
        String what = (kind == null ? "constraint" : kind) + " " + op.name();
        if (swap(op, j)) {
            j.finding(meta(), Verdict.SAFE, "drops " + what + " and adds the new PRIMARY KEY USING INDEX in the same "
                    + "statement: the documented swap, the table is never without a primary key; a brief "
                    + "AccessExclusiveLock");
        } else if (op.isNew() || !unique(kind) && kind != null) {
            j.finding(meta(), Verdict.SAFE, "drops " + what + ": a brief AccessExclusiveLock, no scan");
        }
    }

    /** The documented primary key swap: DROP CONSTRAINT and ADD PRIMARY KEY USING INDEX in one statement. */
    static boolean swap(DropConstraint op, Judgement j) {
        return !op.isNew() && j.primaryKeySwap && ("PRIMARY KEY".equals(op.kind()) || op.kind() == null);
    }

    static boolean unique(String kind) {
        return "UNIQUE".equals(kind) || "PRIMARY KEY".equals(kind);
    }
}
