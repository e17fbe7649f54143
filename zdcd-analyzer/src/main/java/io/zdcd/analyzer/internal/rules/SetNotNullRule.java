package io.zdcd.analyzer.internal.rules;

import io.zdcd.analyzer.internal.Judgement;
import io.zdcd.analyzer.internal.PgVersion;
import io.zdcd.analyzer.internal.Rule;
import io.zdcd.analyzer.internal.Rules;
import io.zdcd.analyzer.internal.SqlText;
import io.zdcd.analyzer.internal.model.AddNotNull;
import io.zdcd.analyzer.internal.model.Op;
import io.zdcd.analyzer.internal.model.SetNotNull;
import io.zdcd.classify.Verdict;

/** set-not-null: PostgreSQL scans the whole table under AccessExclusiveLock unless a validated CHECK proves it. */
final class SetNotNullRule extends ZdcdRule {
    @Override
    public Rule meta() {
        return Rules.SET_NOT_NULL;
    }

    @Override
    public void check(Op op, Judgement j) {
        PgVersion v = j.ctx.version;
        if (op instanceof AddNotNull o && v.atLeast(18) && !o.isNew() && !o.notValid()) {
            if (o.already()) {
                j.finding(meta(), Verdict.SAFE, o.column() + " is already NOT NULL");
            } else {
                j.longRunning = true;
                j.finding(meta(), Verdict.UNSAFE, "adds a validated NOT NULL on " + o.table().display() + "."
                        + o.column() + ": a full scan under AccessExclusiveLock",
                        SqlText.notNullRecipe(o.table(), o.column(), v));
            }
        }
        if (!(op instanceof SetNotNull o)) {
            return;
        }
        String shown = o.table().display() + "." + o.column();
        if (o.isNew()) {
            j.finding(meta(), Verdict.SAFE, "sets NOT NULL on a table created in this migration");
        } else if (o.already()) {
            j.finding(meta(), Verdict.SAFE, shown + " is already NOT NULL: nothing to check");
        } else if (o.proven()) {
            j.finding(meta(), Verdict.SAFE, "a validated CHECK (" + o.column() + " IS NOT NULL) proves there are no "
                    + "NULLs, so PostgreSQL " + v.major() + " skips the scan: a brief AccessExclusiveLock");
        } else {
            j.longRunning = true;
            j.finding(meta(), Verdict.UNSAFE, "sets " + shown + " NOT NULL: PostgreSQL scans the whole table under "
                    + "AccessExclusiveLock (reads and writes blocked) to check for NULLs, and old code that writes "
                    + "NULL fails", SqlText.notNullRecipe(o.table(), o.column(), v));
        }
    }
}
