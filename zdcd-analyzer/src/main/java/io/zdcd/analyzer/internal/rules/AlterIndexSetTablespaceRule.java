package io.zdcd.analyzer.internal.rules;

import io.zdcd.analyzer.internal.Judgement;
import io.zdcd.analyzer.internal.Rules;
import io.zdcd.analyzer.internal.model.AlterIndex;
import io.zdcd.classify.Verdict;

/** alter-index-set-tablespace: the index is copied under AccessExclusiveLock. */
final class AlterIndexSetTablespaceRule extends OpRule<AlterIndex> {
    AlterIndexSetTablespaceRule() {
        super(Rules.ALTER_INDEX_TABLESPACE, AlterIndex.class);
    }

    @Override
    void judge(AlterIndex op, Judgement j) {
        if (op.action() == AlterIndex.Action.ALL_IN_TABLESPACE) {
            j.finding(meta(), Verdict.UNSAFE, "moves every index of a tablespace");
        } else if (op.action() == AlterIndex.Action.SET_TABLESPACE) {
            j.finding(meta(), op.isNew() ? Verdict.SAFE : Verdict.UNSAFE, "moves the index to another tablespace: "
                    + "it is copied under AccessExclusiveLock");
        }
    }
}
