package io.zdcd.jdbc;

import io.zdcd.internal.ConcurrentIndexes;
import io.zdcd.internal.LockRetry;
import io.zdcd.spi.MigrationResult;
import io.zdcd.spi.MigrationRunner;
import io.zdcd.spi.PendingMigration;
import io.zdcd.spi.PlatformException;
import io.zdcd.spi.Progress;
import io.zdcd.spi.StatementResult;
import io.zdcd.sql.SqlScript;
import io.zdcd.sql.SqlStatement;
import io.zdcd.sql.SqlTransaction;
import java.io.IOException;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.postgresql.PGConnection;

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
            return isInvalidIndex(c, index);
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
        SqlScript script = SqlScript.parse(migration.sql());
        List<List<Tracker>> groups = new ArrayList<>();
        List<Tracker> all = new ArrayList<>();
        for (SqlTransaction tx : script.transactions()) { // = plan(migration) when there is no problem
            List<Tracker> group = new ArrayList<>();
            for (SqlStatement st : tx.statements()) {
                Tracker t = new Tracker(st, tx.inTransaction());
                group.add(t);
                all.add(t);
            }
            groups.add(group);
        }
        List<String> problems = script.problems();
        if (!problems.isEmpty()) {
            return new MigrationResult(migration.name(), MigrationResult.Status.FAILED, results(all), since(t0),
                    "refused, nothing was run: " + String.join("; ", problems), List.of());
        }
        boolean oneTransaction = groups.size() <= 1 && (groups.isEmpty() || groups.get(0).get(0).transactional);
        String checksum = checksum(migration.sql());
        try (Connection c = database.connect()) {
            progress.operationStarted("backend", String.valueOf(backendPid(c)));
            ensureHistory(c);
            try (Statement s = c.createStatement()) {
                s.execute(LockRetry.setLockTimeout(lockPolicy.firstLockTimeout()));
                s.execute("SET statement_timeout = '" + statementTimeout.toMillis() + "ms'");
            }
            Set<Integer> done = oneTransaction ? Set.of() : recordedStatements(c, migration.name(), checksum);
            for (int g = 0; g < groups.size(); g++) {
                List<Tracker> group = groups.get(g);
                if (alreadyApplied(c, group, done, progress)) {
                    if (!done.containsAll(group.stream().map(t -> t.statement.index()).toList())) {
                        c.setAutoCommit(true);
                        recordStatements(c, migration.name(), checksum, group);
                    }
                    continue;
                }
                boolean recordHere = oneTransaction && g == groups.size() - 1;
                try {
                    runWithRetry(c, migration, group, recordHere, oneTransaction ? null : checksum, t0, progress);
                } catch (GroupFailure f) {
                    return failed(c, migration, all, group, f, t0);
                }
            }
            if (!oneTransaction || groups.isEmpty()) {
                c.setAutoCommit(true);
                record(c, migration, t0);
                forgetStatements(c, migration.name());
            }
        } catch (SQLException e) {
            throw new PlatformException("apply migration " + migration.name() + " to " + database, e.getMessage(), e);
        }
        return new MigrationResult(migration.name(), MigrationResult.Status.APPLIED, results(all), since(t0), "",
                List.of());
    }

    @Override
    public boolean isApplied(String name) {
        Objects.requireNonNull(name, "name");
        try (Connection c = database.connect();
             PreparedStatement p = c.prepareStatement("SELECT 1 FROM " + HISTORY + " WHERE name = ?")) {
            p.setString(1, name);
            try (ResultSet rs = p.executeQuery()) {
                return rs.next();
            }
        } catch (SQLException e) {
            if ("42P01".equals(e.getSQLState()) || "3F000".equals(e.getSQLState())) {
                return false; // no history yet: nothing applied
            }
            throw new PlatformException("read applied migrations from " + database, e.getMessage(), e);
        }
    }

    /** Records the migration in {@code zdcd.applied_migrations} without running it (its rewrite ran instead). */
    @Override
    public void recordApplied(PendingMigration migration) {
        Objects.requireNonNull(migration, "migration");
        try (Connection c = database.connect()) {
            ensureHistory(c);
            record(c, migration, System.nanoTime());
            forgetStatements(c, migration.name());
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
     * Whether the group was applied by an earlier run: recorded in {@code zdcd.applied_statements}, or (for a
     * {@code CREATE INDEX CONCURRENTLY} whose run ended before it was recorded) a VALID index of that name and
     * definition exists.
     */
    private boolean alreadyApplied(Connection c, List<Tracker> group, Set<Integer> done, Progress progress) {
        boolean recorded = group.stream().allMatch(t -> done.contains(t.statement.index()));
        Tracker first = group.get(0);
        boolean recognised = !recorded && !first.transactional && ExistingIndex.matches(c, first.statement.text());
        if (!recorded && !recognised) {
            return false;
        }
        for (Tracker t : group) {
            t.status = StatementResult.Status.APPLIED;
            t.earlier = true;
            progress.report("statement #" + t.statement.index() + " (" + abbreviate(t.statement.text()) + "): "
                    + (recorded ? "applied by an earlier run (recorded in " + STATEMENTS + "); skipped"
                    : "the VALID index it builds exists with the same definition; skipped"));
        }
        return true;
    }

    private void runWithRetry(Connection c, PendingMigration m, List<Tracker> group, boolean record,
                              String recordStatements, long t0, Progress progress) throws GroupFailure {
        try {
            LockRetry.run(lockPolicy, e -> e instanceof GroupFailure f && LockRetry.isLockTimeout(f.getCause()),
                    (n, lockTimeout, wait, cause) -> {
                        Tracker t = ((GroupFailure) cause).statement;
                        progress.report("statement #" + t.statement.index() + " (" + abbreviate(t.statement.text())
                                + "): lock not granted within " + lockTimeout.toMillis() + "ms; retry " + n + " in "
                                + wait.toMillis() + "ms");
                    },
                    (n, lockTimeout) -> {
                        attempt(c, m, group, record, recordStatements, t0, lockTimeout, progress);
                        return null;
                    });
        } catch (GroupFailure f) {
            throw f;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private void attempt(Connection c, PendingMigration m, List<Tracker> group, boolean record,
                         String recordStatements, long t0, Duration lockTimeout, Progress progress)
            throws GroupFailure, SQLException {
        boolean tx = group.get(0).transactional;
        c.setAutoCommit(true);
        try (Statement s = c.createStatement()) {
            s.execute(LockRetry.setLockTimeout(lockTimeout));
        }
        c.setAutoCommit(!tx);
        Tracker current = null;
        try (Statement s = c.createStatement()) {
            for (Tracker t : group) {
                current = t;
                t.attempts++;
                progress.report("statement #" + t.statement.index() + ": " + abbreviate(t.statement.text()));
                long ts = System.nanoTime();
                try {
                    execute(c, s, t.statement);
                } finally {
                    t.lastRun = since(ts);
                    t.elapsed = t.elapsed.plus(t.lastRun);
                }
            }
            current = null;
            if (record) {
                record(c, m, t0);
            }
            if (recordStatements != null) {
                recordStatements(c, m.name(), recordStatements, group); // in the same transaction when there is one
            }
            if (tx) {
                c.commit();
            }
            group.forEach(t -> t.status = StatementResult.Status.APPLIED);
        } catch (SQLException e) {
            if (tx) {
                rollbackQuietly(c);
            }
            if (current == null) {
                throw e; // zdcd's own bookkeeping failed
            }
            if (LockRetry.isLockTimeout(e)) {
                current.longestLockWait = max(current.longestLockWait, current.lastRun);
                if (!tx) {
                    dropLeftOverIndexes(c, current.statement.text());
                }
            }
            throw new GroupFailure(current, e);
        }
    }

    /** Runs one statement: a {@code COPY ... FROM stdin} with its inline rows, anything else as is. */
    private static void execute(Connection c, Statement s, SqlStatement st) throws SQLException {
        if (st.isCopyFromStdin()) {
            try {
                c.unwrap(PGConnection.class).getCopyAPI().copyIn(st.text(), new StringReader(st.copyData()));
            } catch (IOException e) {
                throw new SQLException("COPY data could not be sent: " + e.getMessage(), "08006", e);
            }
        } else {
            s.execute(st.text());
        }
    }

    private MigrationResult failed(Connection c, PendingMigration m, List<Tracker> all, List<Tracker> group,
                                   GroupFailure f, long t0) {
        boolean tx = group.get(0).transactional;
        for (Tracker t : group) {
            if (t == f.statement) {
                t.status = StatementResult.Status.FAILED;
            } else if (t.statement.index() < f.statement.statement.index()) {
                t.status = tx ? StatementResult.Status.ROLLED_BACK : StatementResult.Status.APPLIED;
            }
        }
        List<String> invalid = new ArrayList<>();
        if (!tx) {
            for (String index : ConcurrentIndexes.in(f.statement.statement.text())) {
                if (isInvalidIndex(c, index)) {
                    invalid.add(index);
                }
            }
        }
        SQLException e = (SQLException) f.getCause();
        String why = "statement #" + f.statement.statement.index() + " (" + abbreviate(f.statement.statement.text())
                + ") failed: " + firstLine(e.getMessage()) + " [SQLState " + e.getSQLState() + "]"
                + (LockRetry.isLockTimeout(e) ? " after " + f.statement.attempts + " attempts (lock_timeout "
                + lockPolicy.firstLockTimeout().toMillis() + "-" + lockPolicy.maxLockTimeout().toMillis()
                + "ms, retry budget " + lockPolicy.budget().toSeconds() + "s)" : "")
                + ". " + whatStayed(all, invalid);
        return new MigrationResult(m.name(), MigrationResult.Status.FAILED, results(all), since(t0), why, invalid);
    }

    /** One sentence: which statements stayed applied (and are recorded, so a re-run resumes after them). */
    static String whatStayed(List<Tracker> all, List<String> invalid) {
        List<String> stayed = new ArrayList<>();
        for (Tracker t : all) {
            if (t.status == StatementResult.Status.APPLIED) {
                stayed.add("#" + t.statement.index() + (t.earlier ? " (by an earlier run)" : ""));
            }
        }
        String s = stayed.isEmpty() ? "Nothing of it stayed applied"
                : "Stayed applied: " + String.join(", ", stayed) + " (recorded in " + STATEMENTS + ": a re-run "
                + "resumes after them)";
        if (!invalid.isEmpty()) {
            s += "; left INVALID index " + String.join(", ", invalid) + " (dropped by a re-run or recovery)";
        }
        return s + "; the migration is not recorded as applied.";
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
        int p;
        try {
            p = Integer.parseInt(pid.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a backend pid: " + pid);
        }
        try (Connection c = database.connect(); PreparedStatement s = c.prepareStatement("SELECT "
                + "pg_terminate_backend(pid) FROM pg_stat_activity WHERE pid = ? AND pid <> pg_backend_pid() AND "
                + "datname = current_database() AND application_name = 'zdcd'")) {
            s.setInt(1, p);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() && rs.getBoolean(1);
            }
        } catch (SQLException e) {
            throw new PlatformException("end orphaned session " + p + " on " + database, e.getMessage(), e);
        }
    }

    /** Drops the index if it exists and is INVALID. */
    @Override
    public boolean dropInvalidIndex(String index) {
        try (Connection c = database.connect()) {
            if (!isInvalidIndex(c, index)) {
                return false;
            }
            LockRetry.run(lockPolicy, LockRetry::isLockTimeout, (n, t, w, e) -> { }, (n, lockTimeout) -> {
                try (Statement s = c.createStatement()) {
                    s.execute(LockRetry.setLockTimeout(lockTimeout));
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

    private static int backendPid(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT pg_backend_pid()")) {
            rs.next();
            return rs.getInt(1);
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
            s.execute("CREATE TABLE IF NOT EXISTS " + STATEMENTS + " (migration text NOT NULL, checksum text NOT NULL, "
                    + "statement int NOT NULL, line int NOT NULL, sql text NOT NULL, applied_at timestamptz NOT NULL "
                    + "DEFAULT clock_timestamp(), PRIMARY KEY (migration, checksum, statement))");
        } catch (SQLException e) {
            if (!"23505".equals(e.getSQLState()) && !"42P07".equals(e.getSQLState())) {
                throw e; // a concurrent creator won the race: fine
            }
        }
    }

    private static Set<Integer> recordedStatements(Connection c, String migration, String checksum)
            throws SQLException {
        Set<Integer> out = new HashSet<>();
        try (PreparedStatement p = c.prepareStatement("SELECT statement FROM " + STATEMENTS
                + " WHERE migration = ? AND checksum = ?")) {
            p.setString(1, migration);
            p.setString(2, checksum);
            try (ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getInt(1));
                }
            }
        }
        return out;
    }

    private static void recordStatements(Connection c, String migration, String checksum, List<Tracker> group)
            throws SQLException {
        try (PreparedStatement p = c.prepareStatement("INSERT INTO " + STATEMENTS + " (migration, checksum, statement,"
                + " line, sql) VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING")) {
            for (Tracker t : group) {
                p.setString(1, migration);
                p.setString(2, checksum);
                p.setInt(3, t.statement.index());
                p.setInt(4, t.statement.line());
                p.setString(5, abbreviate(t.statement.text()));
                p.addBatch();
            }
            p.executeBatch();
        }
    }

    private static void forgetStatements(Connection c, String migration) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("DELETE FROM " + STATEMENTS + " WHERE migration = ?")) {
            p.setString(1, migration);
            p.executeUpdate();
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

    private static List<StatementResult> results(List<Tracker> trackers) {
        List<StatementResult> out = new ArrayList<>();
        for (Tracker t : trackers) {
            out.add(new StatementResult(t.statement.index(), abbreviate(t.statement.text()), t.transactional, t.status,
                    t.attempts, t.longestLockWait, t.elapsed));
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
        String one = ConcurrentIndexes.stripComments(sql).replaceAll("\\s+", " ").trim();
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
        return "JdbcMigrationRunner[" + database + ", lock_timeout " + lockPolicy.firstLockTimeout().toMillis() + ".."
                + lockPolicy.maxLockTimeout().toMillis() + "ms, retry budget " + lockPolicy.budget().toSeconds()
                + "s, statement_timeout " + statementTimeout.toSeconds() + "s]";
    }

    /** One statement's running totals. */
    private static final class Tracker {
        final SqlStatement statement;
        final boolean transactional;
        StatementResult.Status status = StatementResult.Status.NOT_RUN;
        /** Applied by an earlier run of the same migration (recorded, or its index recognised). */
        boolean earlier;
        int attempts;
        Duration longestLockWait = Duration.ZERO;
        Duration elapsed = Duration.ZERO;
        Duration lastRun = Duration.ZERO;

        Tracker(SqlStatement statement, boolean transactional) {
            this.statement = statement;
            this.transactional = transactional;
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
