package io.zdcd.analyzer.internal.rules;

import io.zdcd.analyzer.internal.Judgement;
import io.zdcd.analyzer.internal.Rule;
import io.zdcd.analyzer.internal.Rules;
import io.zdcd.analyzer.internal.model.AlterRelation;
import io.zdcd.analyzer.internal.model.Op;
import io.zdcd.classify.Verdict;
import java.util.Locale;

/** alter-table-settings: settings of a relation change with a brief lock and no rewrite. */
final class AlterTableSettingsRule implements ZdcdRule {
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
        }
    }
}
