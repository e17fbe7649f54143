package io.zdcd.analyzer.internal.rules;

import io.zdcd.analyzer.internal.Judgement;
import io.zdcd.analyzer.internal.Rule;
import io.zdcd.analyzer.internal.Rules;
import io.zdcd.analyzer.internal.model.AlterRoleOrDatabase;
import io.zdcd.analyzer.internal.model.Op;
import io.zdcd.analyzer.internal.model.Reset;
import io.zdcd.analyzer.internal.model.SessionCommand;
import io.zdcd.analyzer.internal.model.SetOther;
import io.zdcd.analyzer.internal.model.Setting;
import io.zdcd.classify.Verdict;
import java.util.Set;

/** session-setting: SET, RESET and session-level commands take no lock. */
final class SessionSettingRule extends ZdcdRule {
    /** Session commands judged by other rules. */
    private static final Set<String> OTHERS = Set.of("SECURITY", "REASSIGN", "IMPORT");

    @Override
    public Rule meta() {
        return Rules.SET;
    }

    @Override
    public void check(Op op, Judgement j) {
        if (op instanceof Setting o) {
            setting(o, j);
        } else if (op instanceof SetOther o) {
            j.finding(meta(), Verdict.SAFE, o.constraints() ? "changes when deferred constraints are checked in this "
                    + "transaction; takes no lock" : "session setting; takes no lock");
        } else if (op instanceof Reset) {
            j.finding(meta(), Verdict.SAFE, "resets a setting; takes no lock");
        } else if (op instanceof SessionCommand o && !OTHERS.contains(o.command())) {
            j.finding(meta(), Verdict.SAFE, o.command() + ": session-level, takes no table lock");
        } else if (op instanceof AlterRoleOrDatabase o && o.what().equals("SYSTEM") && !o.rename()
                && !j.ctx.inTransaction) {
            j.finding(meta(), Verdict.SAFE, "changes server settings (postgresql.auto.conf) for future sessions (not "
                    + "this one: a lock_timeout set here does not apply to this migration)");
        }
    }

    private void setting(Setting o, Judgement j) {
        switch (o.name()) {
            case "lock_timeout" -> j.finding(meta(), Verdict.SAFE, o.lockTimeoutOn() ? "sets lock_timeout: "
                    + "statements that wait longer for a lock fail instead of queueing traffic behind them"
                    : "turns lock_timeout off");
            case "timezone" -> j.finding(meta(), Verdict.SAFE, "sets the session time zone; takes no lock");
            case "transaction_timeout" -> {
                if (j.ctx.version.atLeast(17)) {
                    j.finding(meta(), Verdict.SAFE, "sets transaction_timeout; takes no lock");
                }
            }
            case "search_path" -> j.finding(meta(), Verdict.SAFE, "sets search_path; takes no lock"
                    + (j.ctx.searchPathElsewhere ? " (unqualified tables created from here are not public's: zdcd "
                    + "judges statements on those names as on the existing tables)" : ""));
            default -> j.finding(meta(), Verdict.SAFE, "sets " + o.name() + "; takes no lock");
        }
    }
}
