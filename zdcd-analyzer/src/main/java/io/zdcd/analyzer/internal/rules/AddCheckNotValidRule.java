package io.zdcd.analyzer.internal.rules;

import static io.zdcd.analyzer.internal.SqlText.quote;

import io.zdcd.analyzer.internal.Judgement;
import io.zdcd.analyzer.internal.Name;
import io.zdcd.analyzer.internal.Rules;
import io.zdcd.analyzer.internal.model.AddCheck;
import io.zdcd.classify.Verdict;

/** add-check-not-valid: no scan, but new writes must satisfy it at once (the old code's too). */
final class AddCheckNotValidRule extends OpRule<AddCheck> {
    /** Why a NOT VALID constraint on a column added here without a default fails the old code's INSERTs. */
    static final String OLD_WRITES_VIOLATE = "a column this migration added without a default: the old code does not "
            + "write it, so its INSERTs leave it NULL and fail the constraint at once (NOT VALID skips the existing "
            + "rows, never new writes)";

    AddCheckNotValidRule() {
        super(Rules.ADD_CHECK_NOT_VALID, AddCheck.class);
    }

    @Override
    void judge(AddCheck op, Judgement j) {
        if (op.isNew() || !op.notValid()) {
            return;
        }
        String named = op.name() == null ? "" : " " + op.name();
        if (op.oldWritesViolate()) {
            j.breaksOldCode = true;
            j.finding(meta(), Verdict.UNSAFE, "adds CHECK" + named + " NOT VALID on " + op.table().display() + "."
                    + op.notNullColumn() + ", " + OLD_WRITES_VIOLATE, oldWritesAlternative(op.table(),
                    op.notNullColumn()));
        } else {
            j.finding(meta(), Verdict.SAFE, "adds CHECK" + named + " NOT VALID: a brief AccessExclusiveLock, existing "
                    + "rows are not scanned; new writes must satisfy it at once");
        }
    }

    /** Keep a default, or write the column first. */
    static String oldWritesAlternative(Name table, String column) {
        return "add the column with a constant DEFAULT that stays (ALTER TABLE " + table.display() + " ALTER COLUMN "
                + quote(column) + " SET DEFAULT ...), or deploy code that writes " + quote(column) + " first and add "
                + "the constraint in a later migration";
    }
}
