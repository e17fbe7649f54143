package io.zdcd.jdbc;

import io.zdcd.internal.ConcurrentIndexes;
import io.zdcd.spi.MigrationResult;
import io.zdcd.spi.MigrationRunner;
import io.zdcd.spi.PendingMigration;
import io.zdcd.spi.PlatformException;
import io.zdcd.spi.Progress;
import io.zdcd.sql.SqlScript;
import io.zdcd.sql.SqlTransaction;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Applies SQL migrations to PostgreSQL without piling a lock queue behind long-running queries: every attempt runs
 * with a short {@code lock_timeout} from a {@link LockPolicy} (default 50 ms growing to at most 80 ms), so while a
 * statement waits for a lock, the traffic queued behind it waits at most that long; a lock timeout rolls the attempt
 * back and retries it after a jittered, growing pause until the policy's budget (default 10 min) is spent.
 * {@code statement_timeout} (default 15 min) bounds each statement separately.
 *
 * <p>The runner executes exactly what the classifier judged: {@link #plan(PendingMigration)}, the statements and
 * transactions of {@link SqlScript} (the one splitter and grouping both use). A migration without CONCURRENTLY
 * statements and without an explicit {@code BEGIN}/{@code COMMIT} before its last statement runs in one transaction
 * together with its history row: all or nothing. Otherwise it runs as several transactions, and each transaction or
 * statement outside a transaction that succeeds is recorded in {@link #STATEMENTS} (in the same transaction when there
 * is one), so a re-run after a failure resumes after them; a {@code CREATE INDEX CONCURRENTLY} whose VALID index of the
 * same definition exists is recognised as done. The failure message says exactly what stayed. A migration with a NUL
 * character, a malformed statement, a psql meta-command that changes what runs ({@code \i}...) or transaction control
 * other than {@code BEGIN}/{@code COMMIT} ({@code ROLLBACK}...) is refused with nothing run. {@code COPY ... FROM
 * stdin} loads its inline rows. Applied migrations are recorded in {@code zdcd.applied_migrations} (created on first
 * use) in the target database; the runner reports its backend pid first
 * ({@code progress.operationStarted("backend", pid)}) so that recovery can end an orphaned session.
 *
 * <pre>{@code
 * JdbcMigrationRunner runner = JdbcMigrationRunner.builder(PostgresDatabase.fromUrl(url))
 *         .lockPolicy(LockPolicy.custom().maxLockTimeout(Duration.ofMillis(200)).build()).build();
 * runner.apply(new PendingMigration("V3__email.sql", "ALTER TABLE users ADD COLUMN email text"), Progress.none());
 * }</pre>
 */
public final class JdbcMigrationRunner implements MigrationRunner {
    /** The longest lock wait of the default {@link LockPolicy}: 80 ms. */
    public static final Duration DEFAULT_LOCK_TIMEOUT = LockPolicy.DEFAULT_MAX_LOCK_TIMEOUT;
    /** 15 minutes. */
    public static final Duration DEFAULT_STATEMENT_TIMEOUT = Duration.ofMinutes(15);
    /** The schema of zdcd's own tables in the target database. */
    public static final String SCHEMA = "zdcd";
    static final String HISTORY = SCHEMA + ".applied_migrations";
    /**
     * The statements of a migration that is not applied yet but whose earlier transactions or statements outside a
     * transaction succeeded, one row each, recorded as they succeed (in the same transaction when there is one): a
     * re-run resumes after them. Emptied for the migration once it is recorded as applied.
     */
    public static final String STATEMENTS = SCHEMA + ".applied_statements";

    private final PostgresDatabase database;
    private final LockPolicy lockPolicy;
    private final Duration statementTimeout;

    private JdbcMigrationRunner(Builder b) {
        this.database = b.database;
        this.lockPolicy = b.lockPolicy;
        this.statementTimeout = b.statementTimeout;
    }

    /**
     * A runner with the defaults.
     *
     * @param database the database the migrations run against; must not be null
     * @return a runner with the default lock policy and a 15 min statement timeout
     */
    public static JdbcMigrationRunner of(PostgresDatabase database) {
        return builder(database).build();
    }

    /**
     * A builder for a runner against this database.
     *
     * @param database the database the migrations run against; must not be null
     * @return a new builder with the defaults
     */
    public static Builder builder(PostgresDatabase database) {
        return new Builder(database);
    }

    /**
     * The longest {@code lock_timeout} of any attempt ({@link LockPolicy#maxLockTimeout()}).
     *
     * @return the largest lock timeout of the policy (80 ms by default)
     */
    public Duration lockTimeout() {
        return lockPolicy.maxLockTimeout();
    }

    /**
     * How long statements wait for locks and how lock timeouts are retried.
     *
     * @return the lock policy given to the builder, or the defaults
     */
    public LockPolicy lockPolicy() {
        return lockPolicy;
    }

    /**
     * The {@code statement_timeout} of each migration statement.
     *
     * @return the statement timeout (15 min by default)
     */
    public Duration statementTimeout() {
        return statementTimeout;
    }

    /**
     * Whether the index exists and is INVALID (left by a failed {@code CREATE INDEX CONCURRENTLY}).
     *
     * @param index the index's name, schema-qualified or resolved through the {@code search_path}
     * @return true only when the index exists and is not valid; false when it is valid or does not exist
     */
    public boolean isInvalidIndex(String index) {
        try (Connection c = database.connect()) {
            return InvalidIndexes.isInvalid(c, index);
        } catch (SQLException e) {
            throw new PlatformException("inspect index " + index, e.getMessage(), e);
        }
    }

    /**
     * The names of the migrations recorded as applied, in the order they were applied.
     *
     * @return the applied migrations' names, oldest first; empty when none was applied
     */
    public List<String> applied() {
        return MigrationHistory.applied(database);
    }

    @Override
    public MigrationResult apply(PendingMigration migration, Progress progress) {
        Objects.requireNonNull(migration, "migration");
        Objects.requireNonNull(progress, "progress");
        return new MigrationRun(database, lockPolicy, statementTimeout).apply(migration, progress);
    }

    @Override
    public boolean isApplied(String name) {
        Objects.requireNonNull(name, "name");
        return MigrationHistory.isApplied(database, name);
    }

    /** Records the migration in {@code zdcd.applied_migrations} without running it (its rewrite ran instead). */
    @Override
    public void recordApplied(PendingMigration migration) {
        Objects.requireNonNull(migration, "migration");
        try (Connection c = database.connect()) {
            MigrationHistory.ensure(c);
            MigrationHistory.record(c, migration, Duration.ZERO);
            MigrationHistory.forgetStatements(c, migration.name());
        } catch (SQLException e) {
            throw new PlatformException("record migration " + migration.name() + " as applied in " + database,
                    e.getMessage(), e);
        }
    }

    /**
     * Exactly what {@link #apply} executes, in order, transaction by transaction: {@link SqlScript#transactions()} of
     * the migration's SQL (the statements the classifier judged, without transaction control, psql meta-commands and
     * a goose/dbmate down section); empty when the runner refuses the migration ({@link SqlScript#problems()}).
     *
     * @param migration the migration to plan; its SQL is read and parsed, not run
     * @return the transactions {@link #apply} would execute, in order; empty when the runner refuses the migration
     */
    public static List<SqlTransaction> plan(PendingMigration migration) {
        SqlScript script = SqlScript.parse(migration.sql());
        return script.problems().isEmpty() ? script.transactions() : List.of();
    }

    /**
     * Ends the session of a runner that died mid-statement (its process killed while PostgreSQL goes on running the
     * statement and holding its locks): {@code pg_terminate_backend(pid)} when {@code pid} is a session of zdcd
     * ({@code application_name = 'zdcd'}) on this database, as reported by {@code Progress.operationStarted("backend",
     * pid)}. Recovery calls it before anything else.
     *
     * @param pid the session's backend pid, as a decimal string
     * @return whether such a session was there and was ended (false: it is gone already, or it is not zdcd's)
     * @throws IllegalArgumentException when {@code pid} is not a number
     */
    public boolean terminateOrphan(String pid) {
        return PostgresSessions.terminateOrphan(database, pid);
    }

    /** Drops the index if it exists and is INVALID. */
    @Override
    public boolean dropInvalidIndex(String index) {
        return InvalidIndexes.drop(database, lockPolicy, index);
    }

    static String abbreviate(String sql) {
        String one = ConcurrentIndexes.stripComments(sql).replaceAll("\\s+", " ").trim();
        return one.length() <= 80 ? one : one.substring(0, 77) + "...";
    }

    @Override
    public String toString() {
        return "JdbcMigrationRunner[" + database + ", lock_timeout " + lockPolicy.firstLockTimeout().toMillis() + ".."
                + lockPolicy.maxLockTimeout().toMillis() + "ms, retry budget " + lockPolicy.budget().toSeconds()
                + "s, statement_timeout " + statementTimeout.toSeconds() + "s]";
    }

    /** Configures a {@link JdbcMigrationRunner}. */
    public static final class Builder {
        private final PostgresDatabase database;
        private LockPolicy lockPolicy = LockPolicy.ofDefaults();
        private Duration statementTimeout = DEFAULT_STATEMENT_TIMEOUT;

        private Builder(PostgresDatabase database) {
            this.database = Objects.requireNonNull(database, "database");
        }

        /**
         * How long statements wait for locks and how lock timeouts are retried. (default:
         * {@link LockPolicy#ofDefaults()}: lock_timeout 50 ms growing to 80 ms, retried for up to 10 minutes)
         *
         * @param policy the lock timeouts and retries; must not be null
         * @return this builder
         */
        public Builder lockPolicy(LockPolicy policy) {
            this.lockPolicy = Objects.requireNonNull(policy, "policy");
            return this;
        }

        /**
         * One fixed lock timeout for every attempt, keeping the policy's pauses and budget: shorthand for
         * {@code lockPolicy(LockPolicy.from(policy).firstLockTimeout(t).maxLockTimeout(t).build())}.
         *
         * @param timeout the {@code lock_timeout} of every attempt, at least 1 ms
         * @return this builder
         */
        public Builder lockTimeout(Duration timeout) {
            positive(timeout, "lockTimeout");
            this.lockPolicy = LockPolicy.from(lockPolicy).firstLockTimeout(timeout).maxLockTimeout(timeout).build();
            return this;
        }

        /**
         * How long one statement may run. (default: 15 min)
         *
         * @param timeout the {@code statement_timeout} of each migration statement; positive
         * @return this builder
         */
        public Builder statementTimeout(Duration timeout) {
            this.statementTimeout = positive(timeout, "statementTimeout");
            return this;
        }

        /**
         * The pauses and budget of {@code policy}, keeping the lock timeouts: shorthand for the matching
         * {@link LockPolicy.Builder} settings.
         *
         * @param policy the pauses between attempts and the total budget; must not be null
         * @return this builder
         * @deprecated use {@link #lockPolicy(LockPolicy)} ({@code LockPolicy.from(...)} keeps the lock timeouts)
         */
        @Deprecated(since = "0.1", forRemoval = true)
        @SuppressWarnings("removal")
        public Builder retry(RetryPolicy policy) {
            Objects.requireNonNull(policy, "policy");
            this.lockPolicy = policy.applyTo(lockPolicy);
            return this;
        }

        /**
         * The runner.
         *
         * @return a runner with these settings
         */
        public JdbcMigrationRunner build() {
            return new JdbcMigrationRunner(this);
        }

        static Duration positive(Duration d, String name) {
            Objects.requireNonNull(d, name);
            if (d.isNegative() || d.isZero() || d.toMillis() == 0) {
                throw new IllegalArgumentException(name + " must be at least 1ms, was " + d);
            }
            return d;
        }
    }

    /**
     * Ends the session with backend pid {@code backendId} if it still runs on this runner's database and is not the
     * caller's own session, and waits (at most 10 s) until it is gone, so that its locks are released on return.
     */
    @Override
    public boolean terminate(String backendId) {
        return PostgresSessions.terminate(database, backendId);
    }
}
