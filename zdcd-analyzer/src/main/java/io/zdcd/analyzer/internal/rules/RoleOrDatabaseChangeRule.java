package io.zdcd.analyzer.internal.rules;

import io.zdcd.analyzer.internal.Judgement;
import io.zdcd.analyzer.internal.Rules;
import io.zdcd.analyzer.internal.model.AlterRoleOrDatabase;
import io.zdcd.classify.Verdict;
import java.util.Locale;

/** role-or-database-change: the running app's new connections get the change. */
final class RoleOrDatabaseChangeRule extends OpRule<AlterRoleOrDatabase> {
    RoleOrDatabaseChangeRule() {
        super(Rules.ROLE_OR_DATABASE, AlterRoleOrDatabase.class);
    }

    @Override
    void judge(AlterRoleOrDatabase op, Judgement j) {
        if (op.rename() || op.what().equals("SYSTEM")) {
            return;
        }
        j.breaksOldCode = true;
        j.finding(meta(), Verdict.UNSAFE, "changes a " + op.what().toLowerCase(Locale.ROOT) + ": the running app's new "
                + "connections get the change (NOLOGIN, a new PASSWORD, default_transaction_read_only, search_path, "
                + "timeouts...) and can fail");
    }
}
