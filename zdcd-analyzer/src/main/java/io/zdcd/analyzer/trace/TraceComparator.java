package io.zdcd.analyzer.trace;

import io.zdcd.analyzer.trace.internal.KnownDifferences;
import io.zdcd.classify.Classification;
import io.zdcd.classify.LockMode;
import io.zdcd.classify.StatementAnalysis;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Compares the classifier's prediction for each statement with what the tracer observed: the lock (strongest mode
 * on a relation that existed before the migration), the rewrite, and failure (a statement PostgreSQL rejects must
 * not be judged SAFE). Differences that a rule documents as harmless ({@code known-differences.tsv} next to this
 * class: rule, aspect, predicted, observed, versions and the reason) are reported as allowed.
 *
 * <pre>{@code
 * TraceComparison c = TraceComparator.defaults().compare(classifier.classify(migration), tracer.trace(migration));
 * c.matches();   // false if PostgreSQL did something the classifier did not predict
 * }</pre>
 */
public final class TraceComparator {
    private final KnownDifferences known;

    private TraceComparator(KnownDifferences known) {
        this.known = known;
    }

    /** A comparator that allows the documented differences shipped with zdcd. */
    public static TraceComparator defaults() {
        return new TraceComparator(KnownDifferences.bundled());
    }

    /**
     * A comparator that allows the bundled differences and those in {@code tsv} (lines of
     * {@code rule aspect predicted observed versions reason}, tab-separated; {@code *} matches anything).
     */
    public static TraceComparator withAllowList(String tsv) {
        return new TraceComparator(KnownDifferences.bundled().plus(tsv.lines().toList()));
    }

    /** A comparator that allows no difference at all. */
    public static TraceComparator strict() {
        return new TraceComparator(KnownDifferences.none());
    }

    public TraceComparison compare(Classification classification, TraceReport trace) {
        Objects.requireNonNull(classification, "classification");
        Objects.requireNonNull(trace, "trace");
        List<StatementAnalysis> predicted = classification.statements();
        List<StatementComparison> out = new ArrayList<>();
        int next = 0;
        for (StatementTrace t : trace.statements()) {
            Optional<StatementAnalysis> p = Optional.empty();
            for (int i = next; i < predicted.size(); i++) {
                if (normalized(predicted.get(i).sql()).equals(normalized(t.sql()))) {
                    p = Optional.of(predicted.get(i));
                    next = i + 1;
                    break;
                }
            }
            out.add(compare(t, p, trace.postgresVersion()));
        }
        return new TraceComparison(classification, trace, out);
    }

    private StatementComparison compare(StatementTrace t, Optional<StatementAnalysis> maybe, int version) {
        List<Mismatch> mismatches = new ArrayList<>();
        if (maybe.isEmpty()) {
            mismatches.add(new Mismatch(Mismatch.Aspect.STATEMENT, "no statement", "statement #" + t.index(),
                    Optional.empty()));
            return new StatementComparison(t, maybe, mismatches);
        }
        StatementAnalysis p = maybe.get();
        boolean notTraced = t.notes().stream().anyMatch(n -> n.startsWith("not traced"));
        if (t.execution() == StatementTrace.Execution.NOT_EXECUTED) {
            if (p.lock().isPresent()) {
                add(mismatches, p, version, Mismatch.Aspect.LOCK, lock(p.lock()), "not executed");
            }
        } else if (!notTraced) {
            // A failed statement stops where it fails: what it did not reach cannot be compared.
            boolean lockSeen = !t.failed() || !t.locks().isEmpty();
            if (lockSeen && !p.lock().equals(t.lock()) && !maskedByEarlierLock(p.lock(), t)) {
                add(mismatches, p, version, Mismatch.Aspect.LOCK, lock(p.lock()), lock(t.lock()));
            }
            if (!t.failed() && p.rewrite() != t.rewrite()) {
                add(mismatches, p, version, Mismatch.Aspect.REWRITE, p.rewrite() ? "rewrite" : "no rewrite",
                        t.rewrite() ? "rewrite" : "no rewrite");
            }
            if (t.failed() && p.isSafe()) {
                add(mismatches, p, version, Mismatch.Aspect.FAILURE, "SAFE", "error " + t.sqlState().orElse("?"));
            }
        }
        return new StatementComparison(t, maybe, mismatches);
    }

    /** In place, a mode the transaction already held is not listed again: the prediction cannot be checked. */
    private static boolean maskedByEarlierLock(Optional<LockMode> predicted, StatementTrace t) {
        return predicted.isPresent() && t.heldBefore().stream().anyMatch(h -> h.mode() == predicted.get())
                && t.lock().map(o -> o.ordinal() <= predicted.get().ordinal()).orElse(true);
    }

    private void add(List<Mismatch> out, StatementAnalysis p, int version, Mismatch.Aspect aspect, String predicted,
                     String observed) {
        out.add(new Mismatch(aspect, predicted, observed, known.reason(p, aspect, predicted, observed, version)));
    }

    static String lock(Optional<LockMode> mode) {
        return mode.map(LockMode::pgName).orElse("none");
    }

    private static String normalized(String sql) {
        String s = sql.strip();
        while (s.endsWith(";")) {
            s = s.substring(0, s.length() - 1).strip();
        }
        return s.replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
    }
}
