package io.zdcd.analyzer.internal.rules;

import io.zdcd.analyzer.internal.Judgement;
import io.zdcd.analyzer.internal.Rule;
import io.zdcd.analyzer.internal.Rules;
import io.zdcd.analyzer.internal.model.AlterDomain;
import io.zdcd.analyzer.internal.model.AlterObject;
import io.zdcd.analyzer.internal.model.Op;
import io.zdcd.analyzer.internal.model.SessionCommand;
import io.zdcd.classify.Verdict;
import java.util.Locale;

/** create-object: new objects (and their settings) leave the old code unaffected. */
final class CreateObjectRule implements ZdcdRule {
    @Override
    public Rule meta() {
        return Rules.CREATE_OBJECT;
    }

    @Override
    public void check(Op op, Judgement j) {
        if (op instanceof SessionCommand o && o.command().equals("IMPORT")) {
            j.finding(meta(), Verdict.SAFE, "imports foreign table definitions");
        } else if (op instanceof AlterDomain o && o.action() == AlterDomain.Action.OTHER) {
            j.finding(meta(), Verdict.SAFE, "changes a domain's default, owner or drops a constraint: no scan");
        } else if (op instanceof AlterObject o && o.what().equals("EXTENSION")) {
            j.finding(meta(), Verdict.SAFE, "alters an extension (its update script runs: review it)");
        } else if (op instanceof AlterObject o && o.action() == AlterObject.Action.SETTINGS
                && !o.what().equals("DEFAULT PRIVILEGES")) {
            j.finding(meta(), Verdict.SAFE, "alters a " + o.what().toLowerCase(Locale.ROOT) + " (settings, not its "
                    + "name); takes no table lock");
        }
    }
}
