package io.zdcd.analyzer.internal.rules;

import io.zdcd.analyzer.SqlStatement;
import io.zdcd.analyzer.internal.Judgement;
import io.zdcd.analyzer.internal.MigrationRun;
import io.zdcd.analyzer.internal.PgVersion;
import io.zdcd.analyzer.internal.Rule;
import io.zdcd.analyzer.internal.Rules;
import io.zdcd.analyzer.internal.SqlText;
import io.zdcd.analyzer.internal.model.AddColumn;
import io.zdcd.analyzer.internal.model.AddNotNull;
import io.zdcd.analyzer.internal.model.ColumnSettings;
import io.zdcd.analyzer.internal.model.DetachPartition;
import io.zdcd.analyzer.internal.model.DropIdentity;
import io.zdcd.analyzer.internal.model.Merge;
import io.zdcd.analyzer.internal.model.Op;
import io.zdcd.analyzer.internal.model.Reindex;
import io.zdcd.analyzer.internal.model.RewriteTable;
import io.zdcd.analyzer.internal.model.SetExpression;
import io.zdcd.analyzer.internal.model.Setting;
import io.zdcd.classify.Verdict;

/** unsupported-on-version: syntax the target PostgreSQL version does not have fails. */
final class UnsupportedOnVersionRule extends ZdcdRule implements MigrationCheck {
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
        } else if (op instanceof AddColumn o && o.part() == AddColumn.Part.VALUE && !o.isNew()
                && o.column().generated()) {
            String written = o.column().generatedKind();
            if (!v.atLeast(12)) {
                j.finding(meta(), Verdict.UNSAFE, "generated columns need PostgreSQL 12+; the target is " + v);
            } else if (o.column().generatedKind(v).equals("VIRTUAL") && !v.atLeast(18)) {
                j.finding(meta(), Verdict.UNSAFE, "virtual generated columns need PostgreSQL 18+ ("
                        + (written.isEmpty() ? "write STORED before 18" : "the target is " + v) + ")");
            }
        } else if (op instanceof DropIdentity o && o.expression() && !v.atLeast(13)) {
            j.finding(meta(), Verdict.UNSAFE, "DROP EXPRESSION needs PostgreSQL 13+; the target is " + v);
        } else if (op instanceof AddNotNull o && !v.atLeast(18)) {
            j.finding(meta(), Verdict.UNSAFE, "named NOT NULL constraints need PostgreSQL 18+; the target is " + v,
                    SqlText.notNullRecipe(o.table(), o.column(), v));
        } else if (op instanceof RewriteTable o && o.accessMethod() && !v.atLeast(15)) {
            j.finding(meta(), Verdict.UNSAFE, "SET ACCESS METHOD needs PostgreSQL 15+; the target is " + v);
        } else if (op instanceof SetExpression && !v.atLeast(17)) {
            j.finding(meta(), Verdict.UNSAFE, "SET EXPRESSION needs PostgreSQL 17+; the target is " + v);
        } else if (op instanceof ColumnSettings o && o.compression() && !v.atLeast(14)) {
            j.finding(meta(), Verdict.UNSAFE, "SET COMPRESSION needs PostgreSQL 14+; the target is " + v);
        } else if (op instanceof DetachPartition o && o.unsupported(v)) {
            j.finding(meta(), Verdict.UNSAFE, "DETACH PARTITION ... CONCURRENTLY needs PostgreSQL 14+; the target is "
                    + v);
        }
    }
}
