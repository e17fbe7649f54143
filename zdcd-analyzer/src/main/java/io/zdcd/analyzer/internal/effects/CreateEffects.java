package io.zdcd.analyzer.internal.effects;

import static io.zdcd.classify.LockMode.ACCESS_EXCLUSIVE;
import static io.zdcd.classify.LockMode.SHARE;
import static io.zdcd.classify.LockMode.SHARE_ROW_EXCLUSIVE;
import static io.zdcd.classify.LockMode.SHARE_UPDATE_EXCLUSIVE;

import io.zdcd.analyzer.internal.Judgement;
import io.zdcd.analyzer.internal.Schema;
import io.zdcd.analyzer.internal.model.CreateIndex;
import io.zdcd.analyzer.internal.model.CreateOnTable;
import io.zdcd.analyzer.internal.model.Op;

/** CREATE of every kind but TABLE: the schema learns the new objects; the locks PostgreSQL takes. */
final class CreateEffects {
    private CreateEffects() {
    }

    static boolean apply(Op op, Judgement j) {
        if (op instanceof CreateIndex o) {
            index(o, j);
        } else if (op instanceof CreateOnTable o) {
            j.lock(o.table(), o.what().equals("TRIGGER") ? SHARE_ROW_EXCLUSIVE : ACCESS_EXCLUSIVE);
        } else {
            return false;
        }
        return true;
    }

    private static void index(CreateIndex o, Judgement j) {
        Schema.Table indexed = j.ctx.schema.table(o.table().key());
        if (indexed != null) {
            indexed.indexed.addAll(o.mentioned());
        }
        if (o.indexName() != null) {
            j.ctx.schema.putIndex(o.indexName(), new Schema.Index(o.table().key(), o.unique(), o.columns()));
            if (o.tableIsNew()) {
                j.ctx.createdHere.add(o.indexName());
            }
        }
        j.lock(o.table(), o.concurrently() ? SHARE_UPDATE_EXCLUSIVE : SHARE);
        boolean builds = o.concurrently()
                ? !j.ctx.inTransaction && !j.ctx.version.hasConcurrentIndexBug() // else it fails at once
                : !o.only();
        if (builds && !o.tableIsNew()) {
            j.scan = true;
            j.longRunning = true;
        }
    }
}
