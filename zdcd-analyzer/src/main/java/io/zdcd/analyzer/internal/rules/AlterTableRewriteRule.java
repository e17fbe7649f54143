package io.zdcd.analyzer.internal.rules;

import io.zdcd.analyzer.internal.Judgement;
import io.zdcd.analyzer.internal.Rule;
import io.zdcd.analyzer.internal.Rules;
import io.zdcd.analyzer.internal.model.AlterRelation;
import io.zdcd.analyzer.internal.model.Op;
import io.zdcd.classify.Verdict;

/** alter-table-rewrite: a relation rewritten under AccessExclusiveLock. */
final class AlterTableRewriteRule implements ZdcdRule {
    @Override
    public Rule meta() {
        return Rules.TABLE_REWRITE;
    }

    @Override
    public void check(Op op, Judgement j) {
        if (op instanceof AlterRelation o && o.action() == AlterRelation.Action.SET_TABLESPACE) {
            j.finding(meta(), o.isNew() ? Verdict.SAFE : Verdict.UNSAFE, "moves the materialized view: rewritten "
                    + "under AccessExclusiveLock");
        }
    }
}
