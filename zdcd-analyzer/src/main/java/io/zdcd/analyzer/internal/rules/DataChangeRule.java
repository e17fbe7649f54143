package io.zdcd.analyzer.internal.rules;

import io.zdcd.analyzer.internal.BatchLoop;
import io.zdcd.analyzer.internal.Judgement;
import io.zdcd.analyzer.internal.Rule;
import io.zdcd.analyzer.internal.Rules;
import io.zdcd.analyzer.internal.model.Copy;
import io.zdcd.analyzer.internal.model.Insert;
import io.zdcd.analyzer.internal.model.Merge;
import io.zdcd.analyzer.internal.model.Op;
import io.zdcd.analyzer.internal.model.UpdateOrDelete;
import io.zdcd.classify.Finding;
import io.zdcd.classify.Verdict;

/** data-change: inserts, bounded changes and changes of new tables lock few rows, briefly. */
final class DataChangeRule extends ZdcdRule implements MigrationCheck {
    @Override
    public Rule meta() {
        return Rules.DATA_CHANGE;
    }

    @Override
    public void check(Op op, Judgement j) {
        if (op instanceof UpdateOrDelete o && o.tableIsNew()) {
            j.finding(meta(), Verdict.SAFE, o.verb() + " on a table created in this migration");
        } else if (op instanceof UpdateOrDelete o && o.bounded()) {
            j.finding(meta(), Verdict.SAFE, o.verb() + " of a bounded set of rows (a key value, key list, key range "
                    + "or a LIMITed subquery): RowExclusiveLock, row locks only on those rows");
        } else if (op instanceof Insert o && o.fromQuery()) {
            boolean readsExisting = j.longRunning; // the effects set it to whether the query reads another relation
            j.finding(meta(), Verdict.SAFE, "INSERT ... SELECT: RowExclusiveLock on " + o.table().display()
                    + (readsExisting ? " and a full read of the source tables (AccessShareLock): runs as long as "
                    + "they are big" : ""));
        } else if (op instanceof Insert o) {
            j.finding(meta(), Verdict.SAFE, "inserts rows: RowExclusiveLock on " + o.table().display() + ", no "
                    + "effect on the old code's queries");
        } else if (op instanceof Merge o && j.ctx.version.atLeast(15) && o.tableIsNew()) {
            j.finding(meta(), Verdict.SAFE, "MERGE into a table created in this migration");
        } else if (op instanceof Copy o && !o.query() && o.from()) {
            j.finding(meta(), Verdict.SAFE, "COPY ... FROM loads rows: RowExclusiveLock, no effect on the old code's "
                    + "queries");
        }
    }

    /**
     * A batch loop by the table's single-column integer primary key turns the statement's unbatched-data-change
     * finding into this rule's SAFE one, in its place; the batches scan no table.
     */
    @Override
    public void batchLoop(BatchLoop.Loop loop, BatchLoop.Key key, String verb, Judgement j) {
        if (!loop.byKey(key)) {
            return;
        }
        for (int f = 0; f < j.findings.size(); f++) {
            Finding x = j.findings.get(f);
            if (x.ruleId().equals(Rules.UNBATCHED_DATA_CHANGE.id()) && x.verdict() == Verdict.UNSAFE) {
                j.findings.set(f, new Finding(meta().id(), Verdict.SAFE, loop.batches(verb) + ": RowExclusiveLock, "
                        + "row locks on at most " + loop.batchSize() + " rows at a time, released at each COMMIT", ""));
                j.scan = false;
            }
        }
    }
}
