package io.zdcd.analyzer.internal.rules;

import io.zdcd.analyzer.SqlStatement;
import io.zdcd.analyzer.internal.Context;
import io.zdcd.analyzer.internal.Judgement;
import io.zdcd.analyzer.internal.MigrationRun;
import io.zdcd.analyzer.internal.Rules;
import io.zdcd.classify.LockMode;
import io.zdcd.classify.Verdict;
import java.util.Map;

/** long-operation-under-held-lock: a long statement in a transaction that already holds a lock an earlier one took. */
final class LongOperationUnderHeldLockRule extends MigrationLevelRule {
    LongOperationUnderHeldLockRule() {
        super(Rules.HELD_LOCK);
    }

    @Override
    public void afterStatement(MigrationRun run, SqlStatement st, Judgement j) {
        Context ctx = run.ctx;
        Map.Entry<String, LockMode> held = run.heldBefore;
        if (!j.longRunning || held == null || !(ctx.inTransaction || ctx.implicitTransactions)) {
            return;
        }
        j.finding(meta(), Verdict.UNSAFE, (ctx.inTransaction ? "runs inside a transaction"
                : "runs in the same transaction as the statements before it (a migration runner runs the "
                + "statements of a file that are outside BEGIN ... COMMIT as one transaction)") + " that already "
                + "holds " + held.getValue().pgName() + " on " + held.getKey() + rowsNote(ctx, held.getKey())
                + " (taken by an earlier statement, held until COMMIT): that table's " + (held.getValue().blocksReads()
                ? "reads and writes" : "writes") + " wait for this whole statement" + (j.slowCall == null ? ""
                : ", and it " + (j.slowCall.endsWith("()") ? "calls " + j.slowCall + ", which" : "runs " + j.slowCall
                + " code that") + " zdcd does not know to be instant"), meta().alternative());
    }

    private static String rowsNote(Context ctx, String key) {
        String rows = ctx.schema.rows(key);
        return rows == null ? "" : " (" + rows + ")";
    }
}
