package io.zdcd.analyzer.internal.rules;

import static io.zdcd.analyzer.internal.SqlText.quote;

import io.zdcd.analyzer.internal.Judgement;
import io.zdcd.analyzer.internal.Rules;
import io.zdcd.analyzer.internal.model.AddUnique;
import io.zdcd.classify.Verdict;

/** add-unique-constraint: the unique index is built under AccessExclusiveLock. */
final class AddUniqueConstraintRule extends OpRule<AddUnique> {
    AddUniqueConstraintRule() {
        super(Rules.ADD_UNIQUE, AddUnique.class);
    }

    @Override
    void judge(AddUnique op, Judgement j) {
        if (op.usingIndex() != null) {
            return;
        }
        String kind = op.kind();
        if (op.isNew()) {
            j.finding(meta(), Verdict.SAFE, "adds " + kind + " to a table created in this migration");
            return;
        }
        String tn = op.table().display();
        String n = quote(op.name() != null ? op.name() : op.primaryKey() ? op.table().last() + "_pkey"
                : op.table().last() + "_" + String.join("_", op.columns()) + "_key");
        StringBuilder colText = new StringBuilder();
        for (String c : op.columns()) {
            colText.append(colText.length() == 0 ? "" : ", ").append(quote(c));
        }
        j.longRunning = true;
        j.finding(meta(), Verdict.UNSAFE, "adds " + kind + (op.name() == null ? "" : " " + op.name()) + " to " + tn
                + ": the unique index is built under AccessExclusiveLock (reads and writes blocked for the whole "
                + "build), and old code inserting duplicates fails",
                "CREATE UNIQUE INDEX CONCURRENTLY " + n + " ON " + tn + " (" + colText + ");\nALTER TABLE " + tn
                        + " ADD CONSTRAINT " + n + " " + kind + " USING INDEX " + n + ";");
    }
}
