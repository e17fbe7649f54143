package io.zdcd.analyzer.internal.rules;

import io.zdcd.analyzer.internal.Judgement;
import io.zdcd.analyzer.internal.Rule;
import io.zdcd.analyzer.internal.Rules;
import io.zdcd.analyzer.internal.model.AlterObject;
import io.zdcd.analyzer.internal.model.AlterType;
import io.zdcd.analyzer.internal.model.Op;
import io.zdcd.analyzer.internal.model.Privileges;
import io.zdcd.analyzer.internal.model.SessionCommand;
import io.zdcd.classify.Verdict;

/** privileges: GRANT, SECURITY LABEL, REASSIGN OWNED take no lock that blocks reads or writes. */
final class PrivilegesRule extends ZdcdRule {
    @Override
    public Rule meta() {
        return Rules.PRIVILEGES;
    }

    @Override
    public void check(Op op, Judgement j) {
        if (op instanceof Privileges o && o.grant()) {
            boolean locks = j.ctx.version.atLeast(18)
                    && o.tables().stream().anyMatch(n -> j.ctx.existedBefore(n.key()));
            j.finding(meta(), Verdict.SAFE, "grants privileges: " + (locks ? "AccessShareLock on the table "
                    + "(PostgreSQL 18+), which blocks no read or write" : "no table lock"));
        } else if (op instanceof SessionCommand o && o.command().equals("SECURITY")) {
            j.finding(meta(), Verdict.SAFE, "sets a security label: no table lock");
        } else if (op instanceof SessionCommand o && o.command().equals("REASSIGN")) {
            j.finding(meta(), Verdict.SAFE, "reassigns ownership");
        } else if (op instanceof AlterType o && o.action() == AlterType.Action.OWNER) {
            j.finding(meta(), Verdict.SAFE, "changes the type's owner");
        } else if (op instanceof AlterObject o && o.what().equals("DEFAULT PRIVILEGES")) {
            j.finding(meta(), Verdict.SAFE, "changes privileges of future objects; takes no lock");
        } else if (op instanceof AlterObject o && o.action() == AlterObject.Action.OWNER) {
            j.finding(meta(), Verdict.SAFE, "changes an owner; takes no table lock");
        }
    }
}
