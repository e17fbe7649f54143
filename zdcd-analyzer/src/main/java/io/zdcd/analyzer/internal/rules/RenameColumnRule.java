package io.zdcd.analyzer.internal.rules;

import io.zdcd.analyzer.internal.Judgement;
import io.zdcd.analyzer.internal.Rule;
import io.zdcd.analyzer.internal.Rules;
import io.zdcd.analyzer.internal.model.AlterRelation;
import io.zdcd.analyzer.internal.model.Op;
import io.zdcd.classify.Verdict;
import java.util.Locale;

/** rename-column: queries naming the old column fail. */
final class RenameColumnRule implements ZdcdRule {
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
        }
    }
}
