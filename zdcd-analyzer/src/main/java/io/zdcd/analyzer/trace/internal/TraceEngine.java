package io.zdcd.analyzer.trace.internal;

import io.zdcd.analyzer.trace.StatementTrace;
import io.zdcd.analyzer.trace.TraceException;
import io.zdcd.analyzer.trace.TraceReport;
import io.zdcd.classify.Migration;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Traces one migration: checks the database, picks scratch copy or in place, and runs every statement. */
public final class TraceEngine {
    private static final String SERVER_ACTION = "it acts on the server or other sessions (terminating or signalling "
            + "backends, configuration, replication, files, programs), which even a rolled-back transaction cannot "
            + "undo, so the tracer does not run it";
    private final Endpoint endpoint;
    private final boolean allowBusy;
    private final int rows;
    private final List<Migration> history;
    private final int timeoutSeconds;
    private final boolean scratchCopy;

    public TraceEngine(Endpoint endpoint, boolean allowBusy, int rows, List<Migration> history, Duration timeout,
                       boolean scratchCopy) {
        this.endpoint = endpoint;
        this.allowBusy = allowBusy;
        this.rows = rows;
        this.history = List.copyOf(history);
        this.timeoutSeconds = (int) Math.max(1, Math.min(Integer.MAX_VALUE, timeout.toSeconds()));
        this.scratchCopy = scratchCopy;
    }

    public TraceReport trace(Migration migration) {
        List<Sql.Stmt> statements = Sql.split(migration.sql());
        Connection target;
        try {
            target = endpoint.open();
        } catch (SQLException e) {
            throw endpoint.cannotConnect(e);
        }
        try (target) {
            target.setAutoCommit(true);
            String[] version = serverVersion(target);
            refuseIfBusy(target);
            List<String> notes = new ArrayList<>();
            if (scratchCopy) {
                Scratch scratch = Scratch.create(target, endpoint, notes, notes);
                if (scratch != null) {
                    List<StatementTrace> traces;
                    try (scratch) {
                        traces = inScratch(scratch, migration, statements, notes);
                    }
                    return report(migration, version, TraceReport.Mode.SCRATCH_COPY, traces, notes);
                }
            }
            List<StatementTrace> traces = inPlace(target, migration, statements, notes);
            return report(migration, version, TraceReport.Mode.IN_PLACE, traces, notes);
        } catch (SQLException e) {
            throw new TraceException("tracing " + migration.name() + " on " + endpoint + " failed: "
                    + endpoint.redact(e.getMessage()), e);
        }
    }

    private TraceReport report(Migration m, String[] version, TraceReport.Mode mode, List<StatementTrace> traces,
                               List<String> notes) {
        return new TraceReport(m.name(), Integer.parseInt(version[0]), version[1], mode, rows, traces,
                new ArrayList<>(new LinkedHashSet<>(notes)));
    }

    private static String[] serverVersion(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                "SELECT current_setting('server_version_num')::int / 10000, current_setting('server_version')")) {
            rs.next();
            String full = rs.getString(2);
            int space = full.indexOf(' ');
            return new String[] {rs.getString(1), space < 0 ? full : full.substring(0, space)};
        }
    }

    /** Refuses a database other clients are connected to (a backend may linger briefly after a disconnect). */
    private void refuseIfBusy(Connection c) throws SQLException {
        if (allowBusy) {
            return;
        }
        int others = 0;
        for (int attempt = 0; attempt < 10; attempt++) {
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                    "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
                            + "AND pid <> pg_backend_pid() AND backend_type = 'client backend'")) {
                rs.next();
                others = rs.getInt(1);
            }
            if (others == 0) {
                return;
            }
            sleep(100);
        }
        throw new TraceException("database " + endpoint + " has " + others + " other client connection"
                + (others == 1 ? "" : "s") + "; trace a copy, or allow it explicitly (allowBusy / --allow-busy)");
    }

    // ---- scratch copy: history, fixture and each traced statement committed in a database dropped afterwards ----

    private List<StatementTrace> inScratch(Scratch scratch, Migration m, List<Sql.Stmt> statements, List<String> notes)
            throws SQLException {
        List<StatementTrace> traces = new ArrayList<>();
        try (Connection c = scratch.open()) {
            c.setAutoCommit(true);
            Fixture fixture = new Fixture(c, timeoutSeconds, endpoint);
            fixture.applyHistory(history);
            notes.addAll(fixture.fill(rows, m.sql()));
            Set<Long> pre = Catalog.relations(c).keySet();
            Set<String> localSettings = new LinkedHashSet<>();
            for (Sql.Stmt s : statements) {
                traces.add(traceCommitted(scratch, c, fixture, s, pre, localSettings));
            }
        }
        return traces;
    }

    /** Traces one statement in a rolled-back transaction of the scratch copy, then applies it for the next ones. */
    private StatementTrace traceCommitted(Scratch scratch, Connection c, Fixture fixture, Sql.Stmt s, Set<Long> pre,
                                          Set<String> localSettings) throws SQLException {
        if (Sql.isTransactionControl(s.sql())) {
            Catalog.Snapshot now = Catalog.take(c);
            if (Sql.endsTransaction(s.sql())) {
                for (String name : localSettings) {
                    fixture.execute("RESET " + name);
                }
                localSettings.clear();
            }
            return Observation.notExecuted(s, now.lockTimeout(), now.statementTimeout(),
                    "transaction control: the tracer runs each statement in its own transaction");
        }
        if (s.psql()) {
            Catalog.Snapshot now = Catalog.take(c);
            return Observation.notExecuted(s, now.lockTimeout(), now.statementTimeout(),
                    "psql meta-command: not SQL, psql itself runs it");
        }
        if (Sql.actsOnServer(s.sql())) {
            return notTraced(c, s, SERVER_ACTION);
        }
        boolean clusterWide = Sql.affectsCluster(s.sql());
        if (Sql.cannotRunInTransaction(s.sql())) {
            if (clusterWide) {
                return notTraced(c, s, "it changes the whole server (databases, tablespaces, settings) and cannot "
                        + "run in a transaction, so the tracer does not run it");
            }
            return new WatchedRun(scratch, c, timeoutSeconds, endpoint, false).run(s, pre);
        }
        StatementTrace t = inTransaction(c, s, pre, List.of());
        if (clusterWide) {
            return t; // rolled back, and never applied for the next statements: roles and databases are global
        }
        if (t.sqlState().filter("25001"::equals).isPresent()) {
            return new WatchedRun(scratch, c, timeoutSeconds, endpoint, false).run(s, pre);
        }
        if (t.failed()) {
            StatementTrace watched = new WatchedRun(scratch, c, timeoutSeconds, endpoint, true).run(s, pre);
            if (watched.failed()) {
                t = watched;
            }
        }
        if (!t.failed()) {
            Optional<String> local = Sql.setLocalName(s.sql());
            local.ifPresent(localSettings::add);
            try {
                fixture.execute(local.isPresent() ? Sql.asSessionSet(s.sql()) : s.sql());
            } catch (SQLException e) {
                // e.g. LOCK TABLE outside a transaction block: it changed nothing the next statements need.
            }
        }
        return t;
    }

    /**
     * Runs the statement in a new transaction on {@code c}, reads the catalog before and after, and rolls back.
     * {@code replay} runs first in the same transaction (in place: history, fixture, earlier statements).
     */
    private StatementTrace inTransaction(Connection c, Sql.Stmt s, Set<Long> pre, List<String> notes)
            throws SQLException {
        boolean wasAuto = c.getAutoCommit();
        c.setAutoCommit(false);
        try {
            Catalog.Snapshot before = Catalog.take(c);
                        try (Statement st = c.createStatement()) {
                st.setQueryTimeout(timeoutSeconds);
                st.execute(s.sql());
            } catch (SQLException e) {
                List<String> n = new ArrayList<>(notes);
                n.add("it failed, and a failed transaction releases its locks at once: its locks were not seen");
                return Observation.of(s, StatementTrace.Execution.IN_TRANSACTION, pre, before, null, List.of(),
                        before.locks(), Optional.ofNullable(e.getSQLState()), Optional.of(endpoint.redact(message(e))),
                        n);
            }
            Catalog.Snapshot after = Catalog.take(c);
            return Observation.of(s, StatementTrace.Execution.IN_TRANSACTION, pre, before, after,
                    Observation.acquired(before.locks(), after.locks()), before.locks(), Optional.empty(),
                    Optional.empty(), notes);
        } finally {
            c.rollback();
            c.setAutoCommit(wasAuto);
        }
    }

    static String message(SQLException e) {
        String msg = e.getMessage() == null ? e.toString() : e.getMessage();
        int nl = msg.indexOf('\n');
        return (nl < 0 ? msg : msg.substring(0, nl)).replaceFirst("^ERROR: ", "");
    }

    // ---- in place: one transaction per statement, replaying history, fixture and earlier statements ----

    private List<StatementTrace> inPlace(Connection target, Migration m, List<Sql.Stmt> statements,
                                         List<String> notes) throws SQLException {
        List<StatementTrace> traces = new ArrayList<>();
        Set<Integer> failed = new java.util.HashSet<>();
        for (Sql.Stmt s : statements) {
            if (Sql.isTransactionControl(s.sql())) {
                Catalog.Snapshot now = Catalog.take(target);
                traces.add(Observation.notExecuted(s, now.lockTimeout(), now.statementTimeout(),
                        "transaction control: the tracer runs each statement in its own transaction"));
                continue;
            }
            if (s.psql()) {
                Catalog.Snapshot now = Catalog.take(target);
                traces.add(Observation.notExecuted(s, now.lockTimeout(), now.statementTimeout(),
                        "psql meta-command: not SQL, psql itself runs it"));
                continue;
            }
            if (Sql.actsOnServer(s.sql())) {
                traces.add(notTraced(target, s, SERVER_ACTION));
                continue;
            }
            if (Sql.cannotRunInTransaction(s.sql())) {
                traces.add(Sql.affectsCluster(s.sql()) ? notTraced(target, s, "it changes the whole server "
                        + "(databases, tablespaces, settings) and cannot run in a transaction, so the tracer does not "
                        + "run it") : outsideInOwnScratch(target, m, statements, s, failed, notes));
                continue;
            }
            target.setAutoCommit(false);
            StatementTrace t;
            try {
                Fixture fixture = new Fixture(target, timeoutSeconds, endpoint);
                fixture.applyHistory(history);
                List<String> fillNotes = fixture.fill(rows, m.sql());
                if (s.index() == firstExecuted(statements)) {
                    notes.addAll(fillNotes);
                }
                Set<Long> pre = Catalog.relations(target).keySet();
                replayEarlier(fixture, statements, s, failed);
                t = inTransaction(target, s, pre, List.of());
            } finally {
                target.rollback();
                target.setAutoCommit(true);
            }
            if (t.sqlState().filter("25001"::equals).isPresent()) {
                t = outsideInOwnScratch(target, m, statements, s, failed, notes);
            }
            if (t.failed()) {
                failed.add(s.index());
            }
            traces.add(t);
        }
        return traces;
    }

    private static int firstExecuted(List<Sql.Stmt> statements) {
        return statements.stream().filter(x -> !Sql.isTransactionControl(x.sql())).mapToInt(Sql.Stmt::index)
                .findFirst().orElse(-1);
    }

    private void replayEarlier(Fixture fixture, List<Sql.Stmt> statements, Sql.Stmt upTo, Set<Integer> failed)
            throws SQLException {
        for (Sql.Stmt e : statements) {
            if (e.index() >= upTo.index()) {
                break;
            }
            if (failed.contains(e.index()) || Sql.isTransactionControl(e.sql()) || e.psql()
                    || Sql.actsOnServer(e.sql())) {
                continue;
            }
            Optional<String> sql = Sql.inTransactionEquivalent(e.sql());
            if (sql.isPresent()) {
                fixture.executeUnderSavepoint(sql.get(), false);
            }
        }
    }

    /** In place, a statement that cannot run in a transaction gets a scratch copy of its own. */
    private StatementTrace outsideInOwnScratch(Connection target, Migration m, List<Sql.Stmt> statements,
                                               Sql.Stmt s, Set<Integer> failed, List<String> notes)
            throws SQLException {
        List<String> why = new ArrayList<>();
        Scratch scratch = scratchCopy ? Scratch.create(target, endpoint, why, notes) : null;
        if (scratch == null) {
            if (!scratchCopy) {
                why.add("scratch copies are turned off");
            }
            return notTraced(target, s, "it cannot run in a transaction and needs a scratch copy of the "
                    + "database (" + String.join("; ", why) + ")");
        }
        try (scratch; Connection c = scratch.open()) {
            c.setAutoCommit(true);
            Fixture fixture = new Fixture(c, timeoutSeconds, endpoint);
            fixture.applyHistory(history);
            fixture.fill(rows, m.sql());
            Set<Long> pre = Catalog.relations(c).keySet();
            for (Sql.Stmt e : statements) {
                if (e.index() >= s.index()) {
                    break;
                }
                if (failed.contains(e.index()) || Sql.isTransactionControl(e.sql()) || e.psql()
                        || Sql.affectsCluster(e.sql()) || Sql.actsOnServer(e.sql())) {
                    continue;
                }
                try {
                    fixture.execute(Sql.setLocalName(e.sql()).isPresent() ? Sql.asSessionSet(e.sql()) : e.sql());
                } catch (SQLException ignored) {
                    // it failed when traced too, or needs a transaction block (LOCK TABLE): nothing to carry over
                }
            }
            return new WatchedRun(scratch, c, timeoutSeconds, endpoint, false).run(s, pre);
        }
    }

    /** A statement the tracer did not run, with the reason (the comparison shows it as not traced). */
    private static StatementTrace notTraced(Connection c, Sql.Stmt s, String why) throws SQLException {
        Catalog.Snapshot now = Catalog.take(c);
        return new StatementTrace(s.index(), s.line(), s.sql(), StatementTrace.Execution.OUTSIDE_TRANSACTION,
                List.of(), List.of(), Optional.empty(), List.of(), List.of(), List.of(), List.of(), List.of(),
                now.lockTimeout(), now.statementTimeout(), Optional.empty(), Optional.empty(),
                List.of("not traced: " + why));
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TraceException("interrupted while tracing", e);
        }
    }
}
