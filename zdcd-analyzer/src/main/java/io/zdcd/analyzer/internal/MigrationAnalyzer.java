package io.zdcd.analyzer.internal;

import io.zdcd.analyzer.SqlStatement;
import io.zdcd.analyzer.internal.rules.MigrationCheck;
import io.zdcd.analyzer.internal.rules.RuleSet;
import io.zdcd.classify.Classification;
import io.zdcd.classify.Finding;
import io.zdcd.classify.Migration;
import io.zdcd.classify.StatementAnalysis;
import io.zdcd.classify.Verdict;
import java.util.ArrayList;
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

    /** The team's own rules, in the order they run (for the reports that describe rules). */
    public List<io.zdcd.analyzer.rules.MigrationRule> userRules() {
        return userRules;
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
        // A large migration without zdcd:ignore comments or Django markers (both read from the text between the
        // statements, so from the whole list) is split on another thread while its first statements are judged.
        boolean stream = sql.length() >= STREAM_MIN_CHARS && !sql.contains("zdcd:ignore")
                && !sql.contains("CANNOT BE WRITTEN AS SQL");
        List<SqlStatement> statements = stream ? List.of() : io.zdcd.analyzer.SqlScript.split(sql);
        MigrationRun run = stream ? new MigrationRun(ctx, List.of(), List.of(), disabledRules) // neither in the text
                : new MigrationRun(ctx, Suppressions.find(sql, statements, userRuleIds),
                PythonOperations.find(sql, statements), disabledRules);
        boolean anyUnsafe = false;
        int count;
        try (StatementFeed feed = stream ? StatementFeed.background(sql) : StatementFeed.of(statements)) {
            for (StatementFeed.Item item = feed.next(); item != null; item = feed.next()) {
                run.inTransactionBefore = ctx.inTransaction;
                StatementAnalysis a = judge(item.statement(), item.tokens(), run);
                run.last = a;
                for (MigrationCheck c : RuleSet.MIGRATION) {
                    c.analysed(run, a);
                }
                StatementAnalysis emitted = known.getOrDefault(a.index(), a);
                anyUnsafe |= !emitted.isSafe();
                sink.accept(emitted);
            }
            count = feed.count();
        }
        for (MigrationCheck c : RuleSet.MIGRATION) {
            c.atEnd(run);
        }
        for (Suppressions.Ignore ig : run.ignores) {
            for (MigrationCheck c : RuleSet.MIGRATION) {
                c.ignoreComment(run, ig);
            }
        }
        boolean unsafe = anyUnsafe || run.late.values().stream().anyMatch(a -> !a.isSafe())
                || run.findings.stream().anyMatch(f -> f.verdict() == Verdict.UNSAFE);
        return new Tail(unsafe ? Verdict.UNSAFE : Verdict.SAFE, count, List.copyOf(run.findings),
                java.util.Collections.unmodifiableMap(run.late));
    }

    /**
     * One statement judged in its context (which it updates). A method of its own rather than the body of the loop
     * over the statements: the JIT compiles a method called once per statement after a few hundred calls, while the
     * body of a loop run once (one migration of 20,000 statements) stays interpreted.
     */
    private StatementAnalysis judge(SqlStatement st, Tokens tokens, MigrationRun run) {
        Context ctx = run.ctx;
        Judgement j = new Judgement(ctx);
        if (!ctx.inTransaction && !st.psqlMetaCommand() && mayNeedNoTransaction(st.text())
                && io.zdcd.sql.SqlStatement.needsNoTransaction(st.text())) {
            ctx.heldLocks.clear(); // the runner commits the implicit transaction before this statement
            ctx.enumLabelsAddedInTx.clear();
        }
        run.heldBefore = ctx.strongestHeldLock();
        try {
            StatementRules.analyze(st, tokens, j);
            if (crossCheck) {
                for (MigrationCheck c : RuleSet.MIGRATION) {
                    c.crossCheck(st, j);
                }
            }
        } catch (RuntimeException | StackOverflowError e) {
            for (MigrationCheck c : RuleSet.MIGRATION) {
                c.failed(j, e);
            }
        }
        for (MigrationCheck c : RuleSet.MIGRATION) {
            c.afterStatement(run, st, j);
        }
        return toAnalysis(st, j, run);
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

    /** Migrations of at least this many characters (about 1,000 statements) are split on a thread of their own. */
    private static final int STREAM_MIN_CHARS = 100_000;

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

    /** The four sets of what a lock blocks, immutable (StatementAnalysis keeps them without copying). */
    private static final Set<StatementAnalysis.Blocked> BLOCKS_NONE = Set.of();
    private static final Set<StatementAnalysis.Blocked> BLOCKS_READS = Set.of(StatementAnalysis.Blocked.READS);
    private static final Set<StatementAnalysis.Blocked> BLOCKS_WRITES = Set.of(StatementAnalysis.Blocked.WRITES);
    private static final Set<StatementAnalysis.Blocked> BLOCKS_BOTH = Set.of(StatementAnalysis.Blocked.READS,
            StatementAnalysis.Blocked.WRITES);

    private StatementAnalysis toAnalysis(SqlStatement st, Judgement j, MigrationRun run) {
        String rowsLocked = rowsLocked(j);
        List<Finding> findings = new ArrayList<>(j.findings.size());
        for (Finding f : j.findings) {
            if (disabledRules.contains(f.ruleId())) {
                continue;
            }
            if (!rowsLocked.isEmpty() && f.verdict() == Verdict.UNSAFE && !f.ruleId().equals(Rules.HELD_LOCK.id())) {
                f = new Finding(f.ruleId(), f.verdict(), f.message() + rowsLocked, f.safeAlternative());
            }
            findings.add(f.verdict() == Verdict.UNSAFE ? MigrationRun.ignored(f, run.ignore(st.index(), f.ruleId()))
                    : f);
        }
        Verdict verdict = Verdict.SAFE;
        for (Finding f : findings) { // a loop, not a stream: once per statement, a stream costs more than its work
            if (f.verdict() == Verdict.UNSAFE) {
                verdict = Verdict.UNSAFE;
                break;
            }
        }
        Set<StatementAnalysis.Blocked> blocks = j.lock == null ? BLOCKS_NONE
                : j.lock.blocksReads() ? (j.lock.blocksWrites() ? BLOCKS_BOTH : BLOCKS_READS)
                : j.lock.blocksWrites() ? BLOCKS_WRITES : BLOCKS_NONE;
        StatementAnalysis a = new StatementAnalysis(st.index(), st.line(), st.column(), st.text(), j.kind,
                List.copyOf(j.tables), Optional.ofNullable(j.lock), blocks, j.rewrite, j.scan, j.breaksOldCode, verdict,
                findings, j.locks);
        return userRules.isEmpty() ? a : withUserRules(a, st, j, run);
    }

    /** The analysis with the findings of the team's own rules (a rule that throws: UNSAFE, fail closed). */
    private StatementAnalysis withUserRules(StatementAnalysis a, SqlStatement st, Judgement j, MigrationRun run) {
        StatementAnalysis judged = a;
        List<io.zdcd.analyzer.rules.Action> actions = Actions.of(j.ops);
        for (io.zdcd.analyzer.rules.MigrationRule rule : userRules) {
            if (disabledRules.contains(rule.id())) {
                continue;
            }
            Optional<String> message;
            try {
                message = Objects.requireNonNull(rule.check(a, actions), "check returned null");
            } catch (RuntimeException e) {
                message = Optional.of("the rule failed on this statement (" + e.getClass().getSimpleName()
                        + (e.getMessage() == null ? "" : ": " + e.getMessage()) + "); treated as UNSAFE");
            }
            if (message.isPresent()) {
                judged = run.append(judged, new Finding(rule.id(), Verdict.UNSAFE, message.get(),
                        rule.safeAlternative()), run.ignore(st.index(), rule.id()));
            }
        }
        return judged;
    }
}
