package io.zdcd.analyzer.internal.rules;

import io.zdcd.analyzer.internal.Judgement;
import io.zdcd.analyzer.internal.Rule;
import io.zdcd.analyzer.internal.Rules;
import io.zdcd.analyzer.internal.model.AlterRoleOrDatabase;
import io.zdcd.analyzer.internal.model.Op;
import io.zdcd.analyzer.internal.model.SessionCommand;
import io.zdcd.classify.Verdict;
import java.util.Set;

/** session-setting: SET, RESET and session-level commands take no lock. */
final class SessionSettingRule implements ZdcdRule {
    /** Session commands judged by other rules. */
    private static final Set<String> OTHERS = Set.of("SECURITY", "REASSIGN", "IMPORT");

    @Override
    public Rule meta() {
        return Rules.SET;
    }

    @Override
    public void check(Op op, Judgement j) {
        if (op instanceof SessionCommand o && !OTHERS.contains(o.command())) {
            j.finding(meta(), Verdict.SAFE, o.command() + ": session-level, takes no table lock");
        } else if (op instanceof AlterRoleOrDatabase o && o.what().equals("SYSTEM") && !o.rename()
                && !j.ctx.inTransaction) {
            j.finding(meta(), Verdict.SAFE, "changes server settings (postgresql.auto.conf) for future sessions (not "
                    + "this one: a lock_timeout set here does not apply to this migration)");
        }
    }
}
