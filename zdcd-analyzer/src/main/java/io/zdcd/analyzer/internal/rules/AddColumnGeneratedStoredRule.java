package io.zdcd.analyzer.internal.rules;

import static io.zdcd.analyzer.internal.SqlText.quote;

import io.zdcd.analyzer.internal.Judgement;
import io.zdcd.analyzer.internal.PgVersion;
import io.zdcd.analyzer.internal.Rules;
import io.zdcd.analyzer.internal.model.AddColumn;
import io.zdcd.analyzer.internal.model.ColumnSpec;
import io.zdcd.classify.Verdict;

/** add-column-generated-stored: a STORED generated column is computed for every row by a rewrite. */
final class AddColumnGeneratedStoredRule extends OpRule<AddColumn> {
    AddColumnGeneratedStoredRule() {
        super(Rules.ADD_COLUMN_GENERATED, AddColumn.class);
    }

    @Override
    void judge(AddColumn op, Judgement j) {
        ColumnSpec c = op.column();
        PgVersion v = j.ctx.version;
        if (op.part() != AddColumn.Part.VALUE || op.isNew() || !c.generated() || !v.atLeast(12)
                || c.generatedKind(v).equals("VIRTUAL")) {
            return;
        }
        j.longRunning = true;
        j.finding(meta(), Verdict.UNSAFE, "adds the STORED generated column " + op.shown() + ": the table is "
                + "rewritten under AccessExclusiveLock to compute it",
                v.atLeast(18) ? "ALTER TABLE " + op.table().display() + " ADD COLUMN " + quote(c.name()) + " "
                        + c.typeWritten().trim() + " GENERATED ALWAYS AS (...) VIRTUAL;" : meta().alternative());
    }
}
