package io.zdcd.analyzer.internal.rules;

import io.zdcd.analyzer.internal.Judgement;
import io.zdcd.analyzer.internal.Rules;
import io.zdcd.analyzer.internal.model.TableSettings;
import io.zdcd.classify.Verdict;

/** alter-table-settings: storage parameters, CLUSTER ON, REPLICA IDENTITY: catalog only, no rewrite. */
final class AlterTableSettingsRule extends OpRule<TableSettings> {
    AlterTableSettingsRule() {
        super(Rules.TABLE_SETTINGS, TableSettings.class);
    }

    @Override
    void judge(TableSettings op, Judgement j) {
        j.finding(meta(), Verdict.SAFE, switch (op.setting()) {
            case PARAMETERS -> "changes storage parameters: " + (op.lightLock() ? "ShareUpdateExclusiveLock"
                    : "a brief AccessExclusiveLock") + ", no rewrite (new settings apply to future writes)";
            case RESET -> "resets storage parameters: ShareUpdateExclusiveLock, no rewrite";
            case WITHOUT -> "SET WITHOUT " + op.word() + ": catalog only";
            case CLUSTER_ON -> "marks the index to CLUSTER on; no rewrite now";
            case REPLICA_IDENTITY -> "changes the replica identity: a brief AccessExclusiveLock, no rewrite";
        });
    }
}
