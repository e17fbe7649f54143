package io.zdcd.analyzer.internal.effects;

import static io.zdcd.classify.LockMode.ACCESS_EXCLUSIVE;
import static io.zdcd.classify.LockMode.ACCESS_SHARE;
import static io.zdcd.classify.LockMode.EXCLUSIVE;
import static io.zdcd.classify.LockMode.SHARE;
import static io.zdcd.classify.LockMode.SHARE_UPDATE_EXCLUSIVE;

import io.zdcd.analyzer.internal.Judgement;
import io.zdcd.analyzer.internal.Name;
import io.zdcd.analyzer.internal.PgVersion;
import io.zdcd.analyzer.internal.Schema;
import io.zdcd.analyzer.internal.model.Analyze;
import io.zdcd.analyzer.internal.model.Cluster;
import io.zdcd.analyzer.internal.model.Comment;
import io.zdcd.analyzer.internal.model.LockTable;
import io.zdcd.analyzer.internal.model.Op;
import io.zdcd.analyzer.internal.model.RefreshMaterializedView;
import io.zdcd.analyzer.internal.model.Reindex;
import io.zdcd.analyzer.internal.model.Truncate;
import io.zdcd.analyzer.internal.model.Vacuum;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** TRUNCATE, LOCK, COMMENT, VACUUM, ANALYZE, CLUSTER, REINDEX and REFRESH MATERIALIZED VIEW. */
final class MaintenanceEffects {
    private MaintenanceEffects() {
    }

    static boolean apply(Op op, Judgement j) {
        if (op instanceof Truncate o) {
            o.tables().forEach(n -> j.lock(n, ACCESS_EXCLUSIVE));
        } else if (op instanceof LockTable o) {
            for (Name n : o.tables()) {
                j.lock(n, o.mode());
            }
        } else if (op instanceof Comment o) {
            j.lock(o.relation(), SHARE_UPDATE_EXCLUSIVE);
        } else if (op instanceof Vacuum o) {
            if (j.ctx.inTransaction) {
                return true; // fails at once
            }
            j.lock(o.table(), o.full() ? ACCESS_EXCLUSIVE : SHARE_UPDATE_EXCLUSIVE);
            rewrites(j, o.full() && !o.isNew());
        } else if (op instanceof Analyze o) {
            j.lock(o.table(), SHARE_UPDATE_EXCLUSIVE);
        } else if (op instanceof Cluster o) {
            j.lock(o.table(), ACCESS_EXCLUSIVE);
            rewrites(j, !o.isNew());
        } else if (op instanceof Reindex o) {
            reindex(o, j);
        } else if (op instanceof RefreshMaterializedView o) {
            if (o.view() != null) { // traced: the view's query reads its sources under AccessShareLock
                j.ctx.schema.viewSources.getOrDefault(o.view().key(), List.of()).forEach(s -> j.lock(s, ACCESS_SHARE));
            }
            j.lock(o.view(), o.concurrently() ? EXCLUSIVE : ACCESS_EXCLUSIVE);
            j.longRunning = !o.isNew();
            if (!o.concurrently()) {
                j.rewrite = !o.isNew(); // traced: the refresh fills a new heap (new relfilenode)
            }
        } else {
            return false;
        }
        return true;
    }

    private static void rewrites(Judgement j, boolean rewrites) {
        if (rewrites) {
            j.rewrite = true;
            j.longRunning = true;
        }
    }

    private static void reindex(Reindex o, Judgement j) {
        PgVersion v = j.ctx.version;
        Name n = o.target();
        if (o.concurrently()) {
            if (!v.atLeast(12)) {
                return; // fails at once
            }
            j.lock(n, SHARE_UPDATE_EXCLUSIVE);
            j.lock(o.indexTable(), SHARE_UPDATE_EXCLUSIVE);
            if (!j.ctx.inTransaction && !v.hasConcurrentIndexBug()) {
                j.longRunning = true;
                j.rewrite = true; // traced: a new index is built and swapped in under the old name
            }
            return;
        }
        if (o.what().equals("INDEX")) {
            j.lock(o.indexTable(), SHARE); // traced: ShareLock on the table, AccessExclusiveLock on the index
            j.lock(n, ACCESS_EXCLUSIVE);
        } else if (o.what().equals("TABLE")) {
            j.lock(n, SHARE);
            if (n != null) {
                for (Map.Entry<String, Schema.Index> e : j.ctx.schema.indexes().entrySet()) {
                    if (e.getValue().table().equals(n.key())) {
                        j.lock(new Name(e.getKey(), e.getKey(), 0), ACCESS_EXCLUSIVE);
                    }
                }
                Schema.Table st = j.ctx.schema.table(n.key());
                if (st != null) { // the indexes behind PRIMARY KEY, UNIQUE and EXCLUDE constraints
                    st.constraints.forEach((name, c) -> {
                        if (Set.of("PRIMARY KEY", "UNIQUE", "EXCLUDE").contains(c.kind)) {
                            j.lock(new Name(name, Name.quote(name), 0), ACCESS_EXCLUSIVE);
                        }
                    });
                }
            }
        } else {
            j.lock(n, ACCESS_EXCLUSIVE);
        }
        rewrites(j, !o.isNew());
    }
}
