package io.zdcd.analyzer.internal.effects;

import static io.zdcd.classify.LockMode.ACCESS_EXCLUSIVE;
import static io.zdcd.classify.LockMode.ACCESS_SHARE;
import static io.zdcd.classify.LockMode.SHARE;
import static io.zdcd.classify.LockMode.SHARE_ROW_EXCLUSIVE;
import static io.zdcd.classify.LockMode.SHARE_UPDATE_EXCLUSIVE;

import io.zdcd.analyzer.internal.Judgement;
import io.zdcd.analyzer.internal.Name;
import io.zdcd.analyzer.internal.Schema;
import io.zdcd.analyzer.internal.model.CreateIndex;
import io.zdcd.analyzer.internal.model.CreateMaterializedView;
import io.zdcd.analyzer.internal.model.CreateObject;
import io.zdcd.analyzer.internal.model.CreateOnTable;
import io.zdcd.analyzer.internal.model.CreateStatistics;
import io.zdcd.analyzer.internal.model.CreateView;
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
        } else if (op instanceof CreateView o) {
            view(o, j);
        } else if (op instanceof CreateMaterializedView o) {
            materializedView(o, j);
        } else if (op instanceof CreateStatistics o) {
            j.lock(o.table(), SHARE_UPDATE_EXCLUSIVE);
        } else if (op instanceof CreateObject o) {
            if (o.foreignTable() != null) {
                j.ctx.createdHere.add(o.foreignTable().key());
                j.table(o.foreignTable());
            }
            if (o.created() != null) {
                j.ctx.createdHere.add(o.created().key());
                if (o.what().equals("SEQUENCE")) {
                    j.ctx.schema.otherRelations.put(o.created().key(), "SEQUENCE");
                }
            }
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

    private static void view(CreateView o, Judgement j) {
        Name name = o.name();
        if (!o.replaces()) {
            j.ctx.createdHere.add(name.key());
        }
        j.ctx.schema.otherRelations.put(name.key(), "VIEW");
        if (o.replaces()) {
            j.lock(name, ACCESS_EXCLUSIVE);
        } else {
            j.table(name);
        }
        o.sources().forEach(s -> j.lock(s, ACCESS_SHARE));
    }

    private static void materializedView(CreateMaterializedView o, Judgement j) {
        Name name = o.name();
        if (name != null) {
            j.ctx.createdHere.add(name.key());
            j.ctx.schema.otherRelations.put(name.key(), "MATERIALIZED VIEW");
            j.table(name);
        }
        if (o.sources() != null) {
            o.sources().forEach(s -> j.lock(s, ACCESS_SHARE));
            j.ctx.schema.viewSources.put(name.key(), o.sources());
        }
    }
}
