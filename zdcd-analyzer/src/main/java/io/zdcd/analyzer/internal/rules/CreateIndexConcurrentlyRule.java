package io.zdcd.analyzer.internal.rules;

import io.zdcd.analyzer.internal.Judgement;
import io.zdcd.analyzer.internal.PgVersion;
import io.zdcd.analyzer.internal.Rules;
import io.zdcd.analyzer.internal.model.CreateIndex;
import io.zdcd.classify.Verdict;

/** create-index-concurrently: builds without blocking writes; SAFE (where it can run at all). */
final class CreateIndexConcurrentlyRule extends OpRule<CreateIndex> {
    CreateIndexConcurrentlyRule() {
        super(Rules.CREATE_INDEX_CONCURRENTLY, CreateIndex.class);
    }

    @Override
    void judge(CreateIndex op, Judgement j) {
        PgVersion v = j.ctx.version;
        if (!op.concurrently() || j.ctx.inTransaction || v.hasConcurrentIndexBug()) {
            return; // concurrently-in-transaction, concurrent-index-pg14-bug
        }
        j.finding(meta(), Verdict.SAFE, "builds the index without blocking reads or writes "
                + "(ShareUpdateExclusiveLock)" + (op.unique() ? "; as soon as it exists, INSERTs of duplicates fail"
                : "") + (v.major() == 14 && v.minor() < 0 ? "; on PostgreSQL 14 make sure the server runs 14.4 or "
                + "later (14.0 to 14.3 can corrupt concurrently built indexes)" : "")
                + (op.mentionsExists() ? "; note: IF NOT EXISTS also accepts an INVALID index left by a failed build"
                : ""));
    }
}
