package io.zdcd.analyzer.internal.rules;

import io.zdcd.analyzer.internal.MigrationRun;
import io.zdcd.analyzer.internal.Rules;
import io.zdcd.analyzer.internal.Suppressions;
import io.zdcd.classify.Finding;
import io.zdcd.classify.Verdict;

/** invalid-ignore: a zdcd:ignore comment without a known rule id or a reason is not applied. */
final class InvalidIgnoreRule extends MigrationLevelRule {
    InvalidIgnoreRule() {
        super(Rules.INVALID_IGNORE);
    }

    @Override
    public void ignoreComment(MigrationRun run, Suppressions.Ignore ig) {
        if (ig.problem != null) {
            run.add(new Finding(meta().id(), Verdict.SAFE, "line " + ig.line + ": " + ig.problem
                    + " (the comment is not applied)", ""));
        }
    }
}
