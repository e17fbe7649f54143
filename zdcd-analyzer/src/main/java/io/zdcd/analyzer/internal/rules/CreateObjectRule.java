package io.zdcd.analyzer.internal.rules;

import io.zdcd.analyzer.internal.Judgement;
import io.zdcd.analyzer.internal.Rule;
import io.zdcd.analyzer.internal.Rules;
import io.zdcd.analyzer.internal.model.AlterDomain;
import io.zdcd.analyzer.internal.model.AlterObject;
import io.zdcd.analyzer.internal.model.CreateObject;
import io.zdcd.analyzer.internal.model.CreateStatistics;
import io.zdcd.analyzer.internal.model.CreateView;
import io.zdcd.analyzer.internal.model.Op;
import io.zdcd.analyzer.internal.model.SessionCommand;
import io.zdcd.classify.Verdict;
import java.util.Locale;

/** create-object: new objects (and their settings) leave the old code unaffected; no lock that blocks traffic. */
final class CreateObjectRule extends ZdcdRule {
    @Override
    public Rule meta() {
        return Rules.CREATE_OBJECT;
    }

    @Override
    public void check(Op op, Judgement j) {
        if (op instanceof CreateView o) {
            j.finding(meta(), Verdict.SAFE, o.replaces() ? "replaces view " + o.name().display() + ": a brief "
                    + "AccessExclusiveLock on the view; old code reading it gets the new definition (columns can only "
                    + "be added at the end)" : "creates view " + o.name().display() + ": takes no lock that blocks "
                    + "traffic");
        } else if (op instanceof CreateStatistics) {
            j.finding(meta(), Verdict.SAFE, "creates extended statistics: ShareUpdateExclusiveLock, no scan until "
                    + "ANALYZE");
        } else if (op instanceof CreateObject o) {
            String what = o.what().toLowerCase(Locale.ROOT);
            if ((o.what().equals("FUNCTION") || o.what().equals("PROCEDURE")) && o.orReplace()) {
                j.finding(meta(), Verdict.SAFE, "creates or replaces a " + what + ": takes no table lock; a replaced "
                        + "body changes what callers (and triggers) of the old code get");
            } else {
                j.finding(meta(), Verdict.SAFE, "creates a new " + what + ": takes no lock on existing tables");
            }
        } else if (op instanceof SessionCommand o && o.command().equals("IMPORT")) {
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
