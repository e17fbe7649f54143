package io.zdcd.spi;

import java.time.Duration;
import java.util.Locale;
import java.util.Objects;

/**
 * One statement of a migration as a {@link MigrationRunner} ran it.
 *
 * @param index           1-based position in the migration
 * @param sql             the statement (possibly shortened for display)
 * @param transactional   whether it ran inside a transaction (false for {@code CONCURRENTLY} statements)
 * @param status          what became of it
 * @param attempts        how many times it was tried (1 when it went through at once; 0 when not run)
 * @param longestLockWait the longest time one attempt waited for a lock it was refused ({@code lock_timeout} expired);
 *                        zero when no attempt timed out (a granted wait cannot be told apart from execution time)
 * @param elapsed         wall time over all attempts, backoff included
 */
public record StatementResult(int index, String sql, boolean transactional, Status status, int attempts,
                              Duration longestLockWait, Duration elapsed) {

    /** What became of a statement. */
    public enum Status {
        /** Committed: it stays. */
        APPLIED,
        /** It ran, but its transaction was rolled back because a later statement of the same transaction failed. */
        ROLLED_BACK,
        /** It failed (its effects were rolled back, except an INVALID index of a failed CONCURRENTLY build). */
        FAILED,
        /** Never run because an earlier statement failed. */
        NOT_RUN
    }

    /**
     * {@code sql}, {@code status}, {@code longestLockWait} and {@code elapsed} must not be null.
     *
     * @param index           1-based position in the migration
     * @param sql             the statement, possibly shortened for display; not null
     * @param transactional   whether it ran inside a transaction
     * @param status          what became of it; not null
     * @param attempts        how many times it was tried; 0 when not run
     * @param longestLockWait the longest wait of an attempt refused its lock; {@link Duration#ZERO} when none was;
     *                        not null
     * @param elapsed         wall time over all attempts, backoff included; not null
     */
    public StatementResult {
        Objects.requireNonNull(sql, "sql");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(longestLockWait, "longestLockWait");
        Objects.requireNonNull(elapsed, "elapsed");
    }

    /**
     * A statement that committed at its first attempt inside a transaction, without a lock wait. Use the
     * {@code with...} methods for retries and statements run outside a transaction.
     *
     * <pre>{@code
     * StatementResult.applied(1, "ALTER TABLE users ADD COLUMN email text", Duration.ofMillis(12))
     * }</pre>
     *
     * @param index   1-based position in the migration
     * @param sql     the statement
     * @param elapsed its wall time
     * @return the result
     */
    public static StatementResult applied(int index, String sql, Duration elapsed) {
        return new StatementResult(index, sql, true, Status.APPLIED, 1, Duration.ZERO, elapsed);
    }

    /**
     * A statement that failed at its first attempt (see {@link Status#FAILED}).
     *
     * @param index   1-based position in the migration
     * @param sql     the statement
     * @param elapsed its wall time
     * @return the result
     */
    public static StatementResult failed(int index, String sql, Duration elapsed) {
        return new StatementResult(index, sql, true, Status.FAILED, 1, Duration.ZERO, elapsed);
    }

    /**
     * A statement that ran but whose transaction was rolled back because a later statement failed.
     *
     * @param index   1-based position in the migration
     * @param sql     the statement
     * @param elapsed its wall time
     * @return the result
     */
    public static StatementResult rolledBack(int index, String sql, Duration elapsed) {
        return new StatementResult(index, sql, true, Status.ROLLED_BACK, 1, Duration.ZERO, elapsed);
    }

    /**
     * A statement never run because an earlier one failed: no attempt, no time.
     *
     * @param index 1-based position in the migration
     * @param sql   the statement
     * @return the result
     */
    public static StatementResult notRun(int index, String sql) {
        return new StatementResult(index, sql, true, Status.NOT_RUN, 0, Duration.ZERO, Duration.ZERO);
    }

    /**
     * The same result for a statement run outside a transaction ({@code CREATE INDEX CONCURRENTLY}...).
     *
     * @return a copy with {@code transactional} false
     */
    public StatementResult outsideTransaction() {
        return new StatementResult(index, sql, false, status, attempts, longestLockWait, elapsed);
    }

    /**
     * The same result after several attempts.
     *
     * @param attempts        how many times it was tried
     * @param longestLockWait the longest lock wait of an attempt that was refused its lock
     * @return a copy with those figures
     */
    public StatementResult withAttempts(int attempts, Duration longestLockWait) {
        return new StatementResult(index, sql, transactional, status, attempts, longestLockWait, elapsed);
    }

    @Override
    public String toString() {
        return "#" + index + " " + status + " " + abbreviate(sql) + " (" + attempts + (attempts == 1 ? " attempt" : " attempts")
                + ", longest lock wait " + format(longestLockWait) + ", " + format(elapsed) + ")";
    }

    static String abbreviate(String sql) {
        String one = sql.replaceAll("\\s+", " ").trim();
        return one.length() <= 60 ? one : one.substring(0, 57) + "...";
    }

    /** {@code 1.234s} or {@code 87ms}. */
    static String format(Duration d) {
        long ms = d.toMillis();
        return ms < 1000 ? ms + "ms" : String.format(Locale.ROOT, "%.1fs", ms / 1000.0);
    }
}
