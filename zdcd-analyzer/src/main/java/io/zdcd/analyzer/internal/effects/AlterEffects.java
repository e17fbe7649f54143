package io.zdcd.analyzer.internal.effects;

import static io.zdcd.classify.LockMode.ACCESS_EXCLUSIVE;
import static io.zdcd.classify.LockMode.SHARE;
import static io.zdcd.classify.LockMode.SHARE_ROW_EXCLUSIVE;
import static io.zdcd.classify.LockMode.SHARE_UPDATE_EXCLUSIVE;

import io.zdcd.analyzer.internal.Context;
import io.zdcd.analyzer.internal.Judgement;
import io.zdcd.analyzer.internal.Name;
import io.zdcd.analyzer.internal.Schema;
import io.zdcd.analyzer.internal.model.AlterDomain;
import io.zdcd.analyzer.internal.model.AlterIndex;
import io.zdcd.analyzer.internal.model.AlterPolicy;
import io.zdcd.analyzer.internal.model.AlterRelation;
import io.zdcd.analyzer.internal.model.AlterTrigger;
import io.zdcd.analyzer.internal.model.AlterType;
import io.zdcd.analyzer.internal.model.Op;

/** ALTER of everything but tables. */
final class AlterEffects {
    private AlterEffects() {
    }

    static boolean apply(Op op, Judgement j) {
        if (op instanceof AlterIndex o) {
            alterIndex(o, j);
        } else if (op instanceof AlterType o) {
            Context ctx = j.ctx;
            boolean runs = ctx.version.atLeast(12) || !ctx.inTransaction;
            if (o.action() == AlterType.Action.ADD_VALUE && runs && !o.isNew() && o.label() != null
                    && (ctx.inTransaction || ctx.implicitTransactions)) {
                ctx.enumLabelsAddedInTx.add(o.label()); // usable only after COMMIT
            }
        } else if (op instanceof AlterDomain o) {
            boolean scans = o.action() == AlterDomain.Action.ADD_CONSTRAINT && !o.isNew() && !o.notValid()
                    || o.action() == AlterDomain.Action.VALIDATE && !o.isNew();
            if (scans) {
                j.scan = true;
                j.longRunning = true;
            }
            if ((scans || o.action() == AlterDomain.Action.VALIDATE) && o.users() != null) {
                // PostgreSQL scans every table with a column of the domain to check its constraint
                o.users().forEach(u -> j.lock(new Name(u, u, 0), SHARE));
            }
        } else if (op instanceof AlterRelation o) {
            if (o.action() == AlterRelation.Action.SEQUENCE_OPTIONS) {
                j.lock(o.name(), o.ownedBy() ? ACCESS_EXCLUSIVE : SHARE_ROW_EXCLUSIVE);
            } else {
                j.lock(o.name(), ACCESS_EXCLUSIVE);
            }
            if (o.action() == AlterRelation.Action.SET_TABLESPACE) {
                j.rewrite = !o.isNew();
            }
        } else if (op instanceof AlterPolicy o) {
            j.lock(o.table(), ACCESS_EXCLUSIVE);
        } else if (op instanceof AlterTrigger o) {
            j.lock(o.table(), ACCESS_EXCLUSIVE);
        } else {
            return false;
        }
        return true;
    }

    private static void alterIndex(AlterIndex o, Judgement j) {
        Name idx = o.index();
        switch (o.action()) {
            case RENAME -> {
                j.lock(idx, j.ctx.version.atLeast(12) ? SHARE_UPDATE_EXCLUSIVE : ACCESS_EXCLUSIVE);
                Schema.Index known = j.ctx.schema.removeIndex(idx.last());
                if (known != null) {
                    j.ctx.schema.putIndex(o.newName(), known);
                }
                if (o.isNew()) {
                    j.ctx.createdHere.add(o.newName());
                }
            }
            case SET_TABLESPACE -> {
                j.lock(idx, ACCESS_EXCLUSIVE);
                if (!o.isNew()) {
                    j.rewrite = true;
                    j.longRunning = true;
                }
            }
            case ATTACH_PARTITION, SETTINGS -> j.lock(idx, SHARE_UPDATE_EXCLUSIVE);
            case ALL_IN_TABLESPACE -> {
            }
        }
    }
}
