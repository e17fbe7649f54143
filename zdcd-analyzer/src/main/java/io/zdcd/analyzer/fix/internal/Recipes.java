package io.zdcd.analyzer.fix.internal;

import io.zdcd.analyzer.internal.BatchLoop;
import io.zdcd.analyzer.internal.Tokens;
import io.zdcd.classify.Phase;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

/**
 * The recipes, keyed by rule id: each turns one UNSAFE statement into steps. The statement is read with the
 * classifier's own lexer ({@link Tokens}); a statement shaped other than a recipe expects gets no recipe, with the
 * reason. Recipes only propose: {@code MigrationFixer} keeps a plan only when zdcd's classifier judges every step
 * SAFE.
 */
public final class Recipes {
    private Recipes() {
    }

    /** One statement of a plan, in its own file. */
    public record Step(Phase phase, boolean outsideTransaction, String why, String sql) {
    }

    /** A recipe's proposal: steps, or (steps empty) why there is none. */
    public record Plan(String recipe, List<Step> steps, String noRecipe) {
        static Plan none(String ruleId, String why) {
            return new Plan("", List.of(), "no recipe for rule " + ruleId + ": " + why);
        }

        public boolean isNone() {
            return steps.isEmpty();
        }
    }

    /**
     * What a recipe may need besides the statement: the batch size of a batch loop, and a table's single-column
     * integer primary key (the table as written in SQL) as known where the statement stands.
     */
    public record Facts(int batchSize, Function<String, BatchLoop.Key> primaryKey) {
        public Facts {
            Objects.requireNonNull(primaryKey, "primaryKey");
        }

        /** No known schema: no batch loop. */
        public static Facts none() {
            return new Facts(1000, table -> new BatchLoop.Key(null, "zdcd knows no schema"));
        }
    }

    /** The rule ids that have a recipe. */
    public static final List<String> RULES = List.of("create-index-non-concurrently", "add-foreign-key",
            "add-check-constraint", "set-not-null", "add-unique-constraint", "drop-column", "drop-table",
            "drop-unique-constraint", "add-column-volatile-default", "add-column-not-null-without-default",
            "unbatched-data-change");

    /** As {@link #plans(String, String, Facts)} with no known schema. */
    public static List<Plan> plans(String ruleId, String sql) {
        return plans(ruleId, sql, Facts.none());
    }

    /**
     * The plans for {@code sql}, judged UNSAFE by {@code ruleId}, in order of preference (the fixer keeps the first
     * one the classifier proves); one {@link Plan#isNone()} plan when there is no recipe.
     */
    public static List<Plan> plans(String ruleId, String sql, Facts facts) {
        Objects.requireNonNull(sql, "sql");
        Tokens t = Tokens.lex(sql);
        return switch (ruleId) {
            case "add-column-volatile-default", "add-column-not-null-without-default" ->
                    List.of(addColumn(t, ruleId, facts));
            case "unbatched-data-change" -> List.of(batchedChange(t, ruleId, facts));
            case "create-index-non-concurrently" -> List.of(createIndex(t, ruleId));
            case "add-foreign-key", "add-check-constraint" -> List.of(notValidThenValidate(t, ruleId));
            case "set-not-null" -> List.of(setNotNull(t, ruleId));
            case "add-unique-constraint" -> uniqueUsingIndex(t, ruleId);
            case "drop-column", "drop-table", "drop-unique-constraint" -> List.of(new Plan("move-to-contract",
                    List.of(new Step(Phase.CONTRACT, false, "breaks only the code running now (it still uses what "
                            + "this drops) and blocks no traffic for long: run it once no deployed code uses it.",
                            sql)), ""));
            default -> List.of(Plan.none(ruleId, "zdcd has recipes for " + String.join(", ", RULES) + " only"));
        };
    }

    // ---------------------------------------------------------------- CREATE INDEX

    private static Plan createIndex(Tokens t, String ruleId) {
        int p = 1;
        if (!t.is(0, "CREATE")) {
            return Plan.none(ruleId, "not a CREATE INDEX statement");
        }
        if (t.is(p, "UNIQUE")) {
            p++;
        }
        if (!t.is(p, "INDEX") || t.is(p + 1, "CONCURRENTLY")) {
            return Plan.none(ruleId, "not a CREATE [UNIQUE] INDEX statement");
        }
        int q = p + 1;
        if (t.is(q, "IF", "NOT", "EXISTS")) {
            return Plan.none(ruleId, "IF NOT EXISTS would also accept an INVALID index left by a failed concurrent "
                    + "build; remove IF NOT EXISTS");
        }
        String name = t.is(q, "ON") ? null : t.text(q, nameEnd(t, q) - 1);
        String s = t.source();
        String concurrent = s.substring(0, t.end(p)) + " CONCURRENTLY" + s.substring(t.end(p));
        String cleanUp = name == null
                ? "find it with SELECT indexrelid::regclass FROM pg_index WHERE NOT indisvalid; and drop it with "
                + "DROP INDEX CONCURRENTLY"
                : "DROP INDEX CONCURRENTLY IF EXISTS " + name + ";";
        return new Plan("create-index-concurrently", List.of(new Step(Phase.EXPAND, true,
                "builds the index without blocking writes (ShareUpdateExclusiveLock, two scans); CONCURRENTLY cannot "
                        + "run inside a transaction block, so this file runs outside one.\n"
                        + "If it fails (a deadlock, a duplicate for a UNIQUE index, a cancel), it leaves an INVALID "
                        + "index behind that still slows writes: " + cleanUp + " then run this file again.",
                concurrent)), "");
    }

    // ---------------------------------------------------------------- ALTER TABLE ... ADD CONSTRAINT

    /** ALTER TABLE [IF EXISTS] [ONLY] name [*]: the prefix text and the table's last name part; null if not. */
    private record Alter(String prefix, String table, String tableLast, int action, String problem) {
    }

    private static Alter alter(Tokens t) {
        if (!t.is(0, "ALTER", "TABLE")) {
            return new Alter("", "", "", -1, "not an ALTER TABLE statement");
        }
        int p = 2;
        if (t.is(p, "IF", "EXISTS")) {
            p += 2;
        }
        if (t.is(p, "ONLY")) {
            p++;
        }
        if (!t.isIdent(p)) {
            return new Alter("", "", "", -1, "ALTER TABLE without a table name");
        }
        int end = nameEnd(t, p);
        String table = t.text(p, end - 1);
        String last = t.ident(end - 1);
        if (t.isOp(end, "*")) {
            end++;
        }
        for (int k = end; k < t.size(); k++) {
            if (t.isOp(k, "(") || t.isOp(k, "[")) {
                k = t.closing(k);
            } else if (t.isOp(k, ",")) {
                return new Alter("", "", "", -1, "the statement has more than one action; write one action per "
                        + "ALTER TABLE statement");
            }
        }
        return new Alter(t.text(0, end - 1), table, last, end, null);
    }

    /** ADD CONSTRAINT name CHECK / FOREIGN KEY ... -> the same NOT VALID, then VALIDATE CONSTRAINT. */
    private static Plan notValidThenValidate(Tokens t, String ruleId) {
        Alter a = alter(t);
        if (a.problem() != null) {
            return Plan.none(ruleId, a.problem());
        }
        int p = a.action();
        if (!t.is(p, "ADD")) {
            return Plan.none(ruleId, "not an ADD CONSTRAINT action");
        }
        if (!t.is(p + 1, "CONSTRAINT") || !t.isIdent(p + 2)) {
            return Plan.none(ruleId, "the constraint has no name, and VALIDATE CONSTRAINT needs one: write ADD "
                    + "CONSTRAINT <name> ...");
        }
        if (t.contains(p, t.size(), "VALID")) {
            return Plan.none(ruleId, "the constraint is already NOT VALID");
        }
        String name = t.text(p + 2);
        boolean fk = ruleId.equals("add-foreign-key");
        return new Plan(fk ? "foreign-key-not-valid-then-validate" : "check-not-valid-then-validate", List.of(
                new Step(Phase.EXPAND, false, "adds the " + (fk ? "foreign key" : "CHECK") + " NOT VALID: a brief "
                        + "lock, no scan; rows written from now on are checked.", t.source() + " NOT VALID"),
                new Step(Phase.EXPAND, false, "validates the existing rows in a transaction of its own: the scan "
                        + "takes only ShareUpdateExclusiveLock" + (fk ? " (RowShareLock on the referenced table)"
                        : "") + ", so reads and writes go on; if it fails, fix the violating rows and run this file "
                        + "again.", a.prefix() + " VALIDATE CONSTRAINT " + name)), "");
    }

    /** ALTER COLUMN c SET NOT NULL -> CHECK (c IS NOT NULL) NOT VALID, VALIDATE, SET NOT NULL, DROP the CHECK. */
    private static Plan setNotNull(Tokens t, String ruleId) {
        Alter a = alter(t);
        if (a.problem() != null) {
            return Plan.none(ruleId, a.problem());
        }
        int p = a.action();
        if (!t.is(p, "ALTER")) {
            return Plan.none(ruleId, "not an ALTER COLUMN ... SET NOT NULL action");
        }
        p++;
        if (t.is(p, "COLUMN")) {
            p++;
        }
        if (!t.isIdent(p) || !t.is(p + 1, "SET", "NOT", "NULL") || p + 4 != t.size()) {
            return Plan.none(ruleId, "not an ALTER COLUMN ... SET NOT NULL action");
        }
        List<Step> steps = new ArrayList<>(notNullSteps(a, t.text(p), t.ident(p)));
        return new Plan("not-null-via-validated-check", steps, "");
    }

    private static List<Step> notNullSteps(Alter a, String columnWritten, String column) {
        // not <table>_<column>_not_null: PostgreSQL 18 gives that name to the NOT NULL constraint SET NOT NULL creates
        String check = quote(a.tableLast() + "_" + column + "_not_null_check");
        return List.of(
                new Step(Phase.EXPAND, false, "adds CHECK (" + column + " IS NOT NULL) NOT VALID: a brief lock, no "
                        + "scan; rows written from now on must have " + column + ".",
                        a.prefix() + " ADD CONSTRAINT " + check + " CHECK (" + columnWritten + " IS NOT NULL) NOT VALID"),
                new Step(Phase.EXPAND, false, "validates the CHECK in a transaction of its own: a scan under "
                        + "ShareUpdateExclusiveLock, reads and writes go on; if it fails, backfill the NULLs "
                        + "(in batches) and run this file again.", a.prefix() + " VALIDATE CONSTRAINT " + check),
                new Step(Phase.CONTRACT, false, "sets NOT NULL (PostgreSQL 12+ skips the scan: the validated CHECK "
                        + "proves there are no NULLs) and drops the CHECK, which NOT NULL now makes redundant. "
                        + "Nothing depends on this clean-up: the CHECK already enforces it.",
                        a.prefix() + " ALTER COLUMN " + columnWritten + " SET NOT NULL;\n"
                                + a.prefix() + " DROP CONSTRAINT " + check));
    }

    /** ADD CONSTRAINT name UNIQUE / PRIMARY KEY (cols) -> CREATE UNIQUE INDEX CONCURRENTLY + ADD ... USING INDEX. */
    private static List<Plan> uniqueUsingIndex(Tokens t, String ruleId) {
        Alter a = alter(t);
        if (a.problem() != null) {
            return List.of(Plan.none(ruleId, a.problem()));
        }
        int p = a.action();
        if (!t.is(p, "ADD")) {
            return List.of(Plan.none(ruleId, "not an ADD CONSTRAINT action"));
        }
        if (!t.is(p + 1, "CONSTRAINT") || !t.isIdent(p + 2)) {
            return List.of(Plan.none(ruleId, "the constraint has no name, and the index that backs it needs the "
                    + "same one: write ADD CONSTRAINT <name> ..."));
        }
        int k = p + 3;
        boolean primary = t.is(k, "PRIMARY", "KEY");
        if (!primary && !t.is(k, "UNIQUE")) {
            return List.of(Plan.none(ruleId, "not a UNIQUE or PRIMARY KEY constraint"));
        }
        k += primary ? 2 : 1;
        if (!t.isOp(k, "(") || t.closing(k) != t.size() - 1) {
            return List.of(Plan.none(ruleId, "only ADD CONSTRAINT <name> UNIQUE|PRIMARY KEY (<columns>) is covered "
                    + "(no NULLS NOT DISTINCT, INCLUDE, WITH, USING INDEX TABLESPACE, DEFERRABLE)"));
        }
        List<String[]> columns = new ArrayList<>(); // written, identifier
        for (int c = k + 1; c < t.size() - 1; c += 2) {
            if (!t.isIdent(c) || !(t.isOp(c + 1, ",") || c + 1 == t.size() - 1)) {
                return List.of(Plan.none(ruleId, "the key is not a plain list of columns"));
            }
            columns.add(new String[] {t.text(c), t.ident(c)});
        }
        String name = t.text(p + 2);
        String kind = primary ? "PRIMARY KEY" : "UNIQUE";
        Step index = new Step(Phase.EXPAND, true, "builds the unique index without blocking writes "
                + "(ShareUpdateExclusiveLock); CONCURRENTLY cannot run inside a transaction block, so this file runs "
                + "outside one.\nIf it fails (a duplicate, a deadlock, a cancel), it leaves an INVALID index behind: "
                + "DROP INDEX CONCURRENTLY IF EXISTS " + name + "; remove the duplicates, then run this file again.",
                "CREATE UNIQUE INDEX CONCURRENTLY " + name + " ON " + a.table() + " " + t.text(k, t.size() - 1));
        Step attach = new Step(Phase.EXPAND, false, "turns the index into the " + kind + " constraint: a brief "
                + "AccessExclusiveLock, no build (the index already enforces uniqueness).",
                a.prefix() + " ADD CONSTRAINT " + name + " " + kind + " USING INDEX " + name);
        List<Plan> plans = new ArrayList<>();
        String recipe = primary ? "primary-key-using-index" : "unique-using-index";
        plans.add(new Plan(recipe, List.of(index, attach), ""));
        if (primary) {
            // a nullable key column would make ADD PRIMARY KEY USING INDEX scan for NULLs: prove NOT NULL first
            List<Step> steps = new ArrayList<>();
            steps.add(index);
            for (String[] c : columns) {
                List<Step> nn = notNullSteps(a, c[0], c[1]);
                steps.add(nn.get(0));
                steps.add(nn.get(1));
                Step setAndDrop = nn.get(2);
                steps.add(new Step(Phase.EXPAND, false, setAndDrop.why(), setAndDrop.sql()));
            }
            steps.add(attach);
            plans.add(new Plan(recipe + "-after-not-null", steps, ""));
        }
        return plans;
    }

    // ---------------------------------------------------------------- batches

    /** Words that end a column's type in ADD COLUMN (COLLATE stays part of it). */
    private static final Set<String> COLUMN_OPTIONS = Set.of("DEFAULT", "NOT", "NULL", "CONSTRAINT", "CHECK",
            "UNIQUE", "PRIMARY", "REFERENCES", "GENERATED");

    /**
     * ADD COLUMN c type DEFAULT volatile [NOT NULL] -> ADD COLUMN c type + SET DEFAULT, batched backfill, NOT NULL via
     * a validated CHECK; ADD COLUMN c type NOT NULL (no default) -> nullable column, NOT NULL in contract.
     */
    private static Plan addColumn(Tokens t, String ruleId, Facts facts) {
        Alter a = alter(t);
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
            List<Step> nn = notNullSteps(a, column, ident);
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
            steps.addAll(notNullSteps(a, column, ident));
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
    private static Plan batchedChange(Tokens t, String ruleId, Facts facts) {
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
        int end = nameEnd(t, p);
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

    private static String backfillWhy(String table, String key, int batchSize) {
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

    // ---------------------------------------------------------------- names

    /** The token index after a possibly qualified name starting at {@code i}. */
    private static int nameEnd(Tokens t, int i) {
        int p = i + 1;
        while (t.isOp(p, ".") && t.isIdent(p + 1)) {
            p += 2;
        }
        return p;
    }

    /** A generated identifier, always quoted (PostgreSQL truncates it to 63 bytes, the same way at each use). */
    static String quote(String ident) {
        return "\"" + ident.replace("\"", "\"\"") + "\"";
    }
}
