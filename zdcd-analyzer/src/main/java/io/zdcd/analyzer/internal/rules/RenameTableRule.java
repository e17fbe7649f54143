package io.zdcd.analyzer.internal.rules;

import io.zdcd.analyzer.internal.Judgement;
import io.zdcd.analyzer.internal.Rule;
import io.zdcd.analyzer.internal.Rules;
import io.zdcd.analyzer.internal.model.AlterRelation;
import io.zdcd.analyzer.internal.model.Op;
import io.zdcd.analyzer.internal.model.RenameTable;
import io.zdcd.analyzer.internal.model.SetSchema;
import io.zdcd.classify.Verdict;
import java.util.Locale;

/** rename-table: the old code's queries on the old name (or schema) of a table, view or sequence fail. */
final class RenameTableRule extends ZdcdRule {
    @Override
    public Rule meta() {
        return Rules.RENAME_TABLE;
    }

    @Override
    public void check(Op op, Judgement j) {
        if (op instanceof AlterRelation o && o.action() == AlterRelation.Action.RENAME_TO) {
            j.breaksOldCode = !o.isNew();
            j.finding(meta(), o.isNew() ? Verdict.SAFE : Verdict.UNSAFE, "renames or moves "
                    + o.what().toLowerCase(Locale.ROOT) + " " + o.name().display() + ": the old code still uses the "
                    + "old name");
        } else if (op instanceof RenameTable o) {
            renameTable(o, j);
        } else if (op instanceof SetSchema o) {
            if (o.isNew()) {
                j.finding(meta(), Verdict.SAFE, "moves a table created in this migration");
                return;
            }
            j.breaksOldCode = true;
            j.finding(meta(), Verdict.UNSAFE, "moves " + o.table().display() + " to schema " + o.schema() + ": the old "
                    + "code's queries that name (or search_path-find) it break");
        }
    }

    private void renameTable(RenameTable o, Judgement j) {
        if (o.isNew()) {
            j.finding(meta(), Verdict.SAFE, "renames a table created in this migration");
            return;
        }
        String tn = o.table().display();
        String to = o.to() == null ? "new_name" : o.to().display();
        j.breaksOldCode = true;
        j.finding(meta(), Verdict.UNSAFE, "renames " + tn + ": the old code's queries on the old name fail",
                "keep the table name and rename the model only (Django: Meta.db_table = '" + o.table().last()
                        + "'), or in one transaction:\nALTER TABLE " + tn + " RENAME TO " + to + ";\nCREATE VIEW "
                        + tn + " AS SELECT * FROM " + to + ";");
    }
}
