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
 * aborted transaction releases its locks at once, so they can only be seen while it runs), which are rolled back. A third connection first takes SHARE UPDATE EXCLUSIVE on the
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
        try (Connection blocker = scratch.open(); Connection monitor = scratch.open()) {
            blocker.setAutoCommit(false);
            blocker.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            try (Statement b = blocker.createStatement()) {
                b.execute("SELECT 1");
                List<String> tables = namedTables(s, before);
                if (!tables.isEmpty()) {
                    b.execute("LOCK TABLE " + String.join(", ", tables) + " IN SHARE UPDATE EXCLUSIVE MODE");
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
            long releaseAt = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
            boolean released = false;
            while (!run.isDone() && System.nanoTime() < deadline) {
                for (Catalog.Lock l : Catalog.locksOf(monitor, pid)) {
                    seen.putIfAbsent(l.relid() + "/" + l.mode(), l);
                }
                if (!released && (Catalog.waitingForLock(monitor, pid) || System.nanoTime() > releaseAt)) {
                    for (Catalog.Lock l : Catalog.locksOf(monitor, pid)) {
                        seen.putIfAbsent(l.relid() + "/" + l.mode(), l);
                    }
                    blocker.rollback();
                    released = true;
                }
                TraceEngine.sleep(2);
            }
            if (!released) {
                blocker.rollback();
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
                        + " s outside a transaction");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new TraceException("interrupted while tracing", e);
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

    /** Tables named in the statement (directly, or through an index named in it), as SQL names. */
    private static List<String> namedTables(Sql.Stmt s, Catalog.Snapshot before) {
        Set<String> words = Sql.identifiers(s.sql());
        List<String> out = new ArrayList<>();
        for (Catalog.Rel r : before.rels().values()) {
            String bare = r.name().contains(".") ? r.name().substring(r.name().indexOf('.') + 1) : r.name();
            if ((r.kind() == 'r' || r.kind() == 'p' || r.kind() == 'm') && words.contains(bare)) {
                out.add(sqlName(r.name()));
            }
        }
        return out;
    }

    private static String sqlName(String name) {
        int dot = name.indexOf('.');
        return dot < 0 ? Fixture.quote(name) : Fixture.quote(name.substring(0, dot)) + "."
                + Fixture.quote(name.substring(dot + 1));
    }
}
