package io.zdcd.analyzer.internal.rules;

import io.zdcd.analyzer.internal.Judgement;
import io.zdcd.analyzer.internal.Rules;
import io.zdcd.analyzer.internal.SqlText;
import io.zdcd.analyzer.internal.model.AddColumn;
import io.zdcd.analyzer.internal.model.ColumnSpec;
import io.zdcd.classify.Verdict;

/** add-column: a nullable column, or one with a non-volatile default, is added without a rewrite. */
final class AddColumnRule extends OpRule<AddColumn> {
    AddColumnRule() {
        super(Rules.ADD_COLUMN, AddColumn.class);
    }

    @Override
    void judge(AddColumn op, Judgement j) {
        ColumnSpec c = op.column();
        if (op.part() == AddColumn.Part.CONSTRAINTS && op.isNew()) {
            j.finding(meta(), Verdict.SAFE, "adds " + op.shown() + " to a table created in this migration");
        } else if (op.part() != AddColumn.Part.VALUE || op.isNew()) {
            return;
        } else if (c.virtual(j.ctx.version)) {
            j.finding(meta(), Verdict.SAFE, "adds the VIRTUAL generated column " + op.shown() + ": computed on read, "
                    + "no rewrite (PostgreSQL 18)");
        } else if (!op.unsafe(j.ctx.version)) {
            j.finding(meta(), Verdict.SAFE, "adds " + op.shown() + (c.hasDefault()
                    ? " with the non-volatile DEFAULT " + SqlText.abbreviate(c.defaultText()) + " (stored in the "
                    + "catalog, no rewrite)" : " (nullable)") + ": a brief AccessExclusiveLock, no rewrite");
        }
    }
}
