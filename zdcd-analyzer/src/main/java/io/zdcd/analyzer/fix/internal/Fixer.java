package io.zdcd.analyzer.fix.internal;

import io.zdcd.analyzer.SqlMigrationClassifier;
import io.zdcd.analyzer.SqlScript;
import io.zdcd.analyzer.SqlStatement;
import io.zdcd.analyzer.fix.FixFile;
import io.zdcd.analyzer.fix.FixResult;
import io.zdcd.analyzer.fix.StatementFix;
import io.zdcd.analyzer.internal.BatchLoop;
import io.zdcd.analyzer.internal.ClassifierAccess;
import io.zdcd.analyzer.internal.Schema;
import io.zdcd.classify.Classification;
import io.zdcd.classify.Finding;
import io.zdcd.classify.Migration;
import io.zdcd.classify.Phase;
import io.zdcd.classify.StatementAnalysis;
import io.zdcd.classify.Verdict;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One fix: walks the migration's statements as the classifier judged them, keeps SAFE ones, replaces UNSAFE ones by
 * their recipe's steps, and after each change classifies the whole sequence of files again; a change that leaves any
 * statement UNSAFE is undone and reported.
 */
public final class Fixer {
    private static final String HELD_LOCK = "long-operation-under-held-lock";
    private static final String TRANSACTION_CONTROL = "transaction-control";

    private final SqlMigrationClassifier classifier;
    private final int batchSize;

    /** A file being built: its statements and the comments saying why. */
    private record Group(Phase phase, boolean outsideTransaction, boolean passthrough, List<String> comments,
                         List<String> statements) {
        Group with(String comment, String sql) {
            List<String> c = new ArrayList<>(comments);
            c.add(comment);
            List<String> s = new ArrayList<>(statements);
            s.add(sql);
            return new Group(phase, outsideTransaction, passthrough, List.copyOf(c), List.copyOf(s));
        }
    }

    public Fixer(SqlMigrationClassifier classifier, int batchSize) {
        this.classifier = classifier;
        this.batchSize = batchSize;
    }

    public FixResult fix(Migration migration) {
        Classification original = classifier.classify(migration);
        String base = baseName(migration.name());
        List<Group> expand = new ArrayList<>();
        List<Group> contract = new ArrayList<>();
        List<StatementFix> fixes = new ArrayList<>();
        List<StatementAnalysis> pending = new ArrayList<>();
        List<SqlStatement> split = SqlScript.split(migration.sql());
        for (StatementAnalysis s : original.statements()) {
            if (s.isSafe() && s.ruleIds().contains(TRANSACTION_CONTROL)) {
                continue; // the files bring their own transactions
            }
            if (s.isSafe()) {
                String notCarried = notCarried(split, s);
                if (notCarried != null) {
                    String rule = s.ruleIds().isEmpty() ? s.kind() : s.ruleIds().get(0);
                    fixes.add(new StatementFix(s.index(), s.line(), rule, Optional.empty(),
                            "SAFE in the migration, but not carried into the files: " + notCarried));
                    continue;
                }
                pending.add(s); // kept as written; proven with the run of SAFE statements it belongs to
                continue;
            }
            keepAll(pending, expand, contract, base, fixes);
            List<String> unsafeRules = s.findings().stream().filter(f -> f.verdict() == Verdict.UNSAFE)
                    .map(Finding::ruleId).distinct().toList();
            List<String> recipeRules = unsafeRules.stream().filter(r -> !r.equals(HELD_LOCK)).toList();
            if (recipeRules.isEmpty()) { // only long-operation-under-held-lock: a file of its own ends the hold
                String failure = keep(s, expand, contract, base, true);
                fixes.add(failure == null
                        ? new StatementFix(s.index(), s.line(), HELD_LOCK, Optional.of("own-transaction"),
                        "runs in a file of its own, so no lock taken before it is held while it runs")
                        : new StatementFix(s.index(), s.line(), HELD_LOCK, Optional.empty(),
                        "no recipe for rule " + HELD_LOCK + ": " + failure));
                continue;
            }
            String rule = recipeRules.get(0);
            if (recipeRules.size() > 1) {
                fixes.add(new StatementFix(s.index(), s.line(), rule, Optional.empty(), "no recipe for rule " + rule
                        + ": the statement is also UNSAFE by " + String.join(", ", recipeRules.subList(1,
                        recipeRules.size())) + ", and a recipe covers one rule"));
                continue;
            }
            String reason = null;
            boolean done = false;
            Recipes.Facts facts = new Recipes.Facts(batchSize, table -> BatchLoop.integerPrimaryKey(
                    schemaBefore(split, s, migration.name()), table));
            for (Recipes.Plan plan : Recipes.plans(rule, s.sql(), facts)) {
                if (plan.isNone()) {
                    reason = plan.noRecipe();
                    break;
                }
                List<Group> e = new ArrayList<>(expand);
                List<Group> c = new ArrayList<>(contract);
                for (Recipes.Step step : plan.steps()) {
                    String comment = "line " + s.line() + " of the migration, " + rule + " -> " + plan.recipe()
                            + ":\n" + step.why();
                    boolean outside = step.outsideTransaction() || mustRunOutsideTransaction(step.sql());
                    (step.phase() == Phase.CONTRACT ? c : e).add(new Group(step.phase(), outside, false,
                            List.of(comment), List.of(step.sql())));
                }
                String failure = prove(e, c, base);
                if (failure == null) {
                    expand = e;
                    contract = c;
                    fixes.add(new StatementFix(s.index(), s.line(), rule, Optional.of(plan.recipe()),
                            plan.steps().size() + " step" + (plan.steps().size() == 1 ? "" : "s") + ", "
                                    + plan.steps().stream().filter(x -> x.phase() == Phase.CONTRACT).count()
                                    + " in contract"));
                    done = true;
                    break;
                }
                reason = "no recipe for rule " + rule + ": zdcd's classifier does not judge the " + plan.recipe()
                        + " sequence SAFE: " + failure;
            }
            if (!done) {
                fixes.add(new StatementFix(s.index(), s.line(), rule, Optional.empty(), reason));
            }
        }
        keepAll(pending, expand, contract, base, fixes);
        return new FixResult(migration.name(), render(expand, contract, base, migration.name()), fixes);
    }

    /**
     * Adds a run of SAFE statements as written, proving the sequence once; when that proof fails, each statement is
     * placed and proven on its own, and one that no place keeps SAFE is reported. Empties {@code run}.
     */
    private void keepAll(List<StatementAnalysis> run, List<Group> expand, List<Group> contract, String base,
                         List<StatementFix> fixes) {
        if (run.isEmpty()) {
            return;
        }
        List<Group> e = new ArrayList<>(expand);
        for (StatementAnalysis s : run) {
            place(s, e, false);
        }
        if (prove(e, contract, base) == null) {
            expand.clear();
            expand.addAll(e);
        } else {
            for (StatementAnalysis s : run) {
                String failure = keep(s, expand, contract, base, false);
                if (failure != null) {
                    String rule = s.ruleIds().isEmpty() ? s.kind() : s.ruleIds().get(0);
                    fixes.add(new StatementFix(s.index(), s.line(), rule, Optional.empty(), "SAFE in the migration, "
                            + "but no place in the fixed sequence keeps it SAFE: " + failure));
                }
            }
        }
        run.clear();
    }

    /** Appends the statement to the open file of unchanged statements, or to a new file; no proof. */
    private void place(StatementAnalysis s, List<Group> expand, boolean alone) {
        boolean outside = mustRunOutsideTransaction(s.sql());
        String comment = comment(s, alone, outside);
        Group last = expand.isEmpty() ? null : expand.get(expand.size() - 1);
        if (!alone && !outside && last != null && last.passthrough() && !last.outsideTransaction()) {
            expand.set(expand.size() - 1, last.with(comment, s.sql()));
        } else {
            expand.add(new Group(Phase.EXPAND, outside, !alone && !outside, List.of(comment), List.of(s.sql())));
        }
    }

    private static String comment(StatementAnalysis s, boolean alone, boolean outside) {
        return (alone ? "line " + s.line() + " of the migration, in a file of its own so that no lock taken "
                + "before it is held while it runs" : "line " + s.line() + " of the migration, unchanged (zdcd "
                + "judges it SAFE)") + (outside ? "; it cannot run inside a transaction block" : "");
    }

    /**
     * Adds a statement the recipe keeps as written: to the open file of unchanged statements, else (or when that is
     * not SAFE) to a file of its own. Returns null, or why no place is SAFE (the lists are then unchanged).
     */
    private String keep(StatementAnalysis s, List<Group> expand, List<Group> contract, String base, boolean alone) {
        List<Group> e = new ArrayList<>(expand);
        place(s, e, alone);
        String first = prove(e, contract, base);
        if (first == null) {
            expand.clear();
            expand.addAll(e);
            return null;
        }
        if (alone || e.size() > expand.size()) {
            return first; // it already had a file of its own
        }
        e = new ArrayList<>(expand);
        place(s, e, true);
        String failure = prove(e, contract, base);
        if (failure == null) {
            expand.clear();
            expand.addAll(e);
        }
        return failure;
    }

    /** The schema the classifier knows where {@code s} stands: its own, then the migration's statements before s. */
    private Schema schemaBefore(List<SqlStatement> split, StatementAnalysis s, String name) {
        StringBuilder sql = new StringBuilder();
        for (SqlStatement st : split.subList(0, Math.min(split.size(), Math.max(0, s.index() - 1)))) {
            if (!st.psqlMetaCommand() && st.copyData().isEmpty()) {
                sql.append(st.text()).append(";\n");
            }
        }
        return ClassifierAccess.schemaAfter(classifier, Migration.of(name, sql.toString()));
    }

    /** Why the splitter's facts keep the statement out of the files (psql-only text, inline COPY data), or null. */
    private static String notCarried(List<SqlStatement> split, StatementAnalysis s) {
        if (s.index() < 1 || s.index() > split.size()) {
            return null;
        }
        SqlStatement st = split.get(s.index() - 1);
        if (st.psqlMetaCommand()) {
            return "a psql meta-command (only psql runs it); add it to the files by hand if they run with psql";
        }
        if (!st.copyData().isEmpty()) {
            return "COPY ... FROM stdin with inline data; load the data in a file of its own";
        }
        return null;
    }

    /** Whether the classifier says the statement cannot run inside BEGIN ... COMMIT. */
    private boolean mustRunOutsideTransaction(String sql) {
        Classification inTx = classifier.classify(Migration.of("<probe>", "BEGIN;\n" + sql + ";\nCOMMIT;"));
        return inTx.allFindings().stream().anyMatch(f -> f.ruleId().equals("concurrently-in-transaction")
                || f.ruleId().equals("not-allowed-in-transaction"));
    }

    /**
     * Null when every statement of every expand file is SAFE, and every statement of every contract file SAFE or
     * judged {@link Phase#CONTRACT} (it breaks only the old code, with no rewrite or scan); else the first finding
     * that is not.
     */
    private String prove(List<Group> expand, List<Group> contract, String base) {
        List<FixFile> files = render(expand, contract, base, base);
        List<Migration> migrations = files.stream().map(f -> Migration.of(f.name(), f.sql())).toList();
        List<Classification> judged = classifier.classifyAll(migrations).migrations();
        for (int i = 0; i < judged.size(); i++) {
            Classification c = judged.get(i);
            boolean inContract = files.get(i).phase() == Phase.CONTRACT;
            if (c.isSafe()) {
                continue;
            }
            for (StatementAnalysis s : c.statements()) {
                if (inContract && s.phase() == Phase.CONTRACT) {
                    continue; // what a contract file claims: it breaks only the old code, and blocks no traffic
                }
                for (Finding f : s.findings()) {
                    if (f.verdict() == Verdict.UNSAFE) {
                        return "`" + abbreviate(s.sql()) + "` in " + c.migration() + " is UNSAFE (" + f.ruleId()
                                + ": " + f.message() + ")";
                    }
                }
            }
            if (c.findings().stream().anyMatch(f -> f.verdict() == Verdict.UNSAFE)) {
                return c.migration() + " is UNSAFE: " + c.findings();
            }
        }
        return null;
    }

    private static List<FixFile> render(List<Group> expand, List<Group> contract, String base, String migration) {
        List<Group> all = new ArrayList<>(expand);
        all.addAll(contract);
        List<FixFile> files = new ArrayList<>();
        for (int i = 0; i < all.size(); i++) {
            Group g = all.get(i);
            String name = String.format("%s_%03d_%s.sql", base, i + 1, g.phase().label());
            StringBuilder sql = new StringBuilder();
            sql.append("-- zdcd fix of ").append(migration).append(": file ").append(i + 1).append(" of ")
                    .append(all.size()).append(", ").append(g.phase().label()).append(g.phase() == Phase.EXPAND
                            ? " (safe now, before the new code is released)\n"
                            : " (run once the new code is live, after every expand file)\n");
            sql.append(g.outsideTransaction() ? "-- run OUTSIDE a transaction block (autocommit)\n"
                    : "-- runs as one transaction\n");
            for (int k = 0; k < g.statements().size(); k++) {
                sql.append("\n-- ").append(g.comments().get(k).replace("\n", "\n-- ")).append('\n')
                        .append(g.statements().get(k)).append(";\n");
            }
            files.add(new FixFile(name, g.phase(), sql.toString(), g.outsideTransaction()));
        }
        return files;
    }

    /** The file name without directory and .sql, made safe as part of a file name. */
    static String baseName(String migration) {
        String n = migration.replace('\\', '/');
        n = n.substring(n.lastIndexOf('/') + 1);
        if (n.toLowerCase(java.util.Locale.ROOT).endsWith(".sql")) {
            n = n.substring(0, n.length() - 4);
        }
        n = n.replaceAll("[^A-Za-z0-9_.-]", "_").replaceAll("^[_.]+|_+$", "");
        return n.isEmpty() ? "migration" : n;
    }

    private static String abbreviate(String sql) {
        String one = sql.replaceAll("\\s+", " ").trim();
        return one.length() > 80 ? one.substring(0, 77) + "..." : one;
    }
}
