package io.zdcd.analyzer.internal.rules;

import static io.zdcd.analyzer.internal.SqlText.quote;

import io.zdcd.analyzer.internal.Judgement;
import io.zdcd.analyzer.internal.Rules;
import io.zdcd.analyzer.internal.model.AddCheck;
import io.zdcd.classify.Verdict;

/** add-check-constraint: a validated CHECK checks every row under AccessExclusiveLock. */
final class AddCheckConstraintRule extends OpRule<AddCheck> {
    AddCheckConstraintRule() {
        super(Rules.ADD_CHECK, AddCheck.class);
    }

    @Override
    void judge(AddCheck op, Judgement j) {
        if (op.isNew()) {
            j.finding(meta(), Verdict.SAFE, "adds a CHECK to a table created in this migration");
        } else if (!op.notValid()) {
            String tn = op.table().display();
            String n = quote(op.name() == null ? "name" : op.name());
            j.longRunning = true;
            j.finding(meta(), Verdict.UNSAFE, "adds CHECK" + (op.name() == null ? "" : " " + op.name()) + " to " + tn
                    + ": every row is checked under AccessExclusiveLock (reads and writes blocked for the scan)",
                    "ALTER TABLE " + tn + " ADD CONSTRAINT " + n + " " + op.text() + " NOT VALID;\n-- then, in its "
                            + "own transaction:\nALTER TABLE " + tn + " VALIDATE CONSTRAINT " + n + ";");
        }
    }
}
