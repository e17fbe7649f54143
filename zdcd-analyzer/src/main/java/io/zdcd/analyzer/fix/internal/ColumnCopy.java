package io.zdcd.analyzer.fix.internal;

import io.zdcd.analyzer.internal.BatchLoop;
import io.zdcd.analyzer.internal.ColumnFacts;
import io.zdcd.analyzer.internal.Tokens;
import io.zdcd.classify.Phase;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The recipes that copy a column into a new one kept in sync by a trigger: {@code RENAME COLUMN} (the new column under
 * the new name, synced both ways, the old one dropped in contract) and a rewriting {@code ALTER COLUMN ... TYPE} (a
 * new column of the new type filled from the old one, then in contract the old one dropped and the new one renamed to
 * the old name). Both need the table's integer primary key (the backfill is a batch loop) and a column zdcd can copy
 * faithfully ({@link ColumnFacts}).
 */
final class ColumnCopy {
    private ColumnCopy() {
    }

    /**
     * Casts that cannot fail for any value of the old type, by normalised type: the trigger runs them on the old
     * code's writes, so a failing cast would break them (the original statement fails without breaking anyone).
     */
    private static final Set<String> INTEGERS = Set.of("int2", "int4", "int8");

    /** ALTER TABLE t RENAME [COLUMN] a TO b -> b added and synced both ways, backfilled; a dropped in contract. */
    static Recipes.Plan rename(Tokens t, String ruleId, Recipes.Facts facts) {
        Recipes.Alter a = Recipes.alter(t);
        if (a.problem() != null) {
            return Recipes.Plan.none(ruleId, a.problem());
        }
        int p = a.action();
        if (!t.is(p, "RENAME")) {
            return Recipes.Plan.none(ruleId, "not a RENAME COLUMN action");
        }
        p += t.is(p + 1, "COLUMN") ? 2 : 1;
        if (!t.isIdent(p) || !t.is(p + 1, "TO") || !t.isIdent(p + 2) || p + 3 != t.size()) {
            return Recipes.Plan.none(ruleId, "only RENAME [COLUMN] <old> TO <new> is covered");
        }
        String old = t.text(p);
        String neu = t.text(p + 2);
        ColumnFacts column = facts.column().apply(a.table(), t.ident(p));
        String problem = copyProblem(column, facts, t.ident(p));
        if (problem != null) {
            return Recipes.Plan.none(ruleId, problem);
        }
        BatchLoop.Key key = facts.primaryKey().apply(a.table());
        if (!key.found()) {
            return Recipes.Plan.none(ruleId, "no key to batch the backfill by: " + key.problem());
        }
        String function = Recipes.quote("zdcd_sync_" + a.tableLast() + "_" + t.ident(p) + "_" + t.ident(p + 2));
        String trigger = Recipes.quote("zdcd_sync_" + t.ident(p) + "_" + t.ident(p + 2));
        List<Recipes.Step> steps = new ArrayList<>();
        steps.add(new Recipes.Step(Phase.EXPAND, false, "adds " + neu + " (" + column.type() + ", nullable) and a "
                + "trigger that keeps " + old + " and " + neu + " equal on every INSERT and UPDATE, whichever one the "
                + "code writes: the old code goes on with " + old + ", the new code may use " + neu + " (or keep "
                + old + " through Django's db_column until the contract). Brief locks, no rewrite.",
                a.prefix() + " ADD COLUMN " + neu + " " + column.type() + ";\n"
                        + "CREATE FUNCTION " + function + "() RETURNS trigger LANGUAGE plpgsql AS $zdcd_sync$\n"
                        + "BEGIN\n"
                        + "    IF TG_OP = 'INSERT' THEN\n"
                        + "        IF NEW." + neu + " IS NULL THEN\n"
                        + "            NEW." + neu + " := NEW." + old + ";\n"
                        + "        ELSIF NEW." + old + " IS NULL THEN\n"
                        + "            NEW." + old + " := NEW." + neu + ";\n"
                        + "        END IF;\n"
                        + "    ELSIF NEW." + old + " IS DISTINCT FROM OLD." + old + " THEN\n"
                        + "        NEW." + neu + " := NEW." + old + ";\n"
                        + "    ELSIF NEW." + neu + " IS DISTINCT FROM OLD." + neu + " THEN\n"
                        + "        NEW." + old + " := NEW." + neu + ";\n"
                        + "    END IF;\n"
                        + "    RETURN NEW;\n"
                        + "END\n$zdcd_sync$;\n"
                        + "CREATE TRIGGER " + trigger + " BEFORE INSERT OR UPDATE ON " + a.table()
                        + " FOR EACH ROW EXECUTE FUNCTION " + function + "()"));
        steps.add(new Recipes.Step(Phase.EXPAND, true, Backfills.backfillWhy(a.table(), key.column(),
                facts.batchSize()) + "\nCopies " + old + " into " + neu + " for the rows written before the trigger; "
                + "running it again copies nothing twice.", BatchLoop.render(a.table(), key.column(),
                facts.batchSize(), "UPDATE " + a.table() + " SET " + neu + " = " + old,
                neu + " IS DISTINCT FROM " + old)));
        if (column.notNull()) {
            List<Recipes.Step> nn = Recipes.notNullSteps(a, neu, t.ident(p + 2));
            steps.add(nn.get(0));
            steps.add(nn.get(1));
            steps.add(nn.get(2));
        }
        steps.add(new Recipes.Step(Phase.CONTRACT, false, "once no running code uses " + old + ": drops the trigger, "
                + "its function and " + old + " in one transaction (a brief AccessExclusiveLock, no rewrite). "
                + "Differs from the original in one way only: " + neu + " is now the table's last column.",
                "DROP TRIGGER " + trigger + " ON " + a.table() + ";\n"
                        + "DROP FUNCTION " + function + "();\n"
                        + a.prefix() + " DROP COLUMN " + old));
        return new Recipes.Plan("new-column-synced-by-trigger", steps, "");
    }

    /**
     * ALTER TABLE t ALTER [COLUMN] a [SET DATA] TYPE T -> a_zdcd_new T filled from a by a trigger and a backfill; in
     * contract a dropped and a_zdcd_new renamed to a.
     */
    static Recipes.Plan changeType(Tokens t, String ruleId, Recipes.Facts facts) {
        Recipes.Alter a = Recipes.alter(t);
        if (a.problem() != null) {
            return Recipes.Plan.none(ruleId, a.problem());
        }
        int p = a.action();
        if (!t.is(p, "ALTER")) {
            return Recipes.Plan.none(ruleId, "not an ALTER COLUMN ... TYPE action");
        }
        p += t.is(p + 1, "COLUMN") ? 2 : 1;
        int type = t.is(p + 1, "SET", "DATA", "TYPE") ? p + 4 : t.is(p + 1, "TYPE") ? p + 2 : -1;
        if (!t.isIdent(p) || type < 0 || type >= t.size()) {
            return Recipes.Plan.none(ruleId, "only ALTER [COLUMN] <name> [SET DATA] TYPE <type> is covered");
        }
        if (t.find(type, "USING") >= 0 || t.find(type, "COLLATE") >= 0) {
            return Recipes.Plan.none(ruleId, "USING and COLLATE are not covered");
        }
        String old = t.text(p);
        String newType = t.text(type, t.size() - 1);
        ColumnFacts column = facts.column().apply(a.table(), t.ident(p));
        String problem = copyProblem(column, facts, t.ident(p));
        if (problem != null) {
            return Recipes.Plan.none(ruleId, problem);
        }
        String from = column.type();
        String to = ColumnFacts.normalisedType(newType);
        if (!castCannotFail(from, to)) {
            return Recipes.Plan.none(ruleId, "the cast from " + from + " to " + to + " can fail for some values, and "
                    + "the trigger would run it on the old code's writes (covered: int2 -> int4 -> int8, integers -> "
                    + "numeric, float4 -> float8, anything -> text or varchar without a length)");
        }
        BatchLoop.Key key = facts.primaryKey().apply(a.table());
        if (!key.found()) {
            return Recipes.Plan.none(ruleId, "no key to batch the backfill by: " + key.problem());
        }
        String tmpIdent = t.ident(p) + "_zdcd_new";
        String tmp = Recipes.quote(tmpIdent);
        String cast = "CAST(NEW." + old + " AS " + newType + ")";
        String function = Recipes.quote("zdcd_sync_" + a.tableLast() + "_" + tmpIdent);
        String trigger = Recipes.quote("zdcd_sync_" + tmpIdent);
        List<Recipes.Step> steps = new ArrayList<>();
        steps.add(new Recipes.Step(Phase.EXPAND, false, "adds " + tmp + " (" + newType + ", nullable) and a trigger "
                + "that sets it from " + old + " on every INSERT and UPDATE: the code keeps using " + old + " (it must "
                + "work with both types, as with the original). Brief locks, no rewrite.",
                a.prefix() + " ADD COLUMN " + tmp + " " + newType + ";\n"
                        + "CREATE FUNCTION " + function + "() RETURNS trigger LANGUAGE plpgsql AS $zdcd_sync$\n"
                        + "BEGIN\n"
                        + "    NEW." + tmp + " := " + cast + ";\n"
                        + "    RETURN NEW;\n"
                        + "END\n$zdcd_sync$;\n"
                        + "CREATE TRIGGER " + trigger + " BEFORE INSERT OR UPDATE ON " + a.table()
                        + " FOR EACH ROW EXECUTE FUNCTION " + function + "()"));
        String value = "CAST(" + old + " AS " + newType + ")";
        steps.add(new Recipes.Step(Phase.EXPAND, true, Backfills.backfillWhy(a.table(), key.column(),
                facts.batchSize()) + "\nFills " + tmp + " for the rows written before the trigger; running it again "
                + "changes nothing twice.", BatchLoop.render(a.table(), key.column(), facts.batchSize(),
                "UPDATE " + a.table() + " SET " + tmp + " = " + value, tmp + " IS DISTINCT FROM " + value)));
        List<Recipes.Step> nn = column.notNull() ? Recipes.notNullSteps(a, tmp, tmpIdent) : List.of();
        if (column.notNull()) {
            steps.add(nn.get(0));
            steps.add(nn.get(1));
        }
        steps.add(new Recipes.Step(Phase.CONTRACT, false, "swaps the columns in one transaction (a brief "
                + "AccessExclusiveLock, no rewrite): drops the trigger, its function and the old " + old + ", and "
                + "renames " + tmp + " to " + old + ". The code, which names only " + old + ", sees the new type "
                + "from then on. Differs from the original in one way only: " + old + " is now the table's last "
                + "column.",
                (column.notNull() ? nn.get(2).sql() + ";\n" : "")
                        + "DROP TRIGGER " + trigger + " ON " + a.table() + ";\n"
                        + "DROP FUNCTION " + function + "();\n"
                        + a.prefix() + " DROP COLUMN " + old + ";\n"
                        + a.prefix() + " RENAME COLUMN " + tmp + " TO " + old));
        return new Recipes.Plan("new-column-filled-by-trigger-then-swapped", steps, "");
    }

    /** Why the column cannot be copied and dropped in contract, or null. */
    private static String copyProblem(ColumnFacts column, Recipes.Facts facts, String ident) {
        if (!column.found()) {
            return column.problem();
        }
        if (facts.mentionedLater(ident)) {
            return "a later statement of the migration names " + ident + ", and the recipe drops that column in "
                    + "contract (with the indexes and constraints made on it): put the statement in a migration of "
                    + "its own, last";
        }
        return null;
    }

    /** Whether a cast from normalised type {@code from} to {@code to} succeeds for every value of {@code from}. */
    static boolean castCannotFail(String from, String to) {
        if (to.equals("text") || to.equals("varchar")) {
            return true;
        }
        if (INTEGERS.contains(from)) {
            return to.equals("numeric") || to.equals("int8")
                    || to.equals("int4") && from.equals("int2")
                    || to.equals("float8") && !from.equals("int8");
        }
        if (from.equals("float4")) {
            return to.equals("float8");
        }
        return from.startsWith("numeric") && to.equals("numeric");
    }
}
