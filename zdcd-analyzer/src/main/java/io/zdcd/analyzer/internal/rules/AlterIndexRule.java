package io.zdcd.analyzer.internal.rules;

import io.zdcd.analyzer.internal.Judgement;
import io.zdcd.analyzer.internal.Rules;
import io.zdcd.analyzer.internal.model.AlterIndex;
import io.zdcd.classify.Verdict;

/** alter-index: RENAME, ATTACH PARTITION and settings change no data; SAFE. */
final class AlterIndexRule extends OpRule<AlterIndex> {
    AlterIndexRule() {
        super(Rules.ALTER_INDEX, AlterIndex.class);
    }

    @Override
    void judge(AlterIndex op, Judgement j) {
        switch (op.action()) {
            case RENAME -> j.finding(meta(), Verdict.SAFE, "renames the index: " + (j.ctx.version.atLeast(12)
                    ? "ShareUpdateExclusiveLock (PG 12+), reads and writes go on" : "a brief AccessExclusiveLock "
                    + "(PG 11)"));
            case ATTACH_PARTITION -> j.finding(meta(), Verdict.SAFE, "attaches a partition's index to the parent "
                    + "index: no build");
            case SETTINGS -> j.finding(meta(), Verdict.SAFE, "changes index settings; new settings apply to future "
                    + "writes (no rebuild)");
            default -> {
            }
        }
    }
}
