package io.zdcd.spi;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * What a {@link MigrationRunner} did with one migration: which statements were applied, retried, rolled back or not
 * run, and what was left behind.
 *
 * <p>{@code toString()} reads like {@code MigrationResult[FAILED V3__idx.sql in 4.2s: 1 applied, 1 failed, 0 not run]}.
 *
 * @param migration      the migration's name
 * @param status         APPLIED (every statement committed and the migration recorded) or FAILED
 * @param statements     one result per statement, in order
 * @param elapsed        wall time for the whole migration, retries included
 * @param error          why it failed (empty when applied); never contains credentials
 * @param invalidIndexes INVALID indexes a failed {@code CREATE INDEX CONCURRENTLY} left behind (to be dropped)
 */
public record MigrationResult(String migration, Status status, List<StatementResult> statements, Duration elapsed,
                              String error, List<String> invalidIndexes) {

    /** Whether the migration is applied. */
    public enum Status {
        /** Every statement committed and the migration recorded. */
        APPLIED,
        /** Something failed; {@link #error()} says what. */
        FAILED
    }

    /**
     * Copies the lists; a null {@code error} becomes empty; the other components must not be null.
     *
     * @param migration      the migration's name; not null
     * @param status         APPLIED or FAILED; not null
     * @param statements     one result per statement, in order; copied, must not be null
     * @param elapsed        wall time for the whole migration, retries included; not null
     * @param error          why it failed, never credentials; null or empty when applied
     * @param invalidIndexes names of the INVALID indexes a failed {@code CREATE INDEX CONCURRENTLY} left behind;
     *                       copied, must not be null (empty when none)
     */
    public MigrationResult {
        Objects.requireNonNull(migration, "migration");
        Objects.requireNonNull(status, "status");
        statements = List.copyOf(statements);
        Objects.requireNonNull(elapsed, "elapsed");
        error = error == null ? "" : error;
        invalidIndexes = List.copyOf(invalidIndexes);
    }

    /**
     * A migration whose statements all committed and which is recorded as applied.
     *
     * <pre>{@code
     * MigrationResult.applied("V3__email.sql",
     *         List.of(StatementResult.applied(1, "ALTER TABLE users ADD COLUMN email text", Duration.ofMillis(12))),
     *         Duration.ofMillis(15))
     * }</pre>
     *
     * @param migration  the migration's name
     * @param statements one result per statement, in order
     * @param elapsed    wall time for the whole migration
     * @return the result
     */
    public static MigrationResult applied(String migration, List<StatementResult> statements, Duration elapsed) {
        return new MigrationResult(migration, Status.APPLIED, statements, elapsed, "", List.of());
    }

    /**
     * A migration that failed.
     *
     * @param migration  the migration's name
     * @param statements one result per statement, in order
     * @param elapsed    wall time for the whole migration
     * @param error      why, in one line (never credentials)
     * @return the result
     */
    public static MigrationResult failed(String migration, List<StatementResult> statements, Duration elapsed,
                                         String error) {
        return new MigrationResult(migration, Status.FAILED, statements, elapsed, error, List.of());
    }

    /**
     * The same result with the INVALID indexes a failed {@code CREATE INDEX CONCURRENTLY} left behind.
     *
     * @param indexes the index names
     * @return a copy with those indexes
     */
    public MigrationResult withInvalidIndexes(List<String> indexes) {
        return new MigrationResult(migration, status, statements, elapsed, error, indexes);
    }

    /**
     * Whether the migration is applied.
     *
     * @return true when {@link #status()} is {@link Status#APPLIED}
     */
    public boolean isApplied() {
        return status == Status.APPLIED;
    }

    /**
     * Total attempts beyond the first, over all statements.
     *
     * @return the sum over the statements of their attempts minus one (statements not run count 0); 0 when every
     *         statement went through at its first attempt
     */
    public int retries() {
        return statements.stream().mapToInt(s -> Math.max(0, s.attempts() - 1)).sum();
    }

    /**
     * Longest single lock wait of any statement.
     *
     * @return the largest {@link StatementResult#longestLockWait()} of the statements; {@link Duration#ZERO} when no
     *         attempt was refused its lock or there are no statements
     */
    public Duration longestLockWait() {
        return statements.stream().map(StatementResult::longestLockWait).max(Duration::compareTo)
                .orElse(Duration.ZERO);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("MigrationResult[").append(status).append(' ').append(migration)
                .append(" in ").append(StatementResult.format(elapsed));
        if (status == Status.FAILED) {
            long applied = statements.stream().filter(s -> s.status() == StatementResult.Status.APPLIED).count();
            long notRun = statements.stream().filter(s -> s.status() == StatementResult.Status.NOT_RUN).count();
            sb.append(": ").append(applied).append(" applied, ").append(statements.size() - applied - notRun)
                    .append(" failed or rolled back, ").append(notRun).append(" not run");
        }
        int retries = retries();
        if (retries > 0) {
            sb.append(", ").append(retries).append(retries == 1 ? " retry" : " retries");
        }
        return sb.append(']').toString();
    }
}
