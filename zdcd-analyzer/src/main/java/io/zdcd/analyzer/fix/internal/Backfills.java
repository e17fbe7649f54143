package io.zdcd.analyzer.fix.internal;

import io.zdcd.analyzer.internal.BatchLoop;
import io.zdcd.analyzer.fix.internal.Recipes.Alter;
import io.zdcd.analyzer.fix.internal.Recipes.Facts;
import io.zdcd.analyzer.fix.internal.Recipes.Plan;
import io.zdcd.analyzer.fix.internal.Recipes.Step;
import io.zdcd.analyzer.internal.Tokens;
import io.zdcd.classify.Phase;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The recipes that change existing rows in batches: {@code ADD COLUMN} with a volatile default or NOT NULL without
 * one, and unbatched {@code UPDATE}/{@code DELETE} (a batch loop over the table's integer primary key,
 * {@link BatchLoop}).
 */
final class Backfills {
    private Backfills() {
    }

    // ---------------------------------------------------------------- batches

    /** Words that end a column's type in ADD COLUMN (COLLATE stays part of it). */
    private static final Set<String> COLUMN_OPTIONS = Set.of("DEFAULT", "NOT", "NULL", "CONSTRAINT", "CHECK",
            "UNIQUE", "PRIMARY", "REFERENCES", "GENERATED");

    /**
     * ADD COLUMN c type DEFAULT volatile [NOT NULL] -> ADD COLUMN c type + SET DEFAULT, batched backfill, NOT NULL via
     * a validated CHECK; ADD COLUMN c type NOT NULL (no default) -> nullable column, NOT NULL in contract.
     */
    static Plan addColumn(Tokens t, String ruleId, Facts facts) {
        Alter a = Recipes.alter(t);
        if (a.problem() != null) {
            return Plan.none(ruleId, a.problem());
        }
        int p = a.action();
        if (!t.is(p, "ADD")) {
            return Plan.none(ruleId, "not an ADD COLUMN action");
        }
        p += t.is(p + 1, "COLUMN") ? 2 : 1;
        if (t.is(p, "IF", "NOT", "EXISTS") || !t.isIdent(p)) {
            return Plan.none(ruleId, "only ADD [COLUMN] <name> <type> [DEFAULT <expression>] [NOT NULL] is covered "
                    + "(no IF NOT EXISTS)");
        }
        int c = p;
        int k = c + 1;
        while (k < t.size() && !(t.isWord(k) && COLUMN_OPTIONS.contains(t.upper(k)))) {
            k = t.isOp(k, "(") || t.isOp(k, "[") ? t.closing(k) + 1 : k + 1;
        }
        String type = k > c + 1 ? t.text(c + 1, k - 1) : null;
        String expression = null;
        boolean notNull = false;
        while (type != null && k < t.size()) {
            if (t.is(k, "DEFAULT") && expression == null && k + 1 < t.size()) {
                int e = k + 1;
                do {
                    e = t.isOp(e, "(") || t.isOp(e, "[") ? t.closing(e) + 1 : e + 1;
                } while (e < t.size() && !endsDefault(t, e));
                expression = t.text(k + 1, e - 1);
                k = e;
            } else if (t.is(k, "NOT", "NULL")) {
                notNull = true;
                k += 2;
            } else if (t.is(k, "NULL")) {
                k++;
            } else {
                type = null;
            }
        }
        if (type == null) {
            return Plan.none(ruleId, "only ADD [COLUMN] <name> <type> [DEFAULT <expression>] [NOT NULL] is covered "
                    + "(no constraint, GENERATED or identity)");
        }
        String column = t.text(c);
        String ident = t.ident(c);
        String add = a.prefix() + " ADD COLUMN " + column + " " + type;
        if (ruleId.equals("add-column-not-null-without-default")) {
            if (expression != null || !notNull) {
                return Plan.none(ruleId, "not an ADD COLUMN ... NOT NULL without a default");
            }
            List<Step> steps = new ArrayList<>();
            steps.add(new Step(Phase.EXPAND, false, "adds the column nullable, without a default: a brief lock, no "
                    + "rewrite; the old code's INSERTs, which do not know " + ident + ", keep working (the original "
                    + "makes them fail, and fails itself on a table with rows: it has no value to give them).", add));
            List<Step> nn = Recipes.notNullSteps(a, column, ident);
            steps.add(new Step(Phase.CONTRACT, false, nn.get(0).why() + "\nOnce the new code, which writes " + ident
                    + ", is live. zdcd has no value for the rows written before (the original has none): give them "
                    + "one before the next file (a batched UPDATE), or its VALIDATE fails and changes nothing.",
                    nn.get(0).sql()));
            steps.add(new Step(Phase.CONTRACT, false, nn.get(1).why(), nn.get(1).sql()));
            steps.add(nn.get(2));
            return new Plan("nullable-column-then-not-null", steps, "");
        }
        if (expression == null) {
            return Plan.none(ruleId, "not an ADD COLUMN ... DEFAULT <expression>");
        }
        BatchLoop.Key key = facts.primaryKey().apply(a.table());
        if (!key.found()) {
            return Plan.none(ruleId, "no key to batch the backfill by: " + key.problem());
        }
        List<Step> steps = new ArrayList<>();
        steps.add(new Step(Phase.EXPAND, false, "adds the column without a default (a brief lock, no rewrite), then "
                + "gives it the default for new rows only: rows the old code inserts from now on get " + expression
                + ", evaluated per row as in the original.", add + ";\n" + a.prefix() + " ALTER COLUMN " + column
                + " SET DEFAULT " + expression));
        steps.add(new Step(Phase.EXPAND, true, backfillWhy(a.table(), key.column(), facts.batchSize())
                + "\nEach existing row gets its own evaluation of the default (SET " + column + " = DEFAULT), as in "
                + "the original; rows that have a value are skipped, so after a failure running this file again goes "
                + "on where it stopped.", BatchLoop.render(a.table(), key.column(), facts.batchSize(),
                "UPDATE " + a.table() + " SET " + column + " = DEFAULT", column + " IS NULL")));
        if (notNull) {
            steps.addAll(Recipes.notNullSteps(a, column, ident));
        }
        return new Plan(notNull ? "backfill-then-not-null" : "default-for-new-rows-then-backfill", steps, "");
    }

    /** Whether the token at {@code e} ends a DEFAULT expression: the column's NOT NULL / NULL or another option. */
    private static boolean endsDefault(Tokens t, int e) {
        if (t.is(e, "NOT", "NULL")) {
            return !t.is(e - 1, "IS");
        }
        if (t.is(e, "NULL")) {
            return !t.is(e - 1, "IS") && !(t.is(e - 1, "NOT") && t.is(e - 2, "IS"));
        }
        return t.isWord(e) && COLUMN_OPTIONS.contains(t.upper(e)) && !t.is(e, "NOT");
    }

    /** UPDATE t SET ... [WHERE ...] / DELETE FROM t [WHERE ...] -> the same in committed batches of key ranges. */
    static Plan batchedChange(Tokens t, String ruleId, Facts facts) {
        boolean update = t.is(0, "UPDATE");
        if (!update && !t.is(0, "DELETE", "FROM")) {
            return Plan.none(ruleId, "only UPDATE <table> SET ... [WHERE ...] and DELETE FROM <table> [WHERE ...] "
                    + "are covered (no WITH)");
        }
        int p = update ? 1 : 2;
        if (t.is(p, "ONLY")) {
            p++;
        }
        if (!t.isIdent(p)) {
            return Plan.none(ruleId, "no table name");
        }
        int end = Recipes.nameEnd(t, p);
        String table = t.text(p, end - 1);
        int where = t.find(end, "WHERE");
        int stop = where < 0 ? t.size() : where;
        String problem = null;
        if (update && !t.is(end, "SET")) {
            problem = "an UPDATE with a table alias is not covered";
        } else if (!update && end != stop) {
            problem = "DELETE ... USING / RETURNING is not covered";
        } else if (t.find(end, "FROM") >= 0 || t.find(end, "RETURNING") >= 0) {
            problem = "UPDATE ... FROM and RETURNING are not covered";
        } else if (where >= 0 && t.is(where + 1, "CURRENT", "OF")) {
            problem = "WHERE CURRENT OF is not covered";
        } else if (t.source().contains("--") || t.source().contains("/*") || t.source().contains("$")
                || t.source().toLowerCase(java.util.Locale.ROOT).contains("zdcd_")) {
            problem = "comments, dollar signs and zdcd_ names inside the statement are not carried into a batch loop";
        } else if (update) {
            problem = reapplied(t, end + 1, stop);
        }
        if (problem != null) {
            return Plan.none(ruleId, problem);
        }
        BatchLoop.Key key = facts.primaryKey().apply(table);
        if (!key.found()) {
            return Plan.none(ruleId, "no key to batch by: " + key.problem());
        }
        String verb = update ? "UPDATE" : "DELETE";
        return new Plan("batched-" + verb.toLowerCase(java.util.Locale.ROOT), List.of(new Step(Phase.EXPAND, true,
                backfillWhy(table, key.column(), facts.batchSize()) + "\nIf it stops, the batches already committed "
                        + "stay; running this file again " + (update ? "sets them again to the same values (the SET "
                        + "does not read a column it sets)" : "goes on with the rows left") + ". Rows written after "
                        + "it starts with a key above the max it read are not touched.",
                BatchLoop.render(table, key.column(), facts.batchSize(), t.text(0, stop - 1),
                        where < 0 ? null : t.text(where + 1, t.size() - 1)))), "");
    }

    static String backfillWhy(String table, String key, int batchSize) {
        return "changes the rows in batches of " + batchSize + " keys of " + table + "." + key + " (min to max, read "
                + "when it starts), each batch its own transaction (COMMIT inside the DO block, PostgreSQL 11+): row "
                + "locks on at most " + batchSize + " rows at a time, no table lock but RowExclusiveLock; a NOTICE "
                + "reports each batch. It runs OUTSIDE a transaction block: psql without -1 / --single-transaction, "
                + "Flyway with executeInTransaction=false (a " + "<file>.conf next to it).";
    }

    /**
     * Why applying the SET list from {@code from} to {@code to} twice differs from once (it reads a column it sets, or
     * is not a plain {@code column = expression} list), or null.
     */
    private static String reapplied(Tokens t, int from, int to) {
        List<String> set = new ArrayList<>();
        List<int[]> values = new ArrayList<>();
        int k = from;
        while (k < to) {
            if (!t.isIdent(k) || !t.isOp(k + 1, "=")) {
                return "only SET <column> = <expression>, ... is covered";
            }
            set.add(t.ident(k));
            int e = k + 2;
            while (e < to && !t.isOp(e, ",")) {
                e = t.isOp(e, "(") || t.isOp(e, "[") ? t.closing(e) + 1 : e + 1;
            }
            values.add(new int[] {k + 2, e});
            k = e + 1;
        }
        for (int[] v : values) {
            for (int i = v[0]; i < v[1]; i++) {
                if (t.isIdent(i) && set.contains(t.ident(i)) && !t.isOp(i + 1, "(")) {
                    return "SET reads " + t.ident(i) + ", which it also sets: a batch run again after a failure (a "
                            + "lock timeout is retried) would apply the change twice";
                }
            }
        }
        return null;
    }
}
