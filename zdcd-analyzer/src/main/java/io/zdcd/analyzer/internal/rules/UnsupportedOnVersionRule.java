package io.zdcd.analyzer.internal.rules;

import io.zdcd.analyzer.SqlStatement;
import io.zdcd.analyzer.internal.Judgement;
import io.zdcd.analyzer.internal.MigrationRun;
import io.zdcd.analyzer.internal.PgVersion;
import io.zdcd.analyzer.internal.Rule;
import io.zdcd.analyzer.internal.Rules;
import io.zdcd.analyzer.internal.model.Merge;
import io.zdcd.analyzer.internal.model.Op;
import io.zdcd.analyzer.internal.model.Reindex;
import io.zdcd.analyzer.internal.model.Setting;
import io.zdcd.classify.Verdict;

/** unsupported-on-version: syntax the target PostgreSQL version does not have fails. */
final class UnsupportedOnVersionRule implements ZdcdRule, MigrationCheck {
    private static final java.util.regex.Pattern NULLS_NOT_DISTINCT = java.util.regex.Pattern.compile(
            "\\bNULLS\\s+NOT\\s+DISTINCT\\b", java.util.regex.Pattern.CASE_INSENSITIVE);

    /** NULLS NOT DISTINCT anywhere in the statement's text (CREATE INDEX, UNIQUE constraints). */
    @Override
    public void afterStatement(MigrationRun run, SqlStatement st, Judgement j) {
        PgVersion v = run.ctx.version;
        if (!v.atLeast(15) && NULLS_NOT_DISTINCT.matcher(st.text()).find()) {
            j.finding(meta(), Verdict.UNSAFE, "NULLS NOT DISTINCT needs PostgreSQL 15+; the target is " + v + ": the "
                    + "statement fails");
        }
    }

    @Override
    public Rule meta() {
        return Rules.UNSUPPORTED_VERSION;
    }

    @Override
    public void check(Op op, Judgement j) {
        PgVersion v = j.ctx.version;
        if (op instanceof Reindex o && o.concurrently() && !v.atLeast(12)) {
            j.finding(meta(), Verdict.UNSAFE, "REINDEX CONCURRENTLY needs PostgreSQL 12+; the target is " + v);
        } else if (op instanceof Merge && !v.atLeast(15)) {
            j.finding(meta(), Verdict.UNSAFE, "MERGE needs PostgreSQL 15+; the target is " + v + ": the statement "
                    + "fails");
        } else if (op instanceof Setting o && o.name().equals("transaction_timeout") && !v.atLeast(17)) {
            j.finding(meta(), Verdict.UNSAFE, "transaction_timeout needs PostgreSQL 17+; the target is " + v + ": the "
                    + "statement fails (unrecognized configuration parameter)");
        }
    }
}
