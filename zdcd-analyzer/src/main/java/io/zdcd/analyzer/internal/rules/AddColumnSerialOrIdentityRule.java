package io.zdcd.analyzer.internal.rules;

import static io.zdcd.analyzer.internal.SqlText.quote;

import io.zdcd.analyzer.internal.Judgement;
import io.zdcd.analyzer.internal.Rules;
import io.zdcd.analyzer.internal.model.AddColumn;
import io.zdcd.analyzer.internal.model.ColumnSpec;
import io.zdcd.classify.Verdict;
import java.util.Locale;

/** add-column-serial-or-identity: every existing row gets a value, so the table is rewritten. */
final class AddColumnSerialOrIdentityRule extends OpRule<AddColumn> {
    AddColumnSerialOrIdentityRule() {
        super(Rules.ADD_COLUMN_IDENTITY, AddColumn.class);
    }

    @Override
    void judge(AddColumn op, Judgement j) {
        ColumnSpec c = op.column();
        if (op.part() != AddColumn.Part.VALUE || op.isNew() || !c.identity()) {
            return;
        }
        String tn = op.table().display();
        String seq = op.table().last() + "_" + c.name() + "_seq";
        j.longRunning = true;
        j.finding(meta(), Verdict.UNSAFE, "adds " + op.shown() + " as " + c.typeWritten().trim()
                + (c.typeWritten().toLowerCase(Locale.ROOT).contains("serial") ? "" : " IDENTITY")
                + ": every existing row gets a value, so the table is rewritten under AccessExclusiveLock",
                "ALTER TABLE " + tn + " ADD COLUMN " + quote(c.name()) + " bigint;\nCREATE SEQUENCE " + quote(seq)
                        + " OWNED BY " + tn + "." + quote(c.name()) + ";\nALTER TABLE " + tn + " ALTER COLUMN "
                        + quote(c.name()) + " SET DEFAULT nextval('" + seq + "');\n-- backfill existing rows in "
                        + "batches, then make it NOT NULL via a CHECK ... NOT VALID + VALIDATE");
    }
}
