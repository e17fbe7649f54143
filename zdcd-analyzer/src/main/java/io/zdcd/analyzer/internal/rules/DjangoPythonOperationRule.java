package io.zdcd.analyzer.internal.rules;

import io.zdcd.analyzer.SqlStatement;
import io.zdcd.analyzer.internal.Context;
import io.zdcd.analyzer.internal.Judgement;
import io.zdcd.analyzer.internal.MigrationRun;
import io.zdcd.analyzer.internal.PythonOperations;
import io.zdcd.analyzer.internal.Rules;
import io.zdcd.analyzer.internal.Suppressions;
import io.zdcd.classify.Finding;
import io.zdcd.classify.LockMode;
import io.zdcd.classify.Verdict;
import java.util.List;
import java.util.Map;

/**
 * django-python-operation: an operation Django's sqlmigrate could not write as SQL ({@link PythonOperations}); its
 * finding goes first on the statement after it, or last on the last statement when it runs at the end.
 */
final class DjangoPythonOperationRule extends MigrationLevelRule {
    DjangoPythonOperationRule() {
        super(Rules.DJANGO_PYTHON);
    }

    @Override
    public void afterStatement(MigrationRun run, SqlStatement st, Judgement j) {
        List<PythonOperations.Marker> markers = run.pythonOperations;
        for (int m = markers.size() - 1; m >= 0; m--) {
            if (markers.get(m).nextIndex() == st.index()) {
                j.findings.add(0, finding(markers.get(m), run.heldBefore, run.ctx, "before"));
            }
        }
    }

    @Override
    public void atEnd(MigrationRun run) {
        for (PythonOperations.Marker m : run.pythonOperations) {
            if (m.nextIndex() >= 0) {
                continue;
            }
            Finding f = finding(m, run.ctx.strongestHeldLock(), run.ctx, "after");
            Suppressions.Ignore ig = run.ignore(-1, f.ruleId());
            if (run.last == null) {
                run.add(MigrationRun.ignored(f, ig));
            } else {
                run.addLate(run.last, f, ig);
            }
        }
    }

    /** The finding for the operation, run {@code where} ("before" or "after") its statement while {@code held}. */
    private Finding finding(PythonOperations.Marker m, Map.Entry<String, LockMode> held, Context ctx, String where) {
        boolean inTransaction = ctx.inTransaction || ctx.implicitTransactions;
        String lock = held == null ? (inTransaction ? "; it runs inside the migration's transaction, so every lock "
                + "it takes is held until COMMIT" : "")
                : "; it runs inside the migration's transaction, which already holds " + held.getValue().pgName()
                + " on " + held.getKey() + " (taken by an earlier statement, held until COMMIT): that table's "
                + (held.getValue().blocksReads() ? "reads and writes" : "writes") + " wait for all of it";
        return new Finding(meta().id(), Verdict.UNSAFE, "line " + m.line() + ": " + where
                + " this statement Django runs an operation that sqlmigrate cannot write as SQL (" + m.description()
                + "): arbitrary Python may run, with data changes of unknown size, for an unknown time" + lock
                + "; zdcd cannot judge what it does", meta().alternative());
    }
}
