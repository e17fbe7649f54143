package io.zdcd.analyzer.internal.rules;

import io.zdcd.analyzer.internal.MigrationRun;
import io.zdcd.analyzer.internal.Rules;
import io.zdcd.classify.Finding;
import io.zdcd.classify.StatementAnalysis;
import io.zdcd.classify.Verdict;

/** unclosed-transaction: the statement that opened a transaction never committed gets the finding (fail closed). */
final class UnclosedTransactionRule extends MigrationLevelRule {
    UnclosedTransactionRule() {
        super(Rules.UNCLOSED_TRANSACTION);
    }

    @Override
    public void analysed(MigrationRun run, StatementAnalysis a) {
        if (run.ctx.inTransaction && (!run.inTransactionBefore || run.opened == null)) {
            run.opened = a;
        } else if (!run.ctx.inTransaction) {
            run.opened = null;
        }
    }

    @Override
    public void atEnd(MigrationRun run) {
        if (run.ctx.inTransaction && run.opened != null) {
            Finding f = new Finding(meta().id(), Verdict.UNSAFE, "opens a transaction that is still open at the end "
                    + "of the migration (no COMMIT): psql and most runners roll it back when the session ends, so "
                    + "nothing after it is applied", meta().alternative());
            run.addLate(run.opened, f, run.ignore(run.opened.index(), f.ruleId()));
        }
    }
}
