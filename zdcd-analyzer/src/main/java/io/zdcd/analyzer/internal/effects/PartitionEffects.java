package io.zdcd.analyzer.internal.effects;

import static io.zdcd.classify.LockMode.ACCESS_EXCLUSIVE;
import static io.zdcd.classify.LockMode.SHARE_UPDATE_EXCLUSIVE;

import io.zdcd.analyzer.internal.Judgement;
import io.zdcd.analyzer.internal.Name;
import io.zdcd.analyzer.internal.PgVersion;
import io.zdcd.analyzer.internal.Schema;
import io.zdcd.analyzer.internal.model.AttachPartition;
import io.zdcd.analyzer.internal.model.DetachPartition;
import io.zdcd.analyzer.internal.model.Op;

/** ATTACH / DETACH PARTITION: the locks on the parent, the partition and the DEFAULT partition, and the scans. */
final class PartitionEffects {
    private PartitionEffects() {
    }

    static boolean apply(Op op, Judgement j) {
        if (op instanceof AttachPartition o) {
            if (o.part() == AttachPartition.Part.DEFAULT_SCAN) {
                attach(o, j);
            }
        } else if (op instanceof DetachPartition o) {
            detach(o, j);
        } else {
            return false;
        }
        return true;
    }

    private static void attach(AttachPartition o, Judgement j) {
        j.lock(o.parent(), j.ctx.version.atLeast(12) ? SHARE_UPDATE_EXCLUSIVE : ACCESS_EXCLUSIVE);
        j.lock(o.partition(), ACCESS_EXCLUSIVE);
        if (o.partition() != null) {
            Schema.Table pt = j.ctx.schema.tableOrCreate(o.partition().key());
            j.ctx.schema.partitionOf(pt, o.parent().key());
            pt.defaultPartition = o.attachDefault();
        }
        if (o.conflict()) {
            return; // PostgreSQL raises an error
        }
        if (o.scansDefault()) {
            j.lock(new Name(o.parentDefault(), o.parentDefault(), 0), ACCESS_EXCLUSIVE);
            j.scan |= !o.defaultNew();
        }
        j.scan |= !o.emptyPartition();
    }

    private static void detach(DetachPartition o, Judgement j) {
        PgVersion v = j.ctx.version;
        if (!o.detaches(v)) {
            j.lock(o.parent(), SHARE_UPDATE_EXCLUSIVE); // then PostgreSQL raises an error
            return;
        }
        j.lock(o.parent(), o.concurrently() || o.finish() ? SHARE_UPDATE_EXCLUSIVE : ACCESS_EXCLUSIVE);
        // traced: PostgreSQL 13 detaches under ShareUpdateExclusiveLock on the partition, 14+ AccessExclusiveLock
        j.lock(o.partition(), v.atLeast(14) ? ACCESS_EXCLUSIVE : SHARE_UPDATE_EXCLUSIVE);
        if (o.changesDefault()) {
            j.lock(new Name(o.parentDefault(), o.parentDefault(), 0), ACCESS_EXCLUSIVE); // its constraint changes
        }
        Schema.Table pt = o.partition() == null ? null : j.ctx.schema.table(o.partition().key());
        if (pt != null) { // no longer a partition
            pt.partitionOf = null;
            pt.defaultPartition = false;
        }
    }
}
