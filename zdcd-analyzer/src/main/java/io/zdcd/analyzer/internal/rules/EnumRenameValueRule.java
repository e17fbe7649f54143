package io.zdcd.analyzer.internal.rules;

import io.zdcd.analyzer.internal.Judgement;
import io.zdcd.analyzer.internal.Rules;
import io.zdcd.analyzer.internal.model.AlterType;
import io.zdcd.classify.Verdict;

/** enum-rename-value: old code writing or comparing the old label fails. */
final class EnumRenameValueRule extends OpRule<AlterType> {
    EnumRenameValueRule() {
        super(Rules.ENUM_RENAME_VALUE, AlterType.class);
    }

    @Override
    void judge(AlterType op, Judgement j) {
        if (op.action() == AlterType.Action.RENAME_VALUE) {
            j.breaksOldCode = !op.isNew();
            j.finding(meta(), op.isNew() ? Verdict.SAFE : Verdict.UNSAFE, "renames an enum label: old code writing "
                    + "or comparing the old label fails");
        }
    }
}
