package io.zdcd.analyzer.internal.rules;

import io.zdcd.analyzer.internal.MigrationRun;
import io.zdcd.analyzer.internal.Rules;
import io.zdcd.analyzer.internal.Suppressions;
import io.zdcd.classify.Finding;
import io.zdcd.classify.Verdict;

/** unused-ignore: a valid zdcd:ignore comment that matched no finding of the statement after it. */
final class UnusedIgnoreRule extends MigrationLevelRule {
    UnusedIgnoreRule() {
        super(Rules.UNUSED_IGNORE);
    }

    @Override
    public void ignoreComment(MigrationRun run, Suppressions.Ignore ig) {
        if (ig.problem == null && !ig.used) {
            run.add(new Finding(meta().id(), Verdict.SAFE, "line " + ig.line + ": zdcd:ignore " + ig.ruleId
                    + " matches no finding of the statement after it", "remove the comment"));
        }
    }
}
