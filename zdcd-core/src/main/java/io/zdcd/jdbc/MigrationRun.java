package io.zdcd.jdbc;

import io.zdcd.internal.ConcurrentIndexes;
import io.zdcd.internal.LockRetry;
import io.zdcd.spi.MigrationResult;
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
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.postgresql.PGConnection;

/**
 * How {@link JdbcMigrationRunner#apply} applies a migration: its statements grouped in transactions, each group run
 * under the lock policy's short lock timeouts and retried after a lock timeout, a group applied by an earlier run
 * skipped, and the history recorded (see {@link MigrationHistory}); a failure says exactly what stayed applied.
 */
final class MigrationRun {
    private final PostgresDatabase database;
    private final LockPolicy lockPolicy;
    private final Duration statementTimeout;

    MigrationRun(PostgresDatabase database, LockPolicy lockPolicy, Duration statementTimeout) {
        this.database = database;
        this.lockPolicy = lockPolicy;
        this.statementTimeout = statementTimeout;
    }

    MigrationResult apply(PendingMigration migration, Progress progress) {
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
        String checksum = MigrationHistory.checksum(migration.sql());
        try (Connection c = database.connect()) {
            progress.operationStarted("backend", String.valueOf(PostgresSessions.backendPid(c)));
            MigrationHistory.ensure(c);
            try (Statement s = c.createStatement()) {
                s.execute(LockRetry.setLockTimeout(lockPolicy.firstLockTimeout()));
                s.execute("SET statement_timeout = '" + statementTimeout.toMillis() + "ms'");
            }
            Set<Integer> done = oneTransaction ? Set.of()
                    : MigrationHistory.recordedStatements(c, migration.name(), checksum);
            for (int g = 0; g < groups.size(); g++) {
                List<Tracker> group = groups.get(g);
                if (alreadyApplied(c, group, done, progress)) {
                    if (!done.containsAll(group.stream().map(t -> t.statement.index()).toList())) {
                        c.setAutoCommit(true);
                        MigrationHistory.recordStatements(c, migration.name(), checksum, statements(group));
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
                MigrationHistory.record(c, migration, since(t0));
                MigrationHistory.forgetStatements(c, migration.name());
            }
        } catch (SQLException e) {
            throw new PlatformException("apply migration " + migration.name() + " to " + database, e.getMessage(), e);
        }
        return new MigrationResult(migration.name(), MigrationResult.Status.APPLIED, results(all), since(t0), "",
                List.of());
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
            progress.report("statement #" + t.statement.index() + " (" + JdbcMigrationRunner.abbreviate(t.statement.text()) + "): "
                    + (recorded ? "applied by an earlier run (recorded in " + JdbcMigrationRunner.STATEMENTS + "); skipped"
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
                        progress.report("statement #" + t.statement.index() + " (" + JdbcMigrationRunner.abbreviate(t.statement.text())
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
                progress.report("statement #" + t.statement.index() + ": " + JdbcMigrationRunner.abbreviate(t.statement.text()));
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
                MigrationHistory.record(c, m, since(t0));
            }
            if (recordStatements != null) {
                // in the same transaction when there is one
                MigrationHistory.recordStatements(c, m.name(), recordStatements, statements(group));
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
                    InvalidIndexes.dropLeftOver(c, current.statement.text());
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
                if (InvalidIndexes.isInvalid(c, index)) {
                    invalid.add(index);
                }
            }
        }
        SQLException e = (SQLException) f.getCause();
        String why = "statement #" + f.statement.statement.index() + " (" + JdbcMigrationRunner.abbreviate(f.statement.statement.text())
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
                : "Stayed applied: " + String.join(", ", stayed) + " (recorded in " + JdbcMigrationRunner.STATEMENTS + ": a re-run "
                + "resumes after them)";
        if (!invalid.isEmpty()) {
            s += "; left INVALID index " + String.join(", ", invalid) + " (dropped by a re-run or recovery)";
        }
        return s + "; the migration is not recorded as applied.";
    }

    private static List<SqlStatement> statements(List<Tracker> group) {
        return group.stream().map(t -> t.statement).toList();
    }

    private static List<StatementResult> results(List<Tracker> trackers) {
        List<StatementResult> out = new ArrayList<>();
        for (Tracker t : trackers) {
            out.add(new StatementResult(t.statement.index(), JdbcMigrationRunner.abbreviate(t.statement.text()), t.transactional, t.status,
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
}
