package io.zdcd.analyzer.internal;

import static io.zdcd.classify.LockMode.ACCESS_EXCLUSIVE;

import io.zdcd.classify.Verdict;

/** ALTER COLUMN ... TYPE: a rewrite unless the change is binary-coercible, which needs the current type. */
final class ColumnTypeRules {
    private ColumnTypeRules() {
    }

    static String alterType(Tokens t, int p, int e, Name table, String col, boolean isNew, Judgement j) {
        j.lock(table, ACCESS_EXCLUSIVE);
        if (j.ctx.schema.mayBeIndexed(table.key(), col)) {
            // traced: the foreign keys that reference the column are rebuilt, under AccessExclusiveLock on their tables
            j.ctx.schema.referencingTables(table.key(), col).forEach(r -> j.lock(r, ACCESS_EXCLUSIVE));
        }
        int q = p;
        while (q < e && !t.is(q, "USING") && !t.is(q, "COLLATE")) {
            if (t.isOp(q, "(") || t.isOp(q, "[")) {
                q = t.closing(q);
            }
            q++;
        }
        String written = t.text(p, Math.min(q, e) - 1);
        String newType = ColumnTypes.normalise(written);
        boolean collate = t.is(q, "COLLATE");
        int using = t.find(p, "USING");
        boolean trivialUsing = using < 0 || using >= e || isTrivialUsing(t, using + 1, e, col, newType);
        Schema.Column known = j.ctx.schema.column(table.key(), col);
        String oldType = known == null ? null : known.type;
        if (known != null) {
            known.type = newType;
        }
        String shown = table.display() + "." + col;
        if (isNew) {
            j.finding(Rules.ALTER_TYPE, Verdict.SAFE, "changes a column type on a table created in this migration");
            return "ALTER COLUMN TYPE";
        }
        String check = j.ctx.schema.checkOn(table.key(), col);
        boolean binary = oldType != null && trivialUsing
                && ColumnTypes.noRewrite(oldType, newType, j.ctx.utcTimeZone);
        // a new collation, or citext <-> text: the table keeps its bytes, but the column's indexes are rebuilt
        boolean rebuildsIndexes = binary && (collate || ColumnTypes.changesComparison(oldType, newType));
        boolean indexed = rebuildsIndexes && j.ctx.schema.mayBeIndexed(table.key(), col);
        String change = collate ? "a collation change" : oldType + " -> " + newType + " (a different operator class)";
        if (binary && check != null) {
            j.scan = true;
            j.longRunning = true;
            j.finding(Rules.ALTER_TYPE, Verdict.UNSAFE, "changes " + shown + " from " + oldType + " to " + newType
                    + " without a rewrite, but CHECK constraint " + check + " on it is verified again with a full "
                    + "scan under AccessExclusiveLock" + (indexed ? "; " + change + " also rebuilds its indexes" : ""),
                    "ALTER TABLE " + table.display() + " DROP CONSTRAINT " + AlterTableRules.quote(check) + ";\n"
                            + "ALTER TABLE " + table.display() + " ALTER COLUMN " + AlterTableRules.quote(col)
                            + " TYPE " + written + ";\nALTER TABLE " + table.display() + " ADD CONSTRAINT "
                            + AlterTableRules.quote(check) + " CHECK (...) NOT VALID;\n-- then, in its own "
                            + "transaction:\nALTER TABLE " + table.display() + " VALIDATE CONSTRAINT "
                            + AlterTableRules.quote(check) + ";");
            return "ALTER COLUMN TYPE";
        }
        if (binary && !rebuildsIndexes) {
            j.finding(Rules.ALTER_TYPE_SAFE, Verdict.SAFE, "changes " + shown + " from " + oldType + " to " + newType
                    + ": binary-coercible, so no rewrite and no index rebuild; a brief AccessExclusiveLock");
            return "ALTER COLUMN TYPE";
        }
        if (binary && !indexed) {
            j.finding(Rules.ALTER_TYPE_SAFE, Verdict.SAFE, "changes " + shown + " from " + oldType + " to " + newType
                    + (collate ? " with a new collation" : "") + ": binary-coercible, so no rewrite; " + change
                    + " rebuilds the column's indexes, and the known schema has none on " + col + "; a brief "
                    + "AccessExclusiveLock");
            return "ALTER COLUMN TYPE";
        }
        if (binary) {
            j.scan = true;
            j.longRunning = true;
            j.finding(Rules.ALTER_TYPE, Verdict.UNSAFE, "changes the type of " + shown + " to " + newType
                    + (collate ? " with a new collation" : "") + " under AccessExclusiveLock (reads and writes "
                    + "blocked): the table is not rewritten, but " + change + " rebuilds its indexes (the known "
                    + "schema has an index that may cover " + col + ")",
                    "drop the indexes on " + col + " (DROP INDEX CONCURRENTLY), change the type (a brief lock), then "
                            + "rebuild them with CREATE INDEX CONCURRENTLY; or ALTER TABLE " + table.display()
                            + " ADD COLUMN " + AlterTableRules.quote(col + "_new") + " " + written + (collate ? " "
                            + t.text(q, Math.min(q + 1, e - 1)) : "") + ";\n-- write both columns from the code (or "
                            + "a trigger), backfill " + col + "_new in batches, index it concurrently, switch reads, "
                            + "then drop " + col + " in a later migration");
            return "ALTER COLUMN TYPE";
        }
        j.rewrite = true;
        j.longRunning = true;
        String why;
        if (oldType == null) {
            why = "zdcd does not know the current type of " + shown + " (give the schema with --schema, or classify "
                    + "the migration that created it first), so it assumes a rewrite";
        } else if (!trivialUsing) {
            why = "the USING expression computes every value again: a full rewrite";
        } else {
            why = oldType + " -> " + newType + " is not binary-coercible: PostgreSQL rewrites the table and rebuilds "
                    + "its indexes" + (narrowing(oldType, newType) ? " (narrowing also fails if longer values exist)"
                    : "");
        }
        j.finding(Rules.ALTER_TYPE, Verdict.UNSAFE, "changes the type of " + shown + " to " + newType + " under "
                + "AccessExclusiveLock (reads and writes blocked): " + why,
                "ALTER TABLE " + table.display() + " ADD COLUMN " + AlterTableRules.quote(col + "_new") + " "
                        + written + ";\n-- write both columns from the code (or a trigger), backfill "
                        + col + "_new in batches, switch reads, then drop " + col + " in a later migration"
                        + (oldType == null ? "\n(if " + col + " is varchar(n) and the new type is varchar(m >= n) or "
                        + "text, this is safe: tell zdcd the schema)" : ""));
        return "ALTER COLUMN TYPE";
    }

    private static boolean narrowing(String from, String to) {
        return from.startsWith("varchar(") && to.startsWith("varchar(");
    }

    /** USING col, USING col::type, USING CAST(col AS type) with the target type: the same as no USING. */
    private static boolean isTrivialUsing(Tokens t, int p, int e, String col, String newType) {
        int a = p;
        int b = e - 1;
        while (t.isOp(a, "(") && t.closing(a) == b) {
            a++;
            b--;
        }
        if (!t.isIdent(a) || !t.ident(a).equals(col)) {
            if (t.is(a, "CAST") && t.isOp(a + 1, "(") && t.isIdent(a + 2) && t.ident(a + 2).equals(col)
                    && t.is(a + 3, "AS")) {
                return ColumnTypes.normalise(t.text(a + 4, t.closing(a + 1) - 1)).equals(newType)
                        && t.closing(a + 1) == b;
            }
            return false;
        }
        if (a == b) {
            return true;
        }
        return t.isOp(a + 1, "::") && ColumnTypes.normalise(t.text(a + 2, b)).equals(newType);
    }
}
