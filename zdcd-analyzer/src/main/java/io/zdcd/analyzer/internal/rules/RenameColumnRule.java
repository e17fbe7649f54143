package io.zdcd.analyzer.internal.rules;

import io.zdcd.analyzer.internal.Judgement;
import io.zdcd.analyzer.internal.Rules;
import io.zdcd.analyzer.internal.model.RenameColumn;
import io.zdcd.classify.Verdict;

/** rename-column: the old code's queries still name the old column. */
final class RenameColumnRule extends OpRule<RenameColumn> {
    RenameColumnRule() {
        super(Rules.RENAME_COLUMN, RenameColumn.class);
    }

    @Override
    void judge(RenameColumn op, Judgement j) {
        if (op.isNew()) {
            j.finding(meta(), Verdict.SAFE, "renames a column of a table created in this migration");
            return;
        }
        String from = op.from();
        String to = op.to();
        j.breaksOldCode = true;
        j.finding(meta(), Verdict.UNSAFE, "renames " + op.table().display() + "." + from + " to " + to + ": the old "
                + "code's queries still name " + from + " and fail",
                "keep the column and rename the field only (Django: " + to + " = models.XField(db_column='" + from
                        + "')), or add " + to + ", write both from the code, backfill, and drop " + from
                        + " in a later migration");
    }
}
