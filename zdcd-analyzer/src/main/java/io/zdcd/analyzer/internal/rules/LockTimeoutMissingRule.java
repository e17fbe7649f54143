package io.zdcd.analyzer.internal.rules;

import io.zdcd.analyzer.SqlStatement;
import io.zdcd.analyzer.internal.Judgement;
import io.zdcd.analyzer.internal.MigrationRun;
import io.zdcd.analyzer.internal.Rules;
import io.zdcd.classify.Verdict;

/** lock-timeout-missing: the first statement that blocks writes with no lock_timeout in effect (once a migration). */
final class LockTimeoutMissingRule extends MigrationLevelRule {
    LockTimeoutMissingRule() {
        super(Rules.LOCK_TIMEOUT);
    }

    @Override
    public void afterStatement(MigrationRun run, SqlStatement st, Judgement j) {
        if (j.lock != null && j.lock.blocksWrites() && !run.ctx.lockTimeoutInEffect() && !run.ctx.lockTimeoutNoted) {
            run.ctx.lockTimeoutNoted = true;
            j.finding(meta(), Verdict.SAFE, "takes " + j.lock.pgName() + " with no lock_timeout set in this migration: "
                    + "while it waits for the lock, every later query on the table queues behind it. zdcd's runner "
                    + "sets a short lock_timeout and retries; other runners should SET lock_timeout = '2s' first", "");
        }
    }
}
