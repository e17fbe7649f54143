package io.zdcd.jdbc;

import io.zdcd.internal.ConcurrentIndexes;
import io.zdcd.internal.LockRetry;
import io.zdcd.internal.SqlStatements;
import io.zdcd.spi.MigrationResult;
import io.zdcd.spi.MigrationRunner;
import io.zdcd.spi.PendingMigration;
import io.zdcd.spi.PlatformException;
import io.zdcd.spi.Progress;
import io.zdcd.spi.StatementResult;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Applies SQL migrations to PostgreSQL without piling a lock queue behind long-running queries: every statement runs
 * with {@code lock_timeout} (default 2 s), so while it waits for a lock, the traffic queued behind it waits at most
 * that long; a lock timeout is retried with exponential backoff and jitter ({@link RetryPolicy}) until a deadline.
 * {@code statement_timeout} (default 15 min) bounds each statement.
 *
 * <p>The runner owns transactions but keeps the boundaries the SQL draws. A migration without CONCURRENTLY
 * statements and without an explicit {@code COMMIT} before its last statement runs in one transaction together with
 * its history row: all or nothing (Django's {@code BEGIN; ... COMMIT;} and a Flyway-style file without either are
 * both one transaction). Otherwise it runs as several transactions: each CONCURRENTLY statement on its own outside a
 * transaction, and an explicit {@code BEGIN} or {@code COMMIT} ends the transaction before it (so a
 * {@code VALIDATE CONSTRAINT} in its own {@code BEGIN ... COMMIT} runs in its own transaction, as the classifier
 * assumes); a failure part-way then leaves the earlier transactions applied (the result says which). {@code ROLLBACK}
 * in the SQL is ignored. Applied migrations are
 * recorded in {@code zdcd.applied_migrations} (created on first use) in the target database.
 *
 * <pre>{@code
 * JdbcMigrationRunner runner = JdbcMigrationRunner.builder(PostgresDatabase.fromUrl(url))
 *         .lockTimeout(Duration.ofSeconds(2)).build();
 * runner.apply(new PendingMigration("V3__email.sql", "ALTER TABLE users ADD COLUMN email text"), Progress.none());
 * }</pre>
 */
public final class JdbcMigrationRunner implements MigrationRunner {
    /** 2 seconds. */
    public static final Duration DEFAULT_LOCK_TIMEOUT = Duration.ofSeconds(2);
    /** 15 minutes. */
    public static final Duration DEFAULT_STATEMENT_TIMEOUT = Duration.ofMinutes(15);
    /** The schema of zdcd's own tables in the target database. */
    public static final String SCHEMA = "zdcd";
    static final String HISTORY = SCHEMA + ".applied_migrations";

    private final PostgresDatabase database;
    private final Duration lockTimeout;
    private final Duration statementTimeout;
    private final RetryPolicy retry;

    private JdbcMigrationRunner(Builder b) {
        this.database = b.database;
        this.lockTimeout = b.lockTimeout;
        this.statementTimeout = b.statementTimeout;
        this.retry = b.retry;
    }

    /** A runner with the defaults. */
    public static JdbcMigrationRunner of(PostgresDatabase database) {
        return builder(database).build();
    }

    public static Builder builder(PostgresDatabase database) {
        return new Builder(database);
    }

    public Duration lockTimeout() {
        return lockTimeout;
    }

    public Duration statementTimeout() {
        return statementTimeout;
    }

    /** How lock timeouts are retried. */
    public RetryPolicy retry() {
        return retry;
    }

    /** Whether the index exists and is INVALID (left by a failed {@code CREATE INDEX CONCURRENTLY}). */
    public boolean isInvalidIndex(String index) {
        try (Connection c = database.connect()) {
            return isInvalidIndex(c, index);
        } catch (SQLException e) {
            throw new PlatformException("inspect index " + index, e.getMessage(), e);
        }
    }

    /** The names of the migrations recorded as applied, in the order they were applied. */
    public List<String> applied() {
        return appliedMigrations(database);
    }

    static List<String> appliedMigrations(PostgresDatabase database) {
        try (Connection c = database.connect(); Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("SELECT to_regclass('" + HISTORY + "') IS NOT NULL")) {
                rs.next();
                if (!rs.getBoolean(1)) {
                    return List.of();
                }
            }
            List<String> names = new ArrayList<>();
            try (ResultSet rs = s.executeQuery("SELECT name FROM " + HISTORY + " ORDER BY applied_at, name")) {
                while (rs.next()) {
                    names.add(rs.getString(1));
                }
            }
            return names;
        } catch (SQLException e) {
            throw new PlatformException("read applied migrations from " + database, e.getMessage(), e);
        }
    }

    @Override
    public MigrationResult apply(PendingMigration migration, Progress progress) {
        Objects.requireNonNull(migration, "migration");
        Objects.requireNonNull(progress, "progress");
        long t0 = System.nanoTime();
        List<String> sql = new ArrayList<>();
        List<Integer> boundaries = new ArrayList<>(); // a transaction ends before the statement at this position
        for (String st : SqlStatements.split(migration.sql())) {
            if (SqlStatements.isTransactionBoundary(st)) {
                boundaries.add(sql.size());
            } else if (!SqlStatements.isTransactionControl(st)) {
                sql.add(st);
            }
        }
        Tracker[] trackers = new Tracker[sql.size()];
        for (int i = 0; i < sql.size(); i++) {
            trackers[i] = new Tracker(i + 1, sql.get(i), !SqlStatements.needsNoTransaction(sql.get(i)),
                    boundaries.contains(i));
        }
        List<List<Tracker>> groups = groups(trackers);
        boolean oneTransaction = groups.size() <= 1 && (groups.isEmpty() || groups.get(0).get(0).transactional);
        try (Connection c = database.connect()) {
            ensureHistory(c);
            try (Statement s = c.createStatement()) {
                s.execute("SET lock_timeout = '" + lockTimeout.toMillis() + "ms'");
                s.execute("SET statement_timeout = '" + statementTimeout.toMillis() + "ms'");
            }
            for (int g = 0; g < groups.size(); g++) {
                List<Tracker> group = groups.get(g);
                boolean recordHere = oneTransaction && g == groups.size() - 1;
                try {
                    runWithRetry(c, migration, group, recordHere, t0, progress);
                } catch (GroupFailure f) {
                    return failed(c, migration, trackers, group, f, t0);
                }
            }
            if (!oneTransaction || groups.isEmpty()) {
                c.setAutoCommit(true);
                record(c, migration, t0);
            }
        } catch (SQLException e) {
            throw new PlatformException("apply migration " + migration.name() + " to " + database, e.getMessage(), e);
        }
        return new MigrationResult(migration.name(), MigrationResult.Status.APPLIED, results(trackers), since(t0), "",
                List.of());
    }

    private void runWithRetry(Connection c, PendingMigration m, List<Tracker> group, boolean record, long t0,
                              Progress progress) throws GroupFailure {
        try {
            LockRetry.run(retry, e -> e instanceof GroupFailure f && LockRetry.isLockTimeout(f.getCause()),
                    (n, wait, cause) -> {
                        Tracker t = ((GroupFailure) cause).statement;
                        progress.report("statement #" + t.index + " (" + abbreviate(t.sql)
                                + "): lock not granted within " + lockTimeout.toMillis() + "ms; retry " + n + " in "
                                + wait.toMillis() + "ms");
                    },
                    () -> {
                        attempt(c, m, group, record, t0, progress);
                        return null;
                    });
        } catch (GroupFailure f) {
            throw f;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private void attempt(Connection c, PendingMigration m, List<Tracker> group, boolean record, long t0,
                         Progress progress) throws GroupFailure, SQLException {
        boolean tx = group.get(0).transactional;
        c.setAutoCommit(!tx);
        Tracker current = null;
        try (Statement s = c.createStatement()) {
            for (Tracker t : group) {
                current = t;
                t.attempts++;
                progress.report("statement #" + t.index + ": " + abbreviate(t.sql));
                long ts = System.nanoTime();
                try {
                    s.execute(t.sql);
                } finally {
                    t.lastRun = since(ts);
                    t.elapsed = t.elapsed.plus(t.lastRun);
                }
            }
            if (record) {
                record(c, m, t0);
            }
            if (tx) {
                c.commit();
            }
            group.forEach(t -> t.status = StatementResult.Status.APPLIED);
        } catch (SQLException e) {
            if (tx) {
                rollbackQuietly(c);
            }
            if (current != null && LockRetry.isLockTimeout(e)) {
                current.longestLockWait = max(current.longestLockWait, current.lastRun);
                if (!tx) {
                    dropLeftOverIndexes(c, current.sql);
                }
            }
            throw new GroupFailure(current, e);
        }
    }

    private MigrationResult failed(Connection c, PendingMigration m, Tracker[] all, List<Tracker> group,
                                   GroupFailure f, long t0) {
        boolean tx = group.get(0).transactional;
        for (Tracker t : group) {
            if (t == f.statement) {
                t.status = StatementResult.Status.FAILED;
            } else if (t.index < f.statement.index) {
                t.status = tx ? StatementResult.Status.ROLLED_BACK : StatementResult.Status.APPLIED;
            }
        }
        List<String> invalid = new ArrayList<>();
        if (!tx) {
            for (String index : ConcurrentIndexes.in(f.statement.sql)) {
                if (isInvalidIndex(c, index)) {
                    invalid.add(index);
                }
            }
        }
        SQLException e = (SQLException) f.getCause();
        String why = "statement #" + f.statement.index + " (" + abbreviate(f.statement.sql) + ") failed: "
                + firstLine(e.getMessage()) + " [SQLState " + e.getSQLState() + "]"
                + (LockRetry.isLockTimeout(e) ? " after " + f.statement.attempts + " attempts (retry deadline "
                + retry.deadline().toSeconds() + "s)" : "");
        return new MigrationResult(m.name(), MigrationResult.Status.FAILED, results(all), since(t0), why, invalid);
    }

    /** Drops the index if it exists and is INVALID. */
    @Override
    public boolean dropInvalidIndex(String index) {
        try (Connection c = database.connect()) {
            try (Statement s = c.createStatement()) {
                s.execute("SET lock_timeout = '" + lockTimeout.toMillis() + "ms'");
            }
            if (!isInvalidIndex(c, index)) {
                return false;
            }
            LockRetry.run(retry, LockRetry::isLockTimeout, (n, w, e) -> { }, () -> {
                try (Statement s = c.createStatement()) {
                    s.execute("DROP INDEX CONCURRENTLY IF EXISTS " + quoteQualified(index));
                }
                return null;
            });
            return true;
        } catch (SQLException e) {
            throw new PlatformException("drop INVALID index " + index, e.getMessage(), e);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new PlatformException("drop INVALID index " + index, e.toString(), e);
        }
    }

    private void dropLeftOverIndexes(Connection c, String sql) {
        for (String index : ConcurrentIndexes.in(sql)) {
            if (isInvalidIndex(c, index)) {
                try (Statement s = c.createStatement()) {
                    s.execute("DROP INDEX CONCURRENTLY IF EXISTS " + quoteQualified(index));
                } catch (SQLException ignored) {
                    // The retry's CREATE INDEX fails on the name; the final result reports it as INVALID.
                }
            }
        }
    }

    static boolean isInvalidIndex(Connection c, String index) {
        try (PreparedStatement p = c.prepareStatement(
                "SELECT NOT i.indisvalid FROM pg_index i WHERE i.indexrelid = to_regclass(?)")) {
            p.setString(1, quoteQualified(index));
            try (ResultSet rs = p.executeQuery()) {
                return rs.next() && rs.getBoolean(1);
            }
        } catch (SQLException e) {
            return false;
        }
    }

    static String quoteQualified(String name) {
        StringBuilder sb = new StringBuilder();
        for (String part : name.split("\\.")) {
            sb.append(sb.length() == 0 ? "" : ".").append('"').append(part.replace("\"", "\"\"")).append('"');
        }
        return sb.toString();
    }

    private void ensureHistory(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA IF NOT EXISTS " + SCHEMA);
            s.execute("CREATE TABLE IF NOT EXISTS " + HISTORY + " (name text PRIMARY KEY, checksum text NOT NULL, "
                    + "applied_at timestamptz NOT NULL DEFAULT clock_timestamp(), execution_ms bigint NOT NULL)");
        } catch (SQLException e) {
            if (!"23505".equals(e.getSQLState()) && !"42P07".equals(e.getSQLState())) {
                throw e; // a concurrent creator won the race: fine
            }
        }
    }

    private static void record(Connection c, PendingMigration m, long t0) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("INSERT INTO " + HISTORY
                + " (name, checksum, execution_ms) VALUES (?, ?, ?) ON CONFLICT (name) DO NOTHING")) {
            p.setString(1, m.name());
            p.setString(2, checksum(m.sql()));
            p.setLong(3, since(t0).toMillis());
            p.executeUpdate();
        }
    }

    static String checksum(String sql) {
        try {
            byte[] d = java.security.MessageDigest.getInstance("SHA-256")
                    .digest(sql.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return java.util.HexFormat.of().formatHex(d);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<List<Tracker>> groups(Tracker[] trackers) {
        List<List<Tracker>> groups = new ArrayList<>();
        List<Tracker> cur = new ArrayList<>();
        for (Tracker t : trackers) {
            if (!t.transactional) {
                if (!cur.isEmpty()) {
                    groups.add(cur);
                    cur = new ArrayList<>();
                }
                groups.add(List.of(t));
            } else if (t.startsTransaction && !cur.isEmpty()) {
                groups.add(cur);
                cur = new ArrayList<>();
                cur.add(t);
            } else {
                cur.add(t);
            }
        }
        if (!cur.isEmpty()) {
            groups.add(cur);
        }
        return groups;
    }

    private static List<StatementResult> results(Tracker[] trackers) {
        List<StatementResult> out = new ArrayList<>();
        for (Tracker t : trackers) {
            out.add(new StatementResult(t.index, abbreviate(t.sql), t.transactional, t.status, t.attempts,
                    t.longestLockWait, t.elapsed));
        }
        return out;
    }

    private static void rollbackQuietly(Connection c) {
        try {
            c.rollback();
        } catch (SQLException ignored) {
            // the connection is broken; the transaction is gone with it
        }
    }

    static String abbreviate(String sql) {
        String one = SqlStatements.stripComments(sql).replaceAll("\\s+", " ").trim();
        return one.length() <= 80 ? one : one.substring(0, 77) + "...";
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    private static Duration since(long t0) {
        return Duration.ofNanos(System.nanoTime() - t0);
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    @Override
    public String toString() {
        return "JdbcMigrationRunner[" + database + ", lock_timeout " + lockTimeout.toMillis() + "ms, statement_timeout "
                + statementTimeout.toSeconds() + "s]";
    }

    /** One statement's running totals. */
    private static final class Tracker {
        final int index;
        final String sql;
        final boolean transactional;
        /** Whether an explicit BEGIN or COMMIT stands before it in the SQL: it starts a new transaction. */
        final boolean startsTransaction;
        StatementResult.Status status = StatementResult.Status.NOT_RUN;
        int attempts;
        Duration longestLockWait = Duration.ZERO;
        Duration elapsed = Duration.ZERO;
        Duration lastRun = Duration.ZERO;

        Tracker(int index, String sql, boolean transactional, boolean startsTransaction) {
            this.index = index;
            this.sql = sql;
            this.transactional = transactional;
            this.startsTransaction = startsTransaction;
        }
    }

    /** A group's attempt failed at a statement. */
    private static final class GroupFailure extends Exception {
        private static final long serialVersionUID = 1L;
        final transient Tracker statement;

        GroupFailure(Tracker statement, SQLException cause) {
            super(cause.getMessage(), cause, false, false);
            this.statement = statement;
        }
    }

    /** Configures a {@link JdbcMigrationRunner}. */
    public static final class Builder {
        private final PostgresDatabase database;
        private Duration lockTimeout = DEFAULT_LOCK_TIMEOUT;
        private Duration statementTimeout = DEFAULT_STATEMENT_TIMEOUT;
        private RetryPolicy retry = RetryPolicy.defaults();

        private Builder(PostgresDatabase database) {
            this.database = Objects.requireNonNull(database, "database");
        }

        /** How long a statement waits for a lock before it gives up and is retried. (default: 2 s) */
        public Builder lockTimeout(Duration timeout) {
            this.lockTimeout = positive(timeout, "lockTimeout");
            return this;
        }

        /** How long one statement may run. (default: 15 min) */
        public Builder statementTimeout(Duration timeout) {
            this.statementTimeout = positive(timeout, "statementTimeout");
            return this;
        }

        /** How lock timeouts are retried. (default: {@link RetryPolicy#defaults()}) */
        public Builder retry(RetryPolicy policy) {
            this.retry = Objects.requireNonNull(policy, "policy");
            return this;
        }

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
        if (backendId == null || !backendId.strip().matches("[0-9]{1,10}")) {
            throw new IllegalArgumentException("a backend id is a pid (digits), was " + backendId);
        }
        int pid = Integer.parseInt(backendId.strip());
        try (Connection c = database.connect(); java.sql.PreparedStatement p = c.prepareStatement(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE pid = ? "
                        + "AND datname = current_database() AND pid <> pg_backend_pid()");
             java.sql.PreparedStatement gone = c.prepareStatement("SELECT 1 FROM pg_stat_activity WHERE pid = ?")) {
            p.setInt(1, pid);
            boolean ended;
            try (java.sql.ResultSet rs = p.executeQuery()) {
                ended = rs.next() && rs.getBoolean(1);
            }
            gone.setInt(1, pid);
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (ended && System.nanoTime() < deadline) {
                try (java.sql.ResultSet rs = gone.executeQuery()) {
                    if (!rs.next()) {
                        break;
                    }
                }
                Thread.sleep(20);
            }
            return ended;
        } catch (SQLException e) {
            throw new PlatformException("end session " + pid, e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PlatformException("end session " + pid, "interrupted", e);
        }
    }
}
