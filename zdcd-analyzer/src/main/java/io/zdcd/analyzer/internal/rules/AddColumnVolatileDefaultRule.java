package io.zdcd.analyzer.internal.rules;

import static io.zdcd.analyzer.internal.SqlText.quote;

import io.zdcd.analyzer.internal.Judgement;
import io.zdcd.analyzer.internal.Rules;
import io.zdcd.analyzer.internal.SqlText;
import io.zdcd.analyzer.internal.model.AddColumn;
import io.zdcd.analyzer.internal.model.ColumnSpec;
import io.zdcd.classify.Verdict;

/** add-column-volatile-default: a volatile DEFAULT is computed for every row by a rewrite. */
final class AddColumnVolatileDefaultRule extends OpRule<AddColumn> {
    AddColumnVolatileDefaultRule() {
        super(Rules.ADD_COLUMN_VOLATILE_DEFAULT, AddColumn.class);
    }

    @Override
    void judge(AddColumn op, Judgement j) {
        ColumnSpec c = op.column();
        if (op.part() != AddColumn.Part.VALUE || op.isNew() || !c.hasDefault() || c.identity()
                || c.volatileFunction() == null || c.virtual(j.ctx.version)) {
            return;
        }
        String tn = op.table().display();
        j.longRunning = true;
        j.finding(meta(), Verdict.UNSAFE, "adds " + op.shown() + " with DEFAULT " + SqlText.abbreviate(c.defaultText())
                + ": " + c.volatileFunction() + " is volatile (or unknown to zdcd), so every row is rewritten under "
                + "AccessExclusiveLock",
                "ALTER TABLE " + tn + " ADD COLUMN " + quote(c.name()) + " " + c.typeWritten().trim() + ";\n"
                        + "ALTER TABLE " + tn + " ALTER COLUMN " + quote(c.name()) + " SET DEFAULT " + c.defaultText()
                        + ";\n-- backfill existing rows in batches: UPDATE ... WHERE id BETWEEN x AND y");
    }
}
