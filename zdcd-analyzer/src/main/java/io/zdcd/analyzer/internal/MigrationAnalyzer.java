package io.zdcd.analyzer.internal;

import io.zdcd.analyzer.SqlStatement;
import io.zdcd.classify.Classification;
import io.zdcd.classify.Finding;
import io.zdcd.classify.LockMode;
import io.zdcd.classify.Migration;
import io.zdcd.classify.StatementAnalysis;
import io.zdcd.classify.Verdict;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Analyses one migration statement by statement, carrying the context (transaction, locks held, lock_timeout,
 * tables created, schema knowledge). Never throws for any SQL text.
 */
public final class MigrationAnalyzer {
    private final PgVersion version;
    private final Set<String> disabledRules;
    private final boolean crossCheck;
    private final boolean implicitTransactions;
    private final List<io.zdcd.analyzer.rules.MigrationRule> userRules;
    private final Set<String> userRuleIds;

    /**
     * @param implicitTransactions whether statements outside an explicit transaction run in one implicit transaction
     *                             (per stretch between explicit transactions and non-transactional statements), as
     *                             migration runners run a file, rather than in autocommit as psql does
     */
    public MigrationAnalyzer(PgVersion version, Set<String> disabledRules, boolean crossCheck,
                             boolean implicitTransactions) {
        this(version, disabledRules, crossCheck, implicitTransactions, List.of());
    }

    /** With a team's own rules, run on each statement after zdcd's (see {@link io.zdcd.analyzer.rules.MigrationRule}). */
    public MigrationAnalyzer(PgVersion version, Set<String> disabledRules, boolean crossCheck,
                             boolean implicitTransactions, List<io.zdcd.analyzer.rules.MigrationRule> userRules) {
        this.version = version;
        this.disabledRules = Set.copyOf(disabledRules);
        this.crossCheck = crossCheck;
        this.implicitTransactions = implicitTransactions;
        this.userRules = List.copyOf(userRules);
        this.userRuleIds = userRules.stream().map(io.zdcd.analyzer.rules.MigrationRule::id)
                .collect(java.util.stream.Collectors.toUnmodifiableSet());
    }

    /** Classifies {@code migration}; {@code schema} is read and updated with what the migration does. */
    public Classification analyze(Migration migration, Schema schema) {
        List<StatementAnalysis> out = new ArrayList<>();
        Tail tail = analyze(migration, schema, out::add, Map.of());
        tail.late().forEach((index, analysis) -> {
            for (int k = out.size() - 1; k >= 0; k--) {
                if (out.get(k).index() == index) {
                    out.set(k, analysis);
                    break;
                }
            }
        });
        return new Classification(migration.name(), tail.verdict(), out, tail.findings());
    }

    /**
     * What is known of a migration once its statements went by: its verdict, its own findings, and the analyses of
     * earlier statements that its end changed ({@code late}, by 1-based statement index: the statement that opened a
     * transaction never committed, the last statement before a Django operation at the very end).
     */
    public record Tail(Verdict verdict, int statements, List<Finding> findings, Map<Integer, StatementAnalysis> late) {
    }

    /**
     * Classifies {@code migration} statement by statement, handing each analysis to {@code sink} as soon as it is
     * made, without keeping it: memory stays bounded by the migration's text. The end of a migration can change an
     * earlier statement's analysis ({@link Tail#late()}); an earlier pass's {@code late} given as {@code known} is
     * handed to the sink in place of those statements, so that a second pass streams the final analyses.
     */
    public Tail analyze(Migration migration, Schema schema, java.util.function.Consumer<StatementAnalysis> sink,
                        Map<Integer, StatementAnalysis> known) {
        Context ctx = new Context(version, schema);
        ctx.implicitTransactions = implicitTransactions;
        String sql = forwardPart(migration.sql());
        List<SqlStatement> statements = io.zdcd.analyzer.SqlScript.split(sql);
        List<Suppressions.Ignore> ignores = Suppressions.find(sql, statements, userRuleIds);
        List<PythonOperations.Marker> pythonOperations = PythonOperations.find(sql, statements);
        boolean anyUnsafe = false;
        StatementAnalysis opened = null; // the analysis of the statement that opened the transaction still open
        StatementAnalysis last = null;
        Tokens[] lexed = new Tokens[Math.min(statements.size(), LEX_AHEAD_CHUNK)];
        int openedAt = -1; // the statement that opened the transaction still open, if any
        for (int k = 0; k < statements.size(); k++) {
            SqlStatement st = statements.get(k);
            if (statements.size() >= LEX_AHEAD_MIN && k % LEX_AHEAD_CHUNK == 0) {
                lexAhead(statements, k, lexed);
            }
            Tokens tokens = statements.size() >= LEX_AHEAD_MIN ? lexed[k % LEX_AHEAD_CHUNK] : null;
            boolean inTransactionBefore = ctx.inTransaction;
            StatementAnalysis a = judge(st, tokens, ctx, ignores, pythonOperations);
            last = a;
            if (ctx.inTransaction && (!inTransactionBefore || openedAt < 0)) {
                openedAt = k;
                opened = a;
            } else if (!ctx.inTransaction) {
                openedAt = -1;
                opened = null;
            }
            StatementAnalysis emitted = known.getOrDefault(a.index(), a);
            anyUnsafe |= !emitted.isSafe();
            sink.accept(emitted);
        }
        Map<Integer, StatementAnalysis> late = new java.util.TreeMap<>();
        if (ctx.inTransaction && openedAt >= 0) {
            late.put(opened.index(), unclosed(statements.get(openedAt), opened, ignores));
        }
        List<Finding> migrationFindings = new ArrayList<>();
        for (PythonOperations.Marker m : pythonOperations) {
            if (m.nextIndex() >= 0) {
                continue;
            }
            Finding f = pythonOperation(m, ctx.strongestHeldLock(), ctx, "after");
            Suppressions.Ignore ig = Suppressions.matching(ignores, -1, f.ruleId());
            if (last == null) {
                f = ignored(f, ig);
                addUnlessDisabled(migrationFindings, f);
            } else {
                late.put(last.index(), appendFinding(late.getOrDefault(last.index(), last), f, ig));
            }
        }
        for (Suppressions.Ignore ig : ignores) {
            if (ig.problem != null) {
                addUnlessDisabled(migrationFindings, new Finding(Rules.INVALID_IGNORE.id(), Verdict.SAFE,
                        "line " + ig.line + ": " + ig.problem + " (the comment is not applied)", ""));
            } else if (!ig.used) {
                addUnlessDisabled(migrationFindings, new Finding(Rules.UNUSED_IGNORE.id(), Verdict.SAFE,
                        "line " + ig.line + ": zdcd:ignore " + ig.ruleId + " matches no finding of the statement "
                                + "after it", "remove the comment"));
            }
        }
        boolean unsafe = anyUnsafe || late.values().stream().anyMatch(a -> !a.isSafe())
                || migrationFindings.stream().anyMatch(f -> f.verdict() == Verdict.UNSAFE);
        return new Tail(unsafe ? Verdict.UNSAFE : Verdict.SAFE, statements.size(), List.copyOf(migrationFindings),
                java.util.Collections.unmodifiableMap(late));
    }

    /**
     * One statement judged in its context (which it updates). A method of its own rather than the body of the loop
     * over the statements: the JIT compiles a method called once per statement after a few hundred calls, while the
     * body of a loop run once (one migration of 20,000 statements) stays interpreted.
     */
    private StatementAnalysis judge(SqlStatement st, Tokens tokens, Context ctx, List<Suppressions.Ignore> ignores,
                                    List<PythonOperations.Marker> pythonOperations) {
        Judgement j = new Judgement(ctx);
        if (!ctx.inTransaction && !st.psqlMetaCommand() && mayNeedNoTransaction(st.text())
                && io.zdcd.sql.SqlStatement.needsNoTransaction(st.text())) {
            ctx.heldLocks.clear(); // the runner commits the implicit transaction before this statement
            ctx.enumLabelsAddedInTx.clear();
        }
        Map.Entry<String, LockMode> heldBefore = ctx.strongestHeldLock();
        try {
            StatementRules.analyze(st, tokens, j);
            if (crossCheck) {
                CrossCheck.check(st, j);
            }
        } catch (RuntimeException | StackOverflowError e) {
            j.findings.clear();
            j.kind = "UNRECOGNISED";
            j.finding(Rules.UNRECOGNISED, "zdcd could not analyse this statement (" + e.getClass().getSimpleName()
                    + "); treated as UNSAFE");
        }
        for (int m = pythonOperations.size() - 1; m >= 0; m--) {
            if (pythonOperations.get(m).nextIndex() == st.index()) {
                j.findings.add(0, pythonOperation(pythonOperations.get(m), heldBefore, ctx, "before"));
            }
        }
        afterStatement(ctx, j, heldBefore);
        newEnumLabelUse(ctx, j, st);
        if (!version.atLeast(15) && NULLS_NOT_DISTINCT.matcher(st.text()).find()) {
            j.finding(Rules.UNSUPPORTED_VERSION, Verdict.UNSAFE, "NULLS NOT DISTINCT needs PostgreSQL 15+; the "
                    + "target is " + version + ": the statement fails");
        }
        return toAnalysis(st, j, ignores);
    }

    /**
     * The SQL up to a down-migration marker of goose ({@code -- +goose Down}) or dbmate ({@code -- migrate:down}): what
     * follows undoes the migration and is not run when it is applied.
     */
    static String forwardPart(String sql) {
        return io.zdcd.sql.SqlScript.forwardPart(sql); // the runners leave out the same part
    }

    /** A cheap pre-check for {@link io.zdcd.sql.SqlStatement#needsNoTransaction(String)} (which normalises the whole text). */
    private static boolean mayNeedNoTransaction(String sql) {
        return NO_TRANSACTION_WORDS.matcher(sql).find();
    }

    private static final java.util.regex.Pattern NO_TRANSACTION_WORDS = java.util.regex.Pattern.compile(
            "concurrently|vacuum|database|system|tablespace|commit", java.util.regex.Pattern.CASE_INSENSITIVE);

    private static final java.util.regex.Pattern NULLS_NOT_DISTINCT = java.util.regex.Pattern.compile(
            "\\bNULLS\\s+NOT\\s+DISTINCT\\b", java.util.regex.Pattern.CASE_INSENSITIVE);

    /** Migrations with at least this many statements are lexed ahead, in parallel, a chunk at a time. */
    private static final int LEX_AHEAD_MIN = 512;
    private static final int LEX_AHEAD_CHUNK = 2048;

    /**
     * Lexes statements [from, from + chunk) on all cores (lexing needs no context; the rules then run in order).
     * A statement that cannot be lexed here is lexed again, in order, by the rules.
     */
    private static void lexAhead(List<SqlStatement> statements, int from, Tokens[] into) {
        int to = Math.min(statements.size(), from + into.length);
        java.util.Arrays.fill(into, null);
        java.util.stream.IntStream.range(from, to).parallel().forEach(k -> {
            SqlStatement st = statements.get(k);
            if (!st.psqlMetaCommand() && st.problem().isEmpty()) {
                try {
                    into[k - from] = Tokens.lex(st.text());
                } catch (RuntimeException | StackOverflowError e) {
                    into[k - from] = null;
                }
            }
        });
    }

    /** {@code opening} with the finding that its transaction is never committed (fail closed). */
    private StatementAnalysis unclosed(SqlStatement st, StatementAnalysis opening, List<Suppressions.Ignore> ignores) {
        String message = "opens a transaction that is still open at the end of the migration (no COMMIT): psql "
                + "and most runners roll it back when the session ends, so nothing after it is applied";
        Finding f = new Finding(Rules.UNCLOSED_TRANSACTION.id(), Verdict.UNSAFE, message,
                Rules.UNCLOSED_TRANSACTION.alternative());
        return appendFinding(opening, f, Suppressions.matching(ignores, st.index(), f.ruleId()));
    }

    /** The analysis with one more finding (unless its rule is disabled), ignored when {@code ig} names it. */
    private StatementAnalysis appendFinding(StatementAnalysis s, Finding finding, Suppressions.Ignore ig) {
        if (disabledRules.contains(finding.ruleId())) {
            return s;
        }
        Finding f = ignored(finding, ig);
        List<Finding> findings = new ArrayList<>(s.findings());
        findings.add(f);
        Verdict verdict = f.verdict() == Verdict.UNSAFE ? Verdict.UNSAFE : s.verdict();
        return new StatementAnalysis(s.index(), s.line(), s.column(), s.sql(), s.kind(), s.tables(), s.lock(),
                s.blocks(), s.rewrite(), s.scan(), s.breaksOldCode(), verdict, findings, s.locks());
    }

    /** The finding, made SAFE with the reason when a zdcd:ignore comment names its rule. */
    private static Finding ignored(Finding f, Suppressions.Ignore ig) {
        if (ig == null || f.verdict() != Verdict.UNSAFE) {
            return f;
        }
        ig.used = true;
        return new Finding(f.ruleId(), Verdict.SAFE, "ignored by zdcd:ignore (" + ig.reason + "): " + f.message(),
                f.safeAlternative());
    }

    /**
     * The finding for a Django operation {@code sqlmigrate} could not write as SQL, run {@code where} ("before" or
     * "after") the statement it is attached to, while {@code held} (may be null) is held.
     */
    private static Finding pythonOperation(PythonOperations.Marker m, Map.Entry<String, LockMode> held, Context ctx,
                                           String where) {
        boolean inTransaction = ctx.inTransaction || ctx.implicitTransactions;
        String lock = held == null ? (inTransaction ? "; it runs inside the migration's transaction, so every lock "
                + "it takes is held until COMMIT" : "")
                : "; it runs inside the migration's transaction, which already holds " + held.getValue().pgName()
                + " on " + held.getKey() + " (taken by an earlier statement, held until COMMIT): that table's "
                + (held.getValue().blocksReads() ? "reads and writes" : "writes") + " wait for all of it";
        return new Finding(Rules.DJANGO_PYTHON.id(), Verdict.UNSAFE, "line " + m.line() + ": " + where
                + " this statement Django runs an operation that sqlmigrate cannot write as SQL (" + m.description()
                + "): arbitrary Python may run, with data changes of unknown size, for an unknown time" + lock
                + "; zdcd cannot judge what it does", Rules.DJANGO_PYTHON.alternative());
    }

    private void addUnlessDisabled(List<Finding> list, Finding f) {
        if (!disabledRules.contains(f.ruleId())) {
            list.add(f);
        }
    }

    /** A statement using an enum label added earlier in the same transaction fails ("unsafe use of new value"). */
    private static void newEnumLabelUse(Context ctx, Judgement j, SqlStatement st) {
        if (ctx.enumLabelsAddedInTx.isEmpty() || "ALTER TYPE ADD VALUE".equals(j.kind)) {
            return;
        }
        for (String label : ctx.enumLabelsAddedInTx) {
            if (st.text().contains(label)) {
                j.finding(Rules.ENUM_ADD_VALUE, Verdict.UNSAFE, "uses the enum label " + label + ", which ALTER TYPE "
                        + "... ADD VALUE added earlier in the same transaction: PostgreSQL raises \"unsafe use of new "
                        + "value\" until that transaction commits", "COMMIT after ADD VALUE: use the label in a later "
                        + "transaction or migration");
                return;
            }
        }
    }

    private void afterStatement(Context ctx, Judgement j, Map.Entry<String, LockMode> heldBefore) {
        if (j.longRunning && heldBefore != null && (ctx.inTransaction || ctx.implicitTransactions)) {
            j.finding(Rules.HELD_LOCK, Verdict.UNSAFE, (ctx.inTransaction ? "runs inside a transaction"
                    : "runs in the same transaction as the statements before it (a migration runner runs the "
                    + "statements of a file that are outside BEGIN ... COMMIT as one transaction)") + " that already "
                    + "holds " + heldBefore.getValue().pgName() + " on " + heldBefore.getKey()
                    + rowsNote(ctx, heldBefore.getKey()) + " (taken by an earlier statement, held until COMMIT): "
                    + "that table's " + (heldBefore.getValue().blocksReads()
                    ? "reads and writes" : "writes") + " wait for this whole statement" + (j.slowCall == null ? ""
                    : ", and it " + (j.slowCall.endsWith("()") ? "calls " + j.slowCall + ", which" : "runs " + j.slowCall
                    + " code that") + " zdcd does not know to be instant"), Rules.HELD_LOCK.alternative());
        }
        if (j.lock != null && j.lock.blocksWrites() && !ctx.lockTimeoutInEffect() && !ctx.lockTimeoutNoted) {
            ctx.lockTimeoutNoted = true;
            j.finding(Rules.LOCK_TIMEOUT, Verdict.SAFE, "takes " + j.lock.pgName() + " with no lock_timeout set in "
                    + "this migration: while it waits for the lock, every later query on the table queues behind it. "
                    + "zdcd's runner sets a short lock_timeout and retries; other runners should "
                    + "SET lock_timeout = '2s' first", "");
        }
    }

    private static String rowsNote(Context ctx, String key) {
        String rows = ctx.schema.rows(key);
        return rows == null ? "" : " (" + rows + ")";
    }

    /** "; locks shop_order, about 2.1M rows" for a long operation on relations with a row estimate, else "". */
    private static String rowsLocked(Judgement j) {
        if (j.rows.isEmpty() || !(j.longRunning || j.rewrite || j.scan)) {
            return "";
        }
        StringBuilder sb = new StringBuilder("; locks ");
        j.rows.forEach((table, rows) -> sb.append(sb.length() > 8 ? "; " : "").append(table).append(", ")
                .append(rows));
        return sb.append(" (pg_class.reltuples)").toString();
    }

    private StatementAnalysis toAnalysis(SqlStatement st, Judgement j, List<Suppressions.Ignore> ignores) {
        if (j.findings.isEmpty()) {
            j.finding(Rules.UNRECOGNISED, "no rule recognised this statement; treated as UNSAFE");
        }
        String rowsLocked = rowsLocked(j);
        List<Finding> findings = new ArrayList<>(j.findings.size());
        for (Finding f : j.findings) {
            if (disabledRules.contains(f.ruleId())) {
                continue;
            }
            if (!rowsLocked.isEmpty() && f.verdict() == Verdict.UNSAFE && !f.ruleId().equals(Rules.HELD_LOCK.id())) {
                f = new Finding(f.ruleId(), f.verdict(), f.message() + rowsLocked, f.safeAlternative());
            }
            findings.add(f.verdict() == Verdict.UNSAFE ? ignored(f, Suppressions.matching(ignores, st.index(),
                    f.ruleId())) : f);
        }
        Verdict verdict = findings.stream().anyMatch(f -> f.verdict() == Verdict.UNSAFE) ? Verdict.UNSAFE
                : Verdict.SAFE;
        Set<StatementAnalysis.Blocked> blocks = EnumSet.noneOf(StatementAnalysis.Blocked.class);
        if (j.lock != null) {
            if (j.lock.blocksReads()) {
                blocks.add(StatementAnalysis.Blocked.READS);
            }
            if (j.lock.blocksWrites()) {
                blocks.add(StatementAnalysis.Blocked.WRITES);
            }
        }
        StatementAnalysis a = new StatementAnalysis(st.index(), st.line(), st.column(), st.text(), j.kind,
                List.copyOf(j.tables), Optional.ofNullable(j.lock), blocks, j.rewrite, j.scan, j.breaksOldCode, verdict,
                findings, j.locks);
        return userRules.isEmpty() ? a : withUserRules(a, st, ignores);
    }

    /** The analysis with the findings of the team's own rules (a rule that throws: UNSAFE, fail closed). */
    private StatementAnalysis withUserRules(StatementAnalysis a, SqlStatement st, List<Suppressions.Ignore> ignores) {
        StatementAnalysis judged = a;
        for (io.zdcd.analyzer.rules.MigrationRule rule : userRules) {
            if (disabledRules.contains(rule.id())) {
                continue;
            }
            Optional<String> message;
            try {
                message = Objects.requireNonNull(rule.check(a), "check returned null");
            } catch (RuntimeException e) {
                message = Optional.of("the rule failed on this statement (" + e.getClass().getSimpleName()
                        + (e.getMessage() == null ? "" : ": " + e.getMessage()) + "); treated as UNSAFE");
            }
            if (message.isPresent()) {
                judged = appendFinding(judged, new Finding(rule.id(), Verdict.UNSAFE, message.get(),
                        rule.safeAlternative()), Suppressions.matching(ignores, st.index(), rule.id()));
            }
        }
        return judged;
    }
}
