package io.zdcd.analyzer.internal.rules;

import static io.zdcd.analyzer.internal.SqlText.quote;

import io.zdcd.analyzer.internal.Judgement;
import io.zdcd.analyzer.internal.Rules;
import io.zdcd.analyzer.internal.model.AlterColumnType;
import io.zdcd.classify.Verdict;

/** alter-column-type: a type change rewrites the table, or rebuilds its indexes or re-checks a CHECK, under the lock. */
final class AlterColumnTypeRule extends OpRule<AlterColumnType> {
    AlterColumnTypeRule() {
        super(Rules.ALTER_TYPE, AlterColumnType.class);
    }

    @Override
    void judge(AlterColumnType op, Judgement j) {
        if (op.isNew()) {
            j.finding(meta(), Verdict.SAFE, "changes a column type on a table created in this migration");
            return;
        }
        String tn = op.table().display();
        String col = op.column();
        String shown = op.shown();
        boolean indexed = op.rebuildsIndexes() && op.mayBeIndexed();
        String change = op.collate() ? "a collation change" : op.oldType() + " -> " + op.newType()
                + " (a different operator class)";
        if (op.binary() && op.check() != null) {
            String check = quote(op.check());
            j.longRunning = true;
            j.finding(meta(), Verdict.UNSAFE, "changes " + shown + " from " + op.oldType() + " to " + op.newType()
                    + " without a rewrite, but CHECK constraint " + op.check() + " on it is verified again with a full "
                    + "scan under AccessExclusiveLock" + (indexed ? "; " + change + " also rebuilds its indexes" : ""),
                    "ALTER TABLE " + tn + " DROP CONSTRAINT " + check + ";\nALTER TABLE " + tn + " ALTER COLUMN "
                            + quote(col) + " TYPE " + op.written() + ";\nALTER TABLE " + tn + " ADD CONSTRAINT "
                            + check + " CHECK (...) NOT VALID;\n-- then, in its own transaction:\nALTER TABLE " + tn
                            + " VALIDATE CONSTRAINT " + check + ";");
        } else if (op.binary() && indexed) {
            j.longRunning = true;
            j.finding(meta(), Verdict.UNSAFE, "changes the type of " + shown + " to " + op.newType()
                    + (op.collate() ? " with a new collation" : "") + " under AccessExclusiveLock (reads and writes "
                    + "blocked): the table is not rewritten, but " + change + " rebuilds its indexes (the known "
                    + "schema has an index that may cover " + col + ")",
                    "drop the indexes on " + col + " (DROP INDEX CONCURRENTLY), change the type (a brief lock), then "
                            + "rebuild them with CREATE INDEX CONCURRENTLY; or ALTER TABLE " + tn + " ADD COLUMN "
                            + quote(col + "_new") + " " + op.written() + (op.collate() ? " " + op.collateText() : "")
                            + ";\n-- write both columns from the code (or a trigger), backfill " + col + "_new in "
                            + "batches, index it concurrently, switch reads, then drop " + col + " in a later "
                            + "migration");
        } else if (!op.binary()) {
            j.longRunning = true;
            j.finding(meta(), Verdict.UNSAFE, "changes the type of " + shown + " to " + op.newType() + " under "
                    + "AccessExclusiveLock (reads and writes blocked): " + why(op),
                    "ALTER TABLE " + tn + " ADD COLUMN " + quote(col + "_new") + " " + op.written() + ";\n-- write "
                            + "both columns from the code (or a trigger), backfill " + col + "_new in batches, switch "
                            + "reads, then drop " + col + " in a later migration" + (op.oldType() == null ? "\n(if "
                            + col + " is varchar(n) and the new type is varchar(m >= n) or text, this is safe: tell "
                            + "zdcd the schema)" : ""));
        }
    }

    private static String why(AlterColumnType op) {
        if (op.oldType() == null) {
            return "zdcd does not know the current type of " + op.shown() + " (give the schema with --schema, or "
                    + "classify the migration that created it first), so it assumes a rewrite";
        }
        if (!op.trivialUsing()) {
            return "the USING expression computes every value again: a full rewrite";
        }
        boolean narrowing = op.oldType().startsWith("varchar(") && op.newType().startsWith("varchar(");
        return op.oldType() + " -> " + op.newType() + " is not binary-coercible: PostgreSQL rewrites the table and "
                + "rebuilds its indexes" + (narrowing ? " (narrowing also fails if longer values exist)" : "");
    }
}
