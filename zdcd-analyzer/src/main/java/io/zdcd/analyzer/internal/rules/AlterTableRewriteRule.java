package io.zdcd.analyzer.internal.rules;

import io.zdcd.analyzer.internal.Judgement;
import io.zdcd.analyzer.internal.Rule;
import io.zdcd.analyzer.internal.Rules;
import io.zdcd.analyzer.internal.model.AlterRelation;
import io.zdcd.analyzer.internal.model.MoveAllInTablespace;
import io.zdcd.analyzer.internal.model.Op;
import io.zdcd.analyzer.internal.model.RewriteTable;
import io.zdcd.classify.Verdict;

/**
 * alter-table-rewrite: a relation copied under AccessExclusiveLock (ALTER TABLE SET TABLESPACE / LOGGED / UNLOGGED /
 * ACCESS METHOD, ALTER MATERIALIZED VIEW SET TABLESPACE).
 */
final class AlterTableRewriteRule extends ZdcdRule {
    @Override
    public Rule meta() {
        return Rules.TABLE_REWRITE;
    }

    @Override
    public void check(Op op, Judgement j) {
        if (op instanceof AlterRelation o && o.action() == AlterRelation.Action.SET_TABLESPACE) {
            j.finding(meta(), o.isNew() ? Verdict.SAFE : Verdict.UNSAFE, "moves the materialized view: rewritten "
                    + "under AccessExclusiveLock");
        } else if (op instanceof MoveAllInTablespace) {
            j.finding(meta(), "moves every table of a tablespace: rewrites them all under AccessExclusiveLock");
        } else if (op instanceof RewriteTable o && !(o.accessMethod() && !j.ctx.version.atLeast(15))) {
            if (o.isNew()) {
                j.finding(meta(), Verdict.SAFE, o.what() + " on a table created in this migration");
            } else {
                j.longRunning = true;
                j.finding(meta(), Verdict.UNSAFE, o.what() + " rewrites " + o.table().display() + " under "
                        + "AccessExclusiveLock (reads and writes blocked for the whole copy)");
            }
        }
    }
}
