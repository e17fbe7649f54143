package io.zdcd.analyzer.trace;

import io.zdcd.analyzer.trace.internal.KnownDifferences;
import io.zdcd.classify.Classification;
import io.zdcd.classify.LockMode;
import io.zdcd.classify.StatementAnalysis;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Compares the classifier's prediction for each statement with what the tracer observed: the lock on every relation
 * ({@link StatementAnalysis#locks()} against {@link StatementTrace#locks()}, one {@link Mismatch} per relation that
 * differs), the rewrite, and failure (a statement PostgreSQL rejects must not be judged SAFE). Differences that a
 * rule documents as harmless ({@code known-differences.tsv} next to this class: rule, aspect, predicted, observed,
 * versions and the reason) are reported as allowed.
 *
 * <p>What counts as a relation: every table, partitioned table, partition, view, materialized view, sequence and
 * foreign table that existed before the migration (those it creates are invisible to other sessions until it
 * commits); an index when the prediction names it or when PostgreSQL locked it more strongly than every table the
 * statement locked (REINDEX, DROP INDEX CONCURRENTLY...): an index lock no stronger than its table's blocks nothing
 * more, since every session that uses an index locks its table first. TOAST tables do not count: they are reached
 * only through their table, under its lock. A relation is named as it was when the statement started (the old name
 * of a RENAME). A prediction without per-relation locks (an empty {@code locks()}) is compared on the strongest lock
 * only. Locks the transaction already held before the statement are not listed again by PostgreSQL, and a failed
 * statement is not compared on the relations it did not reach.
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

    /**
     * A comparator that allows the documented differences shipped with zdcd.
     *
     * @return a comparator that reports the bundled {@code known-differences.tsv} differences as allowed
     */
    public static TraceComparator defaults() {
        return new TraceComparator(KnownDifferences.bundled());
    }

    /**
     * A comparator that allows the bundled differences and those in {@code tsv} (lines of
     * {@code rule aspect predicted observed versions reason}, tab-separated; {@code *} matches anything).
     *
     * @param tsv the extra allowed differences, one per line; blank lines and lines starting with {@code #} are
     *            skipped; not null; IAE when a line does not have six fields
     * @return a comparator that reports both the bundled and these differences as allowed
     */
    public static TraceComparator withAllowList(String tsv) {
        return new TraceComparator(KnownDifferences.bundled().plus(tsv.lines().toList()));
    }

    /**
     * A comparator that allows no difference at all.
     *
     * @return a comparator for which every difference is a mismatch, even those zdcd documents as harmless
     */
    public static TraceComparator strict() {
        return new TraceComparator(KnownDifferences.none());
    }

    /**
     * Compares what the classification predicted with what the trace observed, statement by statement.
     *
     * @param classification the classifier's verdict on a migration; not null
     * @param trace          the trace of the same migration; its server's major version picks the known differences
     *                       that apply; not null
     * @return one comparison per traced statement, each paired with the next predicted statement of the same text
     *         (case, whitespace and a trailing {@code ;} aside); a traced statement with no such prediction gets an
     *         empty prediction and a {@link Mismatch.Aspect#STATEMENT} mismatch
     */
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
        List<String> relations = new ArrayList<>();
        boolean notTraced = t.notes().stream().anyMatch(n -> n.startsWith("not traced"));
        if (t.execution() == StatementTrace.Execution.NOT_EXECUTED) {
            if (p.lock().isPresent()) {
                add(mismatches, p, version, Mismatch.Aspect.LOCK, Optional.empty(), lock(p.lock()), "not executed");
            }
        } else if (!notTraced) {
            // A failed statement stops where it fails: what it did not reach cannot be compared.
            boolean lockSeen = !t.failed() || !t.locks().isEmpty();
            if (lockSeen) {
                compareLocks(mismatches, relations, p, t, version);
            }
            if (!t.failed() && p.rewrite() != t.rewrite()) {
                add(mismatches, p, version, Mismatch.Aspect.REWRITE, Optional.empty(),
                        p.rewrite() ? "rewrite" : "no rewrite", t.rewrite() ? "rewrite" : "no rewrite");
            }
            if (t.failed() && p.isSafe()) {
                add(mismatches, p, version, Mismatch.Aspect.FAILURE, Optional.empty(), "SAFE",
                        "error " + t.sqlState().orElse("?"));
            }
        }
        return new StatementComparison(t, maybe, mismatches, relations);
    }

    /**
     * Per relation when the prediction names its relations ({@link StatementAnalysis#locks()}), else the strongest
     * lock only. A relation counts when it existed before the migration and is not a TOAST table; an index counts
     * when the prediction names it or when the lock PostgreSQL took on it is stronger than every lock the statement
     * took on a table, view or sequence (a weaker or equal index lock blocks nothing that the lock on its table does
     * not: every session that uses an index locks its table first).
     */
    private void compareLocks(List<Mismatch> out, List<String> compared, StatementAnalysis p, StatementTrace t,
                              int version) {
        if (p.locks().isEmpty()) {
            if (!p.lock().equals(t.lock()) && !maskedByEarlierLock(p.lock(), t.lock(), t.heldBefore())) {
                add(out, p, version, Mismatch.Aspect.LOCK, Optional.empty(), lock(p.lock()), lock(t.lock()));
            }
            return;
        }
        Optional<LockMode> strongestPredicted = p.locks().values().stream().reduce(LockMode::max);
        if (!strongestPredicted.equals(p.lock())) {
            add(out, p, version, Mismatch.Aspect.LOCK, Optional.empty(), lock(p.lock()),
                    "the strongest of the per-relation locks, " + lock(strongestPredicted));
        }
        Map<String, LockMode> predicted = new LinkedHashMap<>();
        p.locks().forEach((name, mode) -> predicted.merge(relationKey(name), mode, LockMode::max));
        Map<String, RelationLock> observed = new LinkedHashMap<>();
        for (RelationLock l : t.locks()) {
            if (l.existedBefore() && !l.kind().equals("toast table")) {
                observed.merge(relationKey(l.relation()), l, (a, b) -> a.mode().ordinal() >= b.mode().ordinal() ? a : b);
            }
        }
        Optional<LockMode> strongestOnTables = observed.values().stream().filter(l -> !isIndex(l))
                .map(RelationLock::mode).reduce(LockMode::max);
        java.util.Set<String> relations = new java.util.LinkedHashSet<>(predicted.keySet());
        observed.forEach((key, l) -> {
            if (!isIndex(l) || strongestOnTables.map(m -> l.mode().ordinal() > m.ordinal()).orElse(true)) {
                relations.add(key);
            }
        });
        for (String key : relations) {
            Optional<LockMode> want = Optional.ofNullable(predicted.get(key));
            RelationLock seen = observed.get(key);
            Optional<LockMode> got = Optional.ofNullable(seen).map(RelationLock::mode);
            String relation = seen != null ? seen.kind() + " " + seen.relation() : displayName(p, key);
            compared.add(relation);
            if (want.equals(got)) {
                continue;
            }
            List<RelationLock> heldOnIt = t.heldBefore().stream().filter(h -> relationKey(h.relation()).equals(key))
                    .toList();
            if (maskedByEarlierLock(want, got, heldOnIt)) {
                continue;
            }
            if (t.failed() && got.isEmpty()) {
                continue; // the statement failed before it reached this relation
            }
            add(out, p, version, Mismatch.Aspect.LOCK, Optional.of(relation), lock(want), lock(got));
        }
    }

    private static boolean isIndex(RelationLock l) {
        return l.kind().equals("index") || l.kind().equals("partitioned index");
    }

    private static String displayName(StatementAnalysis p, String key) {
        return p.locks().keySet().stream().filter(n -> relationKey(n).equals(key)).findFirst().orElse(key);
    }

    /**
     * A relation's name as both sides can agree on: unquoted parts lower-cased, quoted ones unquoted, {@code public.}
     * dropped ({@code "Public"."Order"} and {@code public."Order"} are both {@code Order}).
     */
    static String relationKey(String name) {
        List<String> parts = new ArrayList<>();
        StringBuilder part = new StringBuilder();
        boolean quoted = false;
        boolean wasQuoted = false;
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c == '"') {
                if (quoted && i + 1 < name.length() && name.charAt(i + 1) == '"') {
                    part.append('"');
                    i++;
                } else {
                    quoted = !quoted;
                    wasQuoted = true;
                }
            } else if (c == '.' && !quoted) {
                parts.add(wasQuoted ? part.toString() : part.toString().toLowerCase(Locale.ROOT));
                part.setLength(0);
                wasQuoted = false;
            } else {
                part.append(c);
            }
        }
        parts.add(wasQuoted ? part.toString() : part.toString().toLowerCase(Locale.ROOT));
        if (parts.size() > 1 && parts.get(0).equals("public")) {
            parts.remove(0);
        }
        return String.join(".", parts);
    }

    /** In place, a mode the transaction already held is not listed again: the prediction cannot be checked. */
    private static boolean maskedByEarlierLock(Optional<LockMode> predicted, Optional<LockMode> observed,
                                               List<RelationLock> heldBefore) {
        return predicted.isPresent() && heldBefore.stream().anyMatch(h -> h.mode() == predicted.get())
                && observed.map(o -> o.ordinal() <= predicted.get().ordinal()).orElse(true);
    }

    private void add(List<Mismatch> out, StatementAnalysis p, int version, Mismatch.Aspect aspect,
                     Optional<String> relation, String predicted, String observed) {
        out.add(new Mismatch(aspect, relation, predicted, observed,
                known.reason(p, aspect, relation, predicted, observed, version)));
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
