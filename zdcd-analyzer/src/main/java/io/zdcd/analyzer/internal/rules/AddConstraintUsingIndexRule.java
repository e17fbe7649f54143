package io.zdcd.analyzer.internal.rules;

import io.zdcd.analyzer.internal.Judgement;
import io.zdcd.analyzer.internal.Rules;
import io.zdcd.analyzer.internal.model.AddUnique;
import io.zdcd.classify.Verdict;

/** add-constraint-using-index: the index already exists and enforces it; a brief lock. */
final class AddConstraintUsingIndexRule extends OpRule<AddUnique> {
    AddConstraintUsingIndexRule() {
        super(Rules.ADD_UNIQUE_USING_INDEX, AddUnique.class);
    }

    @Override
    void judge(AddUnique op, Judgement j) {
        String idx = op.usingIndex();
        if (idx == null) {
            return;
        }
        String named = op.name() == null ? "" : " " + op.name();
        if (op.pkScan()) {
            j.longRunning = true;
            j.finding(meta(), Verdict.UNSAFE, "adds PRIMARY KEY" + named + " USING INDEX " + idx + ", but zdcd cannot "
                    + "see that its columns are already NOT NULL: PostgreSQL then scans " + op.table().display()
                    + " under AccessExclusiveLock to set them NOT NULL",
                    "make the columns NOT NULL first (CHECK (col IS NOT NULL) NOT VALID, VALIDATE, SET NOT NULL), "
                            + "then ADD CONSTRAINT ... PRIMARY KEY USING INDEX " + idx);
        } else {
            j.finding(meta(), Verdict.SAFE, "adds " + op.kind() + named + " USING INDEX " + idx + ": the index already "
                    + "exists and enforces it; a brief AccessExclusiveLock");
        }
    }
}
