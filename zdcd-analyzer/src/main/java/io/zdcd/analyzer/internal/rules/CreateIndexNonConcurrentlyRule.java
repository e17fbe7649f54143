package io.zdcd.analyzer.internal.rules;

import io.zdcd.analyzer.internal.Judgement;
import io.zdcd.analyzer.internal.Rules;
import io.zdcd.analyzer.internal.model.CreateIndex;
import io.zdcd.classify.Verdict;
import java.util.regex.Pattern;

/** create-index-non-concurrently: the build holds ShareLock, writes wait; UNSAFE on a table with data. */
final class CreateIndexNonConcurrentlyRule extends OpRule<CreateIndex> {
    /** The word INDEX, compiled once (not per CREATE INDEX, as String.replaceFirst would). */
    private static final Pattern INDEX_WORD = Pattern.compile("(?i)\\bINDEX\\b");

    CreateIndexNonConcurrentlyRule() {
        super(Rules.CREATE_INDEX, CreateIndex.class);
    }

    @Override
    void judge(CreateIndex op, Judgement j) {
        if (op.concurrently()) {
            return;
        }
        if (op.tableIsNew()) {
            j.finding(meta(), Verdict.SAFE, "indexes a table created in this migration (empty): instant");
        } else if (op.only()) {
            j.finding(meta(), Verdict.SAFE, "creates an invalid index on the partitioned parent only (ON ONLY): no "
                    + "build; attach each partition's index (built CONCURRENTLY) afterwards");
        } else {
            String concurrent = INDEX_WORD.matcher(op.text()).replaceFirst("INDEX CONCURRENTLY");
            j.finding(meta(), Verdict.UNSAFE, "builds the index under ShareLock: every INSERT, UPDATE and DELETE on "
                    + op.table().display() + " waits for the whole build",
                    concurrent + ";\n-- outside a transaction block (Django: atomic = False or AddIndexConcurrently)");
        }
    }
}
