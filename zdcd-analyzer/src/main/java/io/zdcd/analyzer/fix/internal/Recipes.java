package io.zdcd.analyzer.fix.internal;

import io.zdcd.analyzer.internal.BatchLoop;
import io.zdcd.analyzer.internal.ColumnFacts;
import io.zdcd.analyzer.internal.Tokens;
import io.zdcd.classify.Phase;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
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
    public record Facts(int batchSize, Function<String, BatchLoop.Key> primaryKey,
                        java.util.function.BiFunction<String, String, ColumnFacts> column, String later) {
        public Facts {
            Objects.requireNonNull(primaryKey, "primaryKey");
            Objects.requireNonNull(column, "column");
            Objects.requireNonNull(later, "later");
        }

        /** No known schema: no batch loop, no column to copy. */
        public static Facts none() {
            return new Facts(1000, table -> new BatchLoop.Key(null, "zdcd knows no schema"),
                    (table, column) -> new ColumnFacts(null, false, "zdcd knows no schema"), "");
        }

        /** Whether the migration's statements after this one name {@code identifier} (folded as PostgreSQL does). */
        boolean mentionedLater(String identifier) {
            Tokens t = Tokens.lex(later);
            for (int i = 0; i < t.size(); i++) {
                if (t.isIdent(i) && t.ident(i).equals(identifier)) {
                    return true;
                }
            }
            return false;
        }
    }

    /** The rule ids that have a recipe. */
    public static final List<String> RULES = List.of("create-index-non-concurrently", "add-foreign-key",
            "add-check-constraint", "set-not-null", "add-unique-constraint", "drop-column", "drop-table",
            "drop-unique-constraint", "add-column-volatile-default", "add-column-not-null-without-default",
            "unbatched-data-change", "rename-column", "alter-column-type", "drop-default-not-null");

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
                    List.of(Backfills.addColumn(t, ruleId, facts));
            case "unbatched-data-change" -> List.of(Backfills.batchedChange(t, ruleId, facts));
            case "rename-column" -> List.of(ColumnCopy.rename(t, ruleId, facts));
            case "alter-column-type" -> List.of(ColumnCopy.changeType(t, ruleId, facts));
            case "create-index-non-concurrently" -> List.of(createIndex(t, ruleId));
            case "add-foreign-key", "add-check-constraint" -> List.of(notValidThenValidate(t, ruleId));
            case "set-not-null" -> List.of(setNotNull(t, ruleId));
            case "add-unique-constraint" -> uniqueUsingIndex(t, ruleId);
            case "drop-column", "drop-table", "drop-unique-constraint" -> List.of(new Plan("move-to-contract",
                    List.of(new Step(Phase.CONTRACT, false, "breaks only the code running now (it still uses what "
                            + "this drops) and blocks no traffic for long: run it once no deployed code uses it.",
                            sql)), ""));
            case "drop-default-not-null" -> List.of(new Plan("keep-database-default", List.of(new Step(
                    Phase.CONTRACT, false, "the old code does not write this column, so its INSERTs need the "
                    + "database default (Django's AddField adds the column with DEFAULT, then drops it): the default "
                    + "stays until the new code, which writes the column, is live.", sql)), ""));
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
    record Alter(String prefix, String table, String tableLast, int action, String problem) {
    }

    static Alter alter(Tokens t) {
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

    static List<Step> notNullSteps(Alter a, String columnWritten, String column) {
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

    // ---------------------------------------------------------------- names

    /** The token index after a possibly qualified name starting at {@code i}. */
    static int nameEnd(Tokens t, int i) {
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
