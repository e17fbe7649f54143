package io.zdcd.analyzer.internal.rules;

import io.zdcd.analyzer.internal.BatchLoop;
import io.zdcd.analyzer.internal.Judgement;
import io.zdcd.analyzer.internal.Rule;
import io.zdcd.analyzer.internal.Rules;
import io.zdcd.analyzer.internal.model.Merge;
import io.zdcd.analyzer.internal.model.Op;
import io.zdcd.analyzer.internal.model.Query;
import io.zdcd.analyzer.internal.model.UpdateOrDelete;
import io.zdcd.classify.Verdict;

/** unbatched-data-change: rows changed or locked in one transaction stay locked until COMMIT. */
final class UnbatchedDataChangeRule extends ZdcdRule implements MigrationCheck {
    @Override
    public Rule meta() {
        return Rules.UNBATCHED_DATA_CHANGE;
    }

    @Override
    public void check(Op op, Judgement j) {
        if (op instanceof UpdateOrDelete o && !o.tableIsNew() && !o.where()) {
            j.finding(meta(), Verdict.UNSAFE, o.verb() + " without WHERE touches every row of " + o.table().display()
                    + " in one transaction: each row stays locked until COMMIT, so the old code's writes to them wait, "
                    + "and the statement runs as long as the table is big");
        } else if (op instanceof UpdateOrDelete o && !o.tableIsNew() && !o.bounded()) {
            j.finding(meta(), Verdict.UNSAFE, o.verb() + " with a WHERE that is not bounded by a key range or LIMIT "
                    + "may touch most of " + o.table().display() + " in one transaction: those rows stay locked until "
                    + "COMMIT and the old code's writes to them wait", meta().alternative());
        } else if (op instanceof Merge o && j.ctx.version.atLeast(15) && !o.tableIsNew()) {
            j.finding(meta(), Verdict.UNSAFE, "MERGE can touch any number of rows of " + (o.table() == null
                    ? "the table" : o.table().display()) + " in one transaction; rows stay locked until COMMIT");
        } else if (op instanceof Query o && ReadQueryRule.judgedAsRead(o) && o.forUpdate() && j.lock != null) {
            j.finding(meta(), Verdict.UNSAFE, "SELECT ... FOR UPDATE/SHARE locks every row it returns until COMMIT "
                    + "(RowShareLock): the old code's writes to those rows wait", "leave row locking to the statements "
                    + "that change the rows, in batches");
        }
    }

    /** A batch loop whose key is not the table's single-column integer primary key may scan it in every batch. */
    @Override
    public void batchLoop(BatchLoop.Loop loop, BatchLoop.Key key, String verb, Judgement j) {
        if (!loop.byKey(key)) {
            j.finding(meta(), Verdict.UNSAFE, loop.batches(verb) + ", but " + (key.found() ? "the primary key of "
                    + loop.table().display() + " is " + key.column() : key.problem()) + ": a batch may scan the whole "
                    + "table while it holds its row locks");
        }
    }
}
