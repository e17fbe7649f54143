package io.zdcd.analyzer.internal;

import io.zdcd.classify.Finding;
import io.zdcd.classify.LockMode;
import io.zdcd.classify.StatementAnalysis;
import io.zdcd.classify.Verdict;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One migration while {@link MigrationAnalyzer} walks it: what the migration-level checks
 * ({@link io.zdcd.analyzer.internal.rules.MigrationCheck}) read (the context, the comments, the statement before) and
 * write (findings of the migration, analyses of earlier statements that its end changes).
 */
public final class MigrationRun {
    public final Context ctx;
    public final List<Suppressions.Ignore> ignores;
    public final List<PythonOperations.Marker> pythonOperations;
    private final Set<String> disabledRules;
    /** The strongest lock held before the current statement, or null. */
    public Map.Entry<String, LockMode> heldBefore;
    /** Whether a transaction was open before the current statement. */
    public boolean inTransactionBefore;
    /** The analysis of the last statement so far, or null. */
    public StatementAnalysis last;
    /** The analysis of the statement that opened the transaction still open, or null (unclosed-transaction's). */
    public StatementAnalysis opened;
    /** Analyses of earlier statements that the end of the migration changed, by 1-based statement index. */
    public final Map<Integer, StatementAnalysis> late = new java.util.TreeMap<>();
    /** The migration's own findings (not of one statement). */
    public final List<Finding> findings = new ArrayList<>();

    MigrationRun(Context ctx, List<Suppressions.Ignore> ignores, List<PythonOperations.Marker> pythonOperations,
                 Set<String> disabledRules) {
        this.ctx = ctx;
        this.ignores = ignores;
        this.pythonOperations = pythonOperations;
        this.disabledRules = disabledRules;
    }

    /** The valid zdcd:ignore naming {@code ruleId} before the statement with 1-based {@code index} (-1: at the end). */
    public Suppressions.Ignore ignore(int index, String ruleId) {
        return Suppressions.matching(ignores, index, ruleId);
    }

    /** Adds a finding of the migration, unless its rule is disabled. */
    public void add(Finding f) {
        if (!disabledRules.contains(f.ruleId())) {
            findings.add(f);
        }
    }

    /** Whether the finding's rule is disabled. */
    public boolean disabled(String ruleId) {
        return disabledRules.contains(ruleId);
    }

    /** Adds a finding to an earlier statement's analysis (as changed so far), ignored when {@code ig} names it. */
    public void addLate(StatementAnalysis s, Finding finding, Suppressions.Ignore ig) {
        late.put(s.index(), append(late.getOrDefault(s.index(), s), finding, ig));
    }

    /** The analysis with one more finding (unless its rule is disabled), ignored when {@code ig} names it. */
    public StatementAnalysis append(StatementAnalysis s, Finding finding, Suppressions.Ignore ig) {
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
    public static Finding ignored(Finding f, Suppressions.Ignore ig) {
        if (ig == null || f.verdict() != Verdict.UNSAFE) {
            return f;
        }
        ig.used = true;
        return new Finding(f.ruleId(), Verdict.SAFE, "ignored by zdcd:ignore (" + ig.reason + "): " + f.message(),
                f.safeAlternative());
    }
}
