package io.zdcd.analyzer.internal.rules;

import io.zdcd.analyzer.internal.Judgement;
import io.zdcd.analyzer.internal.Rules;
import io.zdcd.analyzer.internal.SqlText;
import io.zdcd.analyzer.internal.model.DropColumn;
import io.zdcd.classify.Verdict;

/** drop-column: the old code still selects and writes the column. */
final class DropColumnRule extends OpRule<DropColumn> {
    DropColumnRule() {
        super(Rules.DROP_COLUMN, DropColumn.class);
    }

    @Override
    void judge(DropColumn op, Judgement j) {
        if (op.isNew()) {
            j.finding(meta(), Verdict.SAFE, "drops a column of a table created in this migration");
            return;
        }
        String col = op.column();
        j.breaksOldCode = true;
        j.finding(meta(), Verdict.UNSAFE, "drops " + op.table().display() + "." + col + ": the old code still selects "
                + "and writes it (Django names every field in its queries), so its queries fail",
                "deploy code that no longer uses " + col + " (Django: remove the field from the model with "
                        + "SeparateDatabaseAndState, or keep it nullable and unused), then drop it in a later "
                        + "migration:\nALTER TABLE " + op.table().display() + " DROP COLUMN " + SqlText.quote(col)
                        + ";");
    }
}
