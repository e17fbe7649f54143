package io.zdcd.analyzer.internal.rules;

import io.zdcd.analyzer.internal.Judgement;
import io.zdcd.analyzer.internal.Rules;
import io.zdcd.analyzer.internal.model.ColumnSettings;
import io.zdcd.classify.Verdict;

/** alter-column-settings: planner and storage settings of a column; no rewrite. */
final class AlterColumnSettingsRule extends OpRule<ColumnSettings> {
    AlterColumnSettingsRule() {
        super(Rules.COLUMN_SETTINGS, ColumnSettings.class);
    }

    @Override
    void judge(ColumnSettings op, Judgement j) {
        String shown = op.table().display() + "." + op.column();
        if (!op.storage()) {
            j.finding(meta(), Verdict.SAFE, "changes planner settings of " + shown + ": ShareUpdateExclusiveLock, no "
                    + "rewrite");
        } else if (!op.compression() || j.ctx.version.atLeast(14)) {
            j.finding(meta(), Verdict.SAFE, "changes how new values of " + shown + " are stored: a brief "
                    + "AccessExclusiveLock, existing values are not rewritten");
        }
    }
}
