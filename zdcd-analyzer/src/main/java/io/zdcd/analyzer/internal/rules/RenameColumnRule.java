package io.zdcd.analyzer.internal.rules;

import io.zdcd.analyzer.internal.Judgement;
import io.zdcd.analyzer.internal.Rule;
import io.zdcd.analyzer.internal.Rules;
import io.zdcd.analyzer.internal.model.AlterRelation;
import io.zdcd.analyzer.internal.model.Op;
import io.zdcd.analyzer.internal.model.RenameColumn;
import io.zdcd.classify.Verdict;
import java.util.Locale;

/** rename-column: the old code's queries still name the old column (of a table, view or materialized view). */
final class RenameColumnRule extends ZdcdRule {
    @Override
    public Rule meta() {
        return Rules.RENAME_COLUMN;
    }

    @Override
    public void check(Op op, Judgement j) {
        if (op instanceof AlterRelation o && o.action() == AlterRelation.Action.RENAME_COLUMN) {
            j.breaksOldCode = !o.isNew();
            j.finding(meta(), o.isNew() ? Verdict.SAFE : Verdict.UNSAFE, "renames a column of "
                    + o.what().toLowerCase(Locale.ROOT) + " " + o.name().display() + ": the old code still uses the "
                    + "old name");
        } else if (op instanceof RenameColumn o) {
            renameTableColumn(o, j);
        }
    }

    private void renameTableColumn(RenameColumn op, Judgement j) {
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
