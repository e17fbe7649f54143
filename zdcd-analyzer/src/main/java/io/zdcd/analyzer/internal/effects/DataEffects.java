package io.zdcd.analyzer.internal.effects;

import static io.zdcd.classify.LockMode.ACCESS_SHARE;
import static io.zdcd.classify.LockMode.ROW_EXCLUSIVE;
import static io.zdcd.classify.LockMode.ROW_SHARE;

import io.zdcd.analyzer.internal.Judgement;
import io.zdcd.analyzer.internal.Name;
import io.zdcd.analyzer.internal.model.Copy;
import io.zdcd.analyzer.internal.model.DataModifyingCte;
import io.zdcd.analyzer.internal.model.Insert;
import io.zdcd.analyzer.internal.model.Merge;
import io.zdcd.analyzer.internal.model.Op;
import io.zdcd.analyzer.internal.model.Query;
import io.zdcd.analyzer.internal.model.ReadSources;
import io.zdcd.analyzer.internal.model.SelectInto;
import io.zdcd.analyzer.internal.model.UnknownTimeZone;
import io.zdcd.analyzer.internal.model.UpdateOrDelete;
import io.zdcd.analyzer.internal.rules.RuleSet;
import io.zdcd.classify.LockMode;
import java.util.List;

/**
 * Data changes and reads: row-level locks on the tables changed, AccessShareLock on the relations read. A
 * data-modifying WITH query is judged as a statement of its own, merged into the statement's judgement.
 */
final class DataEffects {
    private DataEffects() {
    }

    static boolean apply(Op op, Judgement j) {
        if (op instanceof UpdateOrDelete o) {
            j.lock(o.table(), ROW_EXCLUSIVE);
            reads(o.sources(), j);
            if (!o.tableIsNew()) {
                j.longRunning = true;
                j.scan |= !o.bounded();
            }
        } else if (op instanceof Insert o) {
            j.lock(o.table(), ROW_EXCLUSIVE);
            o.sequences().forEach(s -> j.lock(s, ROW_EXCLUSIVE));
            if (o.fromQuery()) {
                int before = j.tables.size();
                reads(o.sources(), j);
                j.longRunning = j.tables.size() > before; // reads a relation not listed yet (InsertRule says so)
            }
        } else if (op instanceof Merge o) {
            if (j.ctx.version.atLeast(15)) {
                j.lock(o.table(), ROW_EXCLUSIVE);
                j.lock(o.source(), ACCESS_SHARE);
                if (!o.tableIsNew()) {
                    j.longRunning = true;
                    j.scan = true;
                }
            }
        } else if (op instanceof Copy o) {
            if (o.query()) {
                reads(o.sources(), j);
            } else if (o.from()) {
                j.lock(o.table(), ROW_EXCLUSIVE);
                j.longRunning = o.table() != null && j.ctx.existedBefore(o.table().key());
            } else {
                j.lock(o.table(), ACCESS_SHARE);
            }
        } else if (op instanceof ReadSources o) {
            reads(o.sources(), j);
        } else if (op instanceof DataModifyingCte o) {
            Judgement sub = new Judgement(j.ctx);
            RuleSet.judge(o.ops(), sub);
            merge(j, sub);
        } else if (op instanceof SelectInto o) {
            if (o.table() != null) {
                j.ctx.createdHere.add(o.table().key());
                j.ctx.schema.createTable(o.table().key());
                j.table(o.table());
            }
            reads(o.sources(), j);
        } else if (op instanceof Query o) {
            query(o, j);
        } else if (op instanceof UnknownTimeZone) {
            j.ctx.setTimeZone(false, false);
        } else {
            return false;
        }
        return true;
    }

    private static void reads(List<Name> sources, Judgement j) {
        sources.forEach(s -> j.lock(s, ACCESS_SHARE));
    }

    private static void query(Query o, Judgement j) {
        reads(o.sources(), j);
        if (o.forUpdate() && j.lock != null) {
            j.lock = ROW_SHARE.max(j.lock);
            j.locks.replaceAll((k, v) -> ROW_SHARE.max(v)); // FOR UPDATE/SHARE: RowShareLock on the locked tables
        }
        String slow = o.unknownFunction() != null ? o.unknownFunction() : o.notInstantCall();
        if (slow != null) {
            j.longRunning = true;
            j.slowCall = slow;
        }
        if (o.unknownFunction() == null && o.setval() != Query.Setval.OTHER && j.lock != null) {
            j.longRunning = true; // a query over an existing table runs as long as the table is big
        }
    }

    /** Adds what a data-modifying WITH query did to the statement around it. */
    private static void merge(Judgement into, Judgement sub) {
        into.tables.addAll(sub.tables);
        if (sub.lock != null) {
            into.lock = sub.lock.max(into.lock);
        }
        sub.locks.forEach((k, v) -> into.locks.merge(k, v, LockMode::max));
        into.longRunning |= sub.longRunning;
        into.scan |= sub.scan;
        into.findings.addAll(sub.findings);
    }
}
