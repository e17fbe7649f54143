package io.zdcd.analyzer.trace;

import io.zdcd.classify.LockMode;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What one statement did on a real PostgreSQL, observed by {@link LockTracer}.
 *
 * <p>{@code toString()} reads like
 * {@code StatementTrace[#2 L5 AccessExclusiveLock, rewrite shop_book, scan shop_book: ALTER TABLE "shop_book" ...]}.
 *
 * @param index             1-based position of the statement in its migration
 * @param line              1-based line where the statement starts
 * @param sql               the statement's text
 * @param execution         how it was run
 * @param locks             relation-level locks its backend took while running it (in a transaction: those held
 *                          afterwards that were not held before it; outside one: those seen while it ran)
 * @param heldBefore        locks the transaction already held on relations that existed before the migration when
 *                          the statement started (tracing in place replays the earlier statements in the same
 *                          transaction, and PostgreSQL does not list a mode twice); empty in a scratch copy
 * @param lock              the strongest mode in {@code locks} on a relation (table, index, sequence, view) that
 *                          existed before the migration
 * @param rewritten         relations that existed before the migration and got a new {@code relfilenode}
 * @param scanned           tables that existed before the migration and were read whole
 *                          ({@code pg_stat_xact_user_tables.seq_scan} grew; in a transaction only)
 * @param columnChanges     columns added, dropped, renamed, retyped or made (not) nullable ({@code pg_attribute})
 * @param constraintChanges constraints added, dropped or validated ({@code pg_constraint.convalidated})
 * @param invalidIndexes    indexes that are INVALID after the statement and were not before ({@code pg_index})
 * @param lockTimeout       {@code lock_timeout} in effect when it ran ({@code 0} means none)
 * @param statementTimeout  {@code statement_timeout} in effect when it ran
 * @param sqlState          the SQLSTATE of the error PostgreSQL raised, if any
 * @param error             the error PostgreSQL raised, if any
 * @param notes             anything a reader should know about how it was observed
 */
public record StatementTrace(
        int index,
        int line,
        String sql,
        Execution execution,
        List<RelationLock> locks,
        List<RelationLock> heldBefore,
        Optional<LockMode> lock,
        List<String> rewritten,
        List<String> scanned,
        List<ColumnChange> columnChanges,
        List<ConstraintChange> constraintChanges,
        List<String> invalidIndexes,
        String lockTimeout,
        String statementTimeout,
        Optional<String> sqlState,
        Optional<String> error,
        List<String> notes) {

    /** How the tracer ran a statement. */
    public enum Execution {
        /** In a transaction that was rolled back afterwards. */
        IN_TRANSACTION,
        /** Outside a transaction (CONCURRENTLY, VACUUM...), in a scratch copy of the database that was dropped. */
        OUTSIDE_TRANSACTION,
        /** Not run: transaction control ({@code BEGIN}, {@code COMMIT}...) that the tracer manages itself. */
        NOT_EXECUTED
    }

    /**
     * Copies the lists; the other components must not be null.
     *
     * @param index             1-based position of the statement in its migration
     * @param line              1-based line where the statement starts
     * @param sql               the statement's text; not null
     * @param execution         how it was run; not null
     * @param locks             the relation-level locks observed for it; copied
     * @param heldBefore        the locks already held on pre-existing relations when it started; copied
     * @param lock              the strongest lock on a pre-existing relation; empty when there is none; not null
     * @param rewritten         the pre-existing relations rewritten; copied
     * @param scanned           the pre-existing tables read whole; copied
     * @param columnChanges     the column changes; copied
     * @param constraintChanges the constraint changes; copied
     * @param invalidIndexes    the indexes it left INVALID; copied
     * @param lockTimeout       the {@code lock_timeout} setting as PostgreSQL shows it, {@code 0} for none; not null
     * @param statementTimeout  the {@code statement_timeout} setting as PostgreSQL shows it; not null
     * @param sqlState          the error's SQLSTATE, empty when it succeeded; not null
     * @param error             the error's message, empty when it succeeded; not null
     * @param notes             remarks on how it was observed; copied
     */
    public StatementTrace {
        Objects.requireNonNull(sql, "sql");
        Objects.requireNonNull(execution, "execution");
        locks = List.copyOf(locks);
        heldBefore = List.copyOf(heldBefore);
        Objects.requireNonNull(lock, "lock");
        rewritten = List.copyOf(rewritten);
        scanned = List.copyOf(scanned);
        columnChanges = List.copyOf(columnChanges);
        constraintChanges = List.copyOf(constraintChanges);
        invalidIndexes = List.copyOf(invalidIndexes);
        Objects.requireNonNull(lockTimeout, "lockTimeout");
        Objects.requireNonNull(statementTimeout, "statementTimeout");
        Objects.requireNonNull(sqlState, "sqlState");
        Objects.requireNonNull(error, "error");
        notes = List.copyOf(notes);
    }

    /**
     * Whether a table or index that existed before the migration was rewritten.
     *
     * @return true when {@link #rewritten()} is not empty
     */
    public boolean rewrite() {
        return !rewritten.isEmpty();
    }

    /**
     * Whether a table that existed before the migration was read whole.
     *
     * @return true when {@link #scanned()} is not empty (always false outside a transaction, where scans are not
     *         observed)
     */
    public boolean scan() {
        return !scanned.isEmpty();
    }

    /**
     * Whether PostgreSQL raised an error.
     *
     * @return true when {@link #error()} is present
     */
    public boolean failed() {
        return error.isPresent();
    }

    /**
     * The strongest mode the transaction already held, before this statement, on a pre-existing relation.
     *
     * @return the strongest mode of {@link #heldBefore()}; empty when nothing was held (always in a scratch copy)
     */
    public Optional<LockMode> strongestHeldBefore() {
        return heldBefore.stream().map(RelationLock::mode).reduce(LockMode::max);
    }

    /**
     * Whether {@code lock_timeout} was set (not {@code 0}) when the statement ran.
     *
     * @return true when {@link #lockTimeout()} is neither blank nor {@code 0}
     */
    public boolean hasLockTimeout() {
        return !lockTimeout.isBlank() && !"0".equals(lockTimeout);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("StatementTrace[#").append(index).append(" L").append(line);
        if (execution == Execution.NOT_EXECUTED) {
            sb.append(" not executed");
        } else {
            sb.append(' ').append(lock.map(LockMode::pgName).orElse("no lock on an existing relation"));
            if (execution == Execution.OUTSIDE_TRANSACTION) {
                sb.append(", outside a transaction");
            }
        }
        if (rewrite()) {
            sb.append(", rewrite ").append(String.join(" ", rewritten));
        }
        if (scan()) {
            sb.append(", scan ").append(String.join(" ", scanned));
        }
        error.ifPresent(e -> sb.append(", ERROR ").append(sqlState.orElse("")).append(' ').append(e));
        String oneLine = sql.replaceAll("\\s+", " ").trim();
        return sb.append(": ").append(oneLine.length() > 60 ? oneLine.substring(0, 57) + "..." : oneLine)
                .append(']').toString();
    }
}
