package io.zdcd.analyzer.internal.rules;

import io.zdcd.analyzer.internal.Judgement;
import io.zdcd.analyzer.internal.Rules;
import io.zdcd.analyzer.internal.model.AlterColumnType;
import io.zdcd.classify.Verdict;

/** alter-column-type-no-rewrite: a binary-coercible type change rewrites nothing and rebuilds no index. */
final class AlterColumnTypeNoRewriteRule extends OpRule<AlterColumnType> {
    AlterColumnTypeNoRewriteRule() {
        super(Rules.ALTER_TYPE_SAFE, AlterColumnType.class);
    }

    @Override
    void judge(AlterColumnType op, Judgement j) {
        if (op.isNew() || !op.binary() || op.check() != null || op.rebuildsIndexes() && op.mayBeIndexed()) {
            return;
        }
        String from = op.shown() + " from " + op.oldType() + " to " + op.newType();
        if (!op.rebuildsIndexes()) {
            j.finding(meta(), Verdict.SAFE, "changes " + from + ": binary-coercible, so no rewrite and no index "
                    + "rebuild; a brief AccessExclusiveLock");
            return;
        }
        String change = op.collate() ? "a collation change" : op.oldType() + " -> " + op.newType()
                + " (a different operator class)";
        j.finding(meta(), Verdict.SAFE, "changes " + from + (op.collate() ? " with a new collation" : "")
                + ": binary-coercible, so no rewrite; " + change + " rebuilds the column's indexes, and the known "
                + "schema has none on " + op.column() + "; a brief AccessExclusiveLock");
    }
}
