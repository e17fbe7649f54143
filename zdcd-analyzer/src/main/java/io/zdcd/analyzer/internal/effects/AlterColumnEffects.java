package io.zdcd.analyzer.internal.effects;

import static io.zdcd.classify.LockMode.ACCESS_EXCLUSIVE;
import static io.zdcd.classify.LockMode.SHARE_ROW_EXCLUSIVE;
import static io.zdcd.classify.LockMode.SHARE_UPDATE_EXCLUSIVE;

import io.zdcd.analyzer.internal.Judgement;
import io.zdcd.analyzer.internal.Name;
import io.zdcd.analyzer.internal.Schema;
import io.zdcd.analyzer.internal.model.AddIdentity;
import io.zdcd.analyzer.internal.model.AlterColumnType;
import io.zdcd.analyzer.internal.model.ColumnSettings;
import io.zdcd.analyzer.internal.model.DropDefault;
import io.zdcd.analyzer.internal.model.DropIdentity;
import io.zdcd.analyzer.internal.model.DropNotNull;
import io.zdcd.analyzer.internal.model.IdentityOptions;
import io.zdcd.analyzer.internal.model.Op;
import io.zdcd.analyzer.internal.model.SetDefault;
import io.zdcd.analyzer.internal.model.SetExpression;
import io.zdcd.analyzer.internal.model.SetNotNull;

/** ALTER TABLE ... ALTER COLUMN: the known column changes; the locks; rewrite and scan. */
final class AlterColumnEffects {
    private AlterColumnEffects() {
    }

    static boolean apply(Op op, Judgement j) {
        if (op instanceof SetNotNull o) {
            j.lock(o.table(), ACCESS_EXCLUSIVE);
            Schema.Column known = known(j, o.table(), o.column());
            if (known != null) {
                known.notNull = true;
            }
            j.scan |= !o.isNew() && !o.already() && !o.proven();
        } else if (op instanceof DropNotNull o) {
            j.lock(o.table(), ACCESS_EXCLUSIVE);
            Schema.Column known = known(j, o.table(), o.column());
            if (known != null) {
                known.notNull = false;
            }
        } else if (op instanceof SetDefault o) {
            j.lock(o.table(), ACCESS_EXCLUSIVE);
            Schema.Column known = known(j, o.table(), o.column());
            if (known != null) {
                known.hasDefault = true;
            }
            j.ctx.addedWithoutDefault.remove(o.table().key() + "." + o.column()); // old INSERTs now get the default
        } else if (op instanceof DropDefault o) {
            j.lock(o.table(), ACCESS_EXCLUSIVE);
            Schema.Column known = known(j, o.table(), o.column());
            if (known != null) {
                known.hasDefault = false;
            }
        } else if (op instanceof AddIdentity o) {
            j.lock(o.table(), ACCESS_EXCLUSIVE);
            Schema.Column known = known(j, o.table(), o.column());
            if (known != null) {
                known.ownsSequence = true;
            }
            j.ctx.createdHere.add(Schema.sequenceOf(o.table(), o.column()).key());
        } else if (op instanceof DropIdentity o) {
            j.lock(o.table(), ACCESS_EXCLUSIVE);
            Schema.Column known = known(j, o.table(), o.column());
            if (!o.expression() && known != null) {
                known.ownsSequence = false; // traced: its sequence is dropped without a lock on it
            }
        } else if (op instanceof SetExpression o) {
            j.lock(o.table(), ACCESS_EXCLUSIVE);
            j.rewrite |= j.ctx.version.atLeast(17) && !o.isNew();
        } else if (op instanceof ColumnSettings o) {
            j.lock(o.table(), o.storage() ? ACCESS_EXCLUSIVE : SHARE_UPDATE_EXCLUSIVE);
        } else if (op instanceof IdentityOptions o) {
            j.lock(o.table(), ACCESS_EXCLUSIVE);
            j.lock(Schema.sequenceOf(o.table(), o.column()), SHARE_ROW_EXCLUSIVE); // traced: the identity's sequence
        } else if (op instanceof AlterColumnType o) {
            alterType(o, j);
        } else {
            return false;
        }
        return true;
    }

    private static Schema.Column known(Judgement j, Name table, String column) {
        return j.ctx.schema.column(table.key(), column);
    }

    private static void alterType(AlterColumnType o, Judgement j) {
        j.lock(o.table(), ACCESS_EXCLUSIVE);
        if (o.mayBeIndexed()) {
            // traced: the foreign keys that reference the column are rebuilt, under AccessExclusiveLock on their tables
            j.ctx.schema.referencingTables(o.table().key(), o.column()).forEach(r -> j.lock(r, ACCESS_EXCLUSIVE));
        }
        Schema.Column known = known(j, o.table(), o.column());
        if (known != null) {
            known.type = o.newType();
        }
        if (o.isNew()) {
            return;
        }
        if (!o.binary()) {
            j.rewrite = true;
        } else if (o.check() != null || o.rebuildsIndexes() && o.mayBeIndexed()) {
            j.scan = true;
        }
    }
}
