package io.zdcd.analyzer.trace.internal;

import io.zdcd.analyzer.trace.StatementTrace;
import io.zdcd.analyzer.trace.TraceException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs a statement in a scratch copy while a second connection watches its locks: for statements that cannot run in
 * a transaction (CONCURRENTLY, VACUUM), which run for real, and for statements that fail in a transaction (an
 * aborted transaction releases its locks at once, so they can only be seen while it runs), which are rolled back.
 * Before it starts, two connections per table it names hold SHARE UPDATE EXCLUSIVE and ACCESS SHARE on that table,
 * so its conflicting lock requests wait in plain view in {@code pg_locks}; whichever blocker it waits for
 * ({@code pg_blocking_pids}) is then let go, until it ends. A third connection first takes SHARE UPDATE EXCLUSIVE on the
 * tables it names and holds a snapshot, so the statement has to wait, in plain view, for its first conflicting lock
 * (and CONCURRENTLY for older snapshots); then it is let go and watched until it ends.
 */
final class WatchedRun {
    private final Scratch scratch;
    private final Connection worker;
    private final int timeoutSeconds;
    private final Endpoint endpoint;
    private final boolean inTransaction;

    WatchedRun(Scratch scratch, Connection worker, int timeoutSeconds, Endpoint endpoint, boolean inTransaction) {
        this.scratch = scratch;
        this.worker = worker;
        this.timeoutSeconds = timeoutSeconds;
        this.endpoint = endpoint;
        this.inTransaction = inTransaction;
    }

    StatementTrace run(Sql.Stmt s, Set<Long> pre) throws SQLException {
        if (!inTransaction) {
            return watch(s, pre);
        }
        worker.setAutoCommit(false);
        try {
            return watch(s, pre);
        } finally {
            worker.rollback();
            worker.setAutoCommit(true);
        }
    }

    private StatementTrace watch(Sql.Stmt s, Set<Long> pre) throws SQLException {
        Catalog.Snapshot before = Catalog.take(worker);
        int pid = Catalog.backendPid(worker);
        Map<String, Catalog.Lock> seen = new LinkedHashMap<>();
        List<String> notes = new ArrayList<>();
        notes.add(inTransaction
                ? "it failed, and a failed transaction releases its locks at once: locks sampled while it ran"
                : "run outside a transaction in a scratch copy; locks sampled while it ran");
        Optional<SQLException> error = Optional.empty();
        List<Connection> blockers = new ArrayList<>();
        try (Connection monitor = scratch.open()) {
            Map<Integer, Connection> byPid = new java.util.HashMap<>();
            for (String table : namedTables(s, monitor)) {
                // One connection holds SHARE UPDATE EXCLUSIVE (the statement's first conflicting request waits on
                // it), another ACCESS SHARE (an ACCESS EXCLUSIVE request waits on it, however late it comes).
                for (String mode : List.of("SHARE UPDATE EXCLUSIVE", "ACCESS SHARE")) {
                    Connection b = scratch.open();
                    blockers.add(b);
                    b.setAutoCommit(false);
                    try (Statement st = b.createStatement()) {
                        st.execute("SET LOCAL lock_timeout = '2s'");
                        st.execute("LOCK TABLE ONLY " + table + " IN " + mode + " MODE");
                        byPid.put(Catalog.backendPid(b), b);
                    } catch (SQLException e) {
                        b.rollback(); // something else holds the table: observe without this blocker
                    }
                }
            }
            CompletableFuture<Void> run = CompletableFuture.runAsync(() -> {
                try (Statement st = worker.createStatement()) {
                    st.setQueryTimeout(timeoutSeconds);
                    st.execute(s.sql());
                } catch (SQLException e) {
                    throw new java.util.concurrent.CompletionException(e);
                }
            });
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds + 5L);
            while (!run.isDone() && System.nanoTime() < deadline) {
                for (Catalog.Lock l : Catalog.locksOf(monitor, pid)) {
                    seen.putIfAbsent(l.relid() + "/" + l.mode(), l);
                }
                List<Integer> blocking = Catalog.blockingPids(monitor, pid);
                if (!blocking.isEmpty()) {
                    for (Catalog.Lock l : Catalog.locksOf(monitor, pid)) {
                        seen.putIfAbsent(l.relid() + "/" + l.mode(), l);
                    }
                    boolean released = false;
                    for (Integer b : blocking) {
                        Connection c = byPid.remove(b);
                        if (c != null) {
                            c.rollback();
                            released = true;
                        }
                    }
                    if (!released) { // waiting for something else: let everything go
                        for (Connection c : byPid.values()) {
                            c.rollback();
                        }
                        byPid.clear();
                    }
                }
                TraceEngine.sleep(1);
            }
            for (Connection c : byPid.values()) {
                c.rollback();
            }
            try {
                run.get(timeoutSeconds + 10L, TimeUnit.SECONDS);
            } catch (ExecutionException e) {
                if (e.getCause() instanceof SQLException sql) {
                    error = Optional.of(sql);
                } else {
                    throw new TraceException("tracing statement " + s.index() + " failed: " + e.getCause(), e);
                }
            } catch (TimeoutException e) {
                throw new TraceException("statement " + s.index() + " did not finish within " + timeoutSeconds
                        + " s");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new TraceException("interrupted while tracing", e);
            }
        } finally {
            for (Connection b : blockers) {
                try {
                    b.close();
                } catch (SQLException ignored) {
                    // closing a blocker that already let go
                }
            }
        }
        Catalog.Snapshot after = null;
        if (!inTransaction) {
            after = Catalog.take(worker);
        } else if (error.isEmpty()) {
            after = Catalog.take(worker);
        }
        return Observation.of(s, inTransaction ? StatementTrace.Execution.IN_TRANSACTION
                        : StatementTrace.Execution.OUTSIDE_TRANSACTION, pre, before, after, seen.values(),
                List.of(), error.map(SQLException::getSQLState),
                error.map(e -> endpoint.redact(TraceEngine.message(e))), notes);
    }

    /** Tables named in the statement, directly or through an index named in it, as SQL names. */
    private static List<String> namedTables(Sql.Stmt s, Connection c) throws SQLException {
        Set<String> words = Sql.identifiers(s.sql());
        List<String> out = new ArrayList<>();
        try (java.sql.PreparedStatement ps = c.prepareStatement(
                "SELECT DISTINCT format('%I.%I', n.nspname, t.relname) FROM pg_class t "
                        + "JOIN pg_namespace n ON n.oid = t.relnamespace "
                        + "LEFT JOIN pg_index i ON i.indrelid = t.oid LEFT JOIN pg_class x ON x.oid = i.indexrelid "
                        + "WHERE t.relkind IN ('r', 'p', 'm') AND n.nspname NOT IN ('pg_catalog', 'information_schema') "
                        + "AND (t.relname = ANY (?) OR x.relname = ANY (?))")) {
            java.sql.Array names = c.createArrayOf("text", words.toArray());
            ps.setArray(1, names);
            ps.setArray(2, names);
            try (java.sql.ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
        }
        return out;
    }
}
