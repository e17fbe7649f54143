package io.zdcd.classify;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What one statement of a migration does to a live database, and whether that is safe.
 *
 * @param index        1-based position of the statement in its migration
 * @param line         1-based line where the statement starts
 * @param column       1-based column where the statement starts
 * @param sql          the statement's text as written (without the terminating semicolon)
 * @param kind         the recognised command, for example {@code ALTER TABLE ADD COLUMN} or {@code UNRECOGNISED}
 * @param tables       the relations it touches (as written, lower-cased unless quoted)
 * @param lock         the strongest lock taken on a relation that existed before this migration, if any
 * @param blocks       what that lock blocks on those relations while it is held
 * @param rewrite      whether it rewrites a table or index
 * @param scan         whether it scans a whole table while holding its lock
 * @param breaksOldCode whether the code currently deployed stops working against the new schema
 * @param verdict      SAFE only when no finding is UNSAFE
 * @param findings     every rule's judgement, in rule order
 * @param locks        the lock taken on each relation that existed before this migration, strongest per relation,
 *                     in the order the statement names them ({@code lock} is the strongest of these): the tables,
 *                     partitions, views and sequences it locks, and the indexes it names or locks more strongly
 *                     than their table (REINDEX, DROP INDEX, ALTER INDEX); empty when not known. {@code toString()}
 *                     lists them when there is more than one
 */
public record StatementAnalysis(
        int index,
        int line,
        int column,
        String sql,
        String kind,
        List<String> tables,
        Optional<LockMode> lock,
        Set<Blocked> blocks,
        boolean rewrite,
        boolean scan,
        boolean breaksOldCode,
        Verdict verdict,
        List<Finding> findings,
        Map<String, LockMode> locks) {

    /** Traffic a lock holds up. */
    public enum Blocked {
        /** Queries ({@code SELECT}) wait. */
        READS,
        /** {@code INSERT}, {@code UPDATE} and {@code DELETE} wait. */
        WRITES;

        /**
         * {@code reads} or {@code writes}, as the JSON report writes it.
         *
         * @return the constant's name in lower case
         */
        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /**
     * Copies the collections; {@code sql}, {@code kind}, {@code lock} and {@code verdict} must not be null.
     *
     * @param index         1-based position of the statement in its migration
     * @param line          1-based line where the statement starts
     * @param column        1-based column where the statement starts
     * @param sql           the statement's text as written, without the terminating semicolon; not null
     * @param kind          the recognised command, for example {@code ALTER TABLE ADD COLUMN}; not null
     * @param tables        the relations it touches; copied, must not be null
     * @param lock          the strongest lock on a relation that existed before the migration; empty, never null,
     *                      when it takes none
     * @param blocks        the traffic that lock holds up; copied, must not be null (empty when none)
     * @param rewrite       whether it rewrites a table or index
     * @param scan          whether it scans a whole table while holding its lock
     * @param breaksOldCode whether the code currently deployed stops working against the new schema
     * @param verdict       SAFE only when no finding is UNSAFE; not null
     * @param findings      every rule's judgement, in rule order; copied, must not be null
     * @param locks         the lock on each relation, strongest per relation, in the order the statement names them;
     *                      copied keeping that order, must not be null (empty when not known)
     */
    public StatementAnalysis {
        Objects.requireNonNull(sql, "sql");
        Objects.requireNonNull(kind, "kind");
        tables = List.copyOf(tables);
        Objects.requireNonNull(lock, "lock");
        blocks = Set.copyOf(blocks);
        Objects.requireNonNull(verdict, "verdict");
        findings = List.copyOf(findings);
        Objects.requireNonNull(locks, "locks");
        locks = locks.isEmpty() ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(locks));
    }

    /**
     * A statement analysis without per-relation locks ({@link #locks()} empty).
     *
     * @param index         1-based position of the statement in its migration
     * @param line          1-based line where the statement starts
     * @param column        1-based column where the statement starts
     * @param sql           the statement's text as written, without the terminating semicolon; not null
     * @param kind          the recognised command, for example {@code ALTER TABLE ADD COLUMN}; not null
     * @param tables        the relations it touches; copied, must not be null
     * @param lock          the strongest lock on a relation that existed before the migration; empty, never null,
     *                      when it takes none
     * @param blocks        the traffic that lock holds up; copied, must not be null (empty when none)
     * @param rewrite       whether it rewrites a table or index
     * @param scan          whether it scans a whole table while holding its lock
     * @param breaksOldCode whether the code currently deployed stops working against the new schema
     * @param verdict       SAFE only when no finding is UNSAFE; not null
     * @param findings      every rule's judgement, in rule order; copied, must not be null
     */
    public StatementAnalysis(int index, int line, int column, String sql, String kind, List<String> tables,
                             Optional<LockMode> lock, Set<Blocked> blocks, boolean rewrite, boolean scan,
                             boolean breaksOldCode, Verdict verdict, List<Finding> findings) {
        this(index, line, column, sql, kind, tables, lock, blocks, rewrite, scan, breaksOldCode, verdict, findings,
                Map.of());
    }

    /**
     * Whether the statement's verdict is SAFE.
     *
     * @return true when {@link #verdict()} is {@link Verdict#SAFE}
     */
    public boolean isSafe() {
        return verdict == Verdict.SAFE;
    }

    /**
     * When the statement can run: {@link Phase#EXPAND} when SAFE; {@link Phase#CONTRACT} when it only breaks the old
     * code (no rewrite or scan); {@link Phase#MAINTENANCE} otherwise.
     *
     * @return the deploy phase the statement belongs in; never null
     */
    public Phase phase() {
        if (isSafe()) {
            return Phase.EXPAND;
        }
        return breaksOldCode && !rewrite && !scan ? Phase.CONTRACT : Phase.MAINTENANCE;
    }

    /**
     * The rule ids of the findings, in order.
     *
     * @return an unmodifiable list of {@link Finding#ruleId()}, one per finding (SAFE ones included), in rule order
     */
    public List<String> ruleIds() {
        return findings.stream().map(Finding::ruleId).toList();
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("Statement[").append(verdict).append(" #").append(index)
                .append(" L").append(line).append(' ').append(kind);
        if (!tables.isEmpty()) {
            sb.append(' ').append(tables);
        }
        lock.ifPresent(l -> sb.append(", ").append(l.pgName()));
        if (locks.size() > 1) { // per relation: "(users ShareLock, users_pkey AccessExclusiveLock)"
            StringBuilder each = new StringBuilder();
            locks.forEach((relation, mode) -> each.append(each.length() == 0 ? "" : ", ").append(relation).append(' ')
                    .append(mode.pgName()));
            sb.append(" (").append(each).append(')');
        }
        if (rewrite) {
            sb.append(", rewrite");
        }
        if (scan) {
            sb.append(", scan");
        }
        if (breaksOldCode) {
            sb.append(", breaks old code");
        }
        for (Finding f : findings) {
            if (f.verdict() == Verdict.UNSAFE) {
                sb.append(", ").append(f.ruleId());
            }
        }
        return sb.append(']').toString();
    }
}
