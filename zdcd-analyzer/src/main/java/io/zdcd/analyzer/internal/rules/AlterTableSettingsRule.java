package io.zdcd.analyzer.internal.rules;

import io.zdcd.analyzer.internal.Judgement;
import io.zdcd.analyzer.internal.Rule;
import io.zdcd.analyzer.internal.Rules;
import io.zdcd.analyzer.internal.model.AlterRelation;
import io.zdcd.analyzer.internal.model.Op;
import io.zdcd.analyzer.internal.model.TableSettings;
import io.zdcd.classify.Verdict;
import java.util.Locale;

/**
 * alter-table-settings: settings of a relation change with a brief lock and no rewrite (storage parameters, CLUSTER
 * ON, REPLICA IDENTITY of a table; settings of a view, materialized view, index or sequence).
 */
final class AlterTableSettingsRule extends ZdcdRule {
    @Override
    public Rule meta() {
        return Rules.TABLE_SETTINGS;
    }

    /** The message of ALTER SEQUENCE when it is SAFE. */
    static String altersSequence(AlterRelation o) {
        return "alters the " + (o.isNew() ? "sequence created in this migration" : "sequence") + ": a brief lock on "
                + "it (nextval() waits an instant)";
    }

    @Override
    public void check(Op op, Judgement j) {
        if (op instanceof AlterRelation o && o.action() == AlterRelation.Action.SEQUENCE_OPTIONS && !o.resets()) {
            j.finding(meta(), Verdict.SAFE, altersSequence(o));
        } else if (op instanceof AlterRelation o && o.action() == AlterRelation.Action.SETTINGS) {
            j.finding(meta(), Verdict.SAFE, "changes " + o.what().toLowerCase(Locale.ROOT) + " settings or owner: a "
                    + "brief AccessExclusiveLock");
        } else if (op instanceof TableSettings o) {
            j.finding(meta(), Verdict.SAFE, tableSettings(o));
        }
    }

    private static String tableSettings(TableSettings op) {
        return switch (op.setting()) {
            case PARAMETERS -> "changes storage parameters: " + (op.lightLock() ? "ShareUpdateExclusiveLock"
                    : "a brief AccessExclusiveLock") + ", no rewrite (new settings apply to future writes)";
            case RESET -> "resets storage parameters: ShareUpdateExclusiveLock, no rewrite";
            case WITHOUT -> "SET WITHOUT " + op.word() + ": catalog only";
            case CLUSTER_ON -> "marks the index to CLUSTER on; no rewrite now";
            case REPLICA_IDENTITY -> "changes the replica identity: a brief AccessExclusiveLock, no rewrite";
        };
    }
}
