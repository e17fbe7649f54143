package io.zdcd.analyzer.internal.rules;

import io.zdcd.analyzer.internal.Judgement;
import io.zdcd.analyzer.internal.Rules;
import io.zdcd.analyzer.internal.model.DropDefault;
import io.zdcd.classify.Verdict;

/** drop-default-not-null: the old code does not write the NOT NULL column, so its INSERTs fail without the default. */
final class DropDefaultNotNullRule extends OpRule<DropDefault> {
    DropDefaultNotNullRule() {
        super(Rules.DROP_DEFAULT, DropDefault.class);
    }

    @Override
    void judge(DropDefault op, Judgement j) {
        if (op.isNew()) {
            return;
        }
        String col = op.column();
        String shown = op.table().display() + "." + col;
        if (op.djangoPattern() || op.notNull()) {
            j.breaksOldCode = true;
            j.finding(meta(), Verdict.UNSAFE, "drops the default of the NOT NULL column " + shown
                            + (op.djangoPattern() ? " that this migration just added with DEFAULT ... NOT NULL (Django "
                            + "AddField)" : "") + ": the old code does not write " + col + ", so its INSERTs fail",
                    "keep the database default: drop this ALTER COLUMN ... DROP DEFAULT (Django 5+: db_default=...; "
                            + "older: SeparateDatabaseAndState or a RunSQL that keeps it), and drop the default only "
                            + "after every deployed version writes " + col);
        } else if (!op.known()) {
            j.breaksOldCode = true;
            j.finding(meta(), Verdict.UNSAFE, "drops the default of " + shown + ", whose nullability zdcd does not "
                    + "know: if it is NOT NULL, the old code's INSERTs that omit it fail (give the schema with "
                    + "--schema, or classify the migration that created it first)");
        }
    }
}
