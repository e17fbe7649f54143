package io.zdcd.analyzer.internal.rules;

import static io.zdcd.analyzer.internal.SqlText.quote;

import io.zdcd.analyzer.internal.Judgement;
import io.zdcd.analyzer.internal.Rules;
import io.zdcd.analyzer.internal.model.AddColumn;
import io.zdcd.analyzer.internal.model.ColumnSpec;
import io.zdcd.classify.Verdict;

/** add-column-not-null-without-default: fails on a table with rows, and the old code's INSERTs fail. */
final class AddColumnNotNullWithoutDefaultRule extends OpRule<AddColumn> {
    AddColumnNotNullWithoutDefaultRule() {
        super(Rules.ADD_COLUMN_NOT_NULL, AddColumn.class);
    }

    @Override
    void judge(AddColumn op, Judgement j) {
        ColumnSpec c = op.column();
        if (op.part() != AddColumn.Part.VALUE || op.isNew() || !c.notNull() || c.hasDefault() || c.identity()
                || c.generated()) {
            return;
        }
        String tn = op.table().display();
        String name = quote(c.name());
        String check = quote(c.name() + "_not_null");
        j.breaksOldCode = true;
        j.finding(meta(), Verdict.UNSAFE, "adds " + op.shown() + " NOT NULL without a default: it fails if " + tn
                + " has rows, and the old code's INSERTs, which do not know the column, fail",
                "ALTER TABLE " + tn + " ADD COLUMN " + name + " " + c.typeWritten().trim() + " NULL;\n-- deploy code "
                        + "that writes it, backfill, then:\nALTER TABLE " + tn + " ADD CONSTRAINT " + check
                        + " CHECK (" + name + " IS NOT NULL) NOT VALID;\n-- in its own transaction:\nALTER TABLE "
                        + tn + " VALIDATE CONSTRAINT " + check + ";\nALTER TABLE " + tn + " ALTER COLUMN " + name
                        + " SET NOT NULL;");
    }
}
