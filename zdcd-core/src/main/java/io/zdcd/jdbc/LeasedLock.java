package io.zdcd.jdbc;

import io.zdcd.spi.DeployLock;
import io.zdcd.spi.DeployLockLostException;
import io.zdcd.spi.DeploymentLockedException;
import io.zdcd.spi.PlatformException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

/**
 * The deploy lock of {@link JdbcDeploymentJournal}: a session advisory lock on a dedicated connection, plus a row in
 * {@code zdcd.deploy_locks} with a fencing number (from a sequence: each holder gets a larger one), the lock
 * session's backend pid and a heartbeat renewed every third of the lease by a daemon thread.
 *
 * <p>The advisory lock proves whether the lock <em>session</em> lives; the heartbeat proves whether the holder
 * <em>process</em> lives. When the session ends under a running holder (terminated, a pooler, a failover) the holder
 * goes on heartbeating over another connection until it stops (at its next {@link #ensureHeld()}) and closes, which
 * deletes its row. A newcomer that gets the advisory lock while a previous holder's row is left:
 * <ul>
 * <li>takes over at once if that row's heartbeat is older than its lease (the process is gone);</li>
 * <li>is refused if the heartbeat moves while it watches (the process is alive: it will stop by itself);</li>
 * <li>otherwise watches for at most one lease, until the row goes or the heartbeat is stale.</li>
 * </ul>
 * Times are the database server's ({@code clock_timestamp()}), so clocks of different machines never disagree.
 */
final class LeasedLock implements DeployLock {
    static final long KEY = 20241126;

    private volatile Connection c;
    private final Supplier<Connection> connections;
    private final String app;
    private final String holder;
    private final long fence;
    private final Duration lease;
    /** Where the lock lives ({@link PostgresDatabase#jdbcUrl()}): writes there can check the fence in their own transaction. */
    private final String where;
    private final Thread heartbeat;
    private volatile String lost;
    private boolean closed;

    private LeasedLock(Connection c, Supplier<Connection> connections, String app, String holder, long fence,
                       Duration lease, String where) {
        this.c = c;
        this.where = where;
        this.connections = connections;
        this.app = app;
        this.holder = holder;
        this.fence = fence;
        this.lease = lease;
        this.heartbeat = new Thread(this::beat, "zdcd-lock-heartbeat-" + app);
        this.heartbeat.setDaemon(true);
    }

    /** Takes the lock of {@code app} on connection {@code c} (closed when refused), as described above. */
    static LeasedLock take(Connection c, Supplier<Connection> connections, String app, String holder,
                           Duration lease, String where) {
        try {
            if (!LockRows.tryAdvisoryLock(c, app)) {
                Optional<LockRows.Row> row = LockRows.row(c, app);
                JdbcDeploymentJournal.closeQuietly(c);
                throw new DeploymentLockedException(app, row.map(LockRows.Row::holder).orElse("another process"),
                        row.map(LockRows.Row::since), row.flatMap(LockRows.Row::heartbeat), "a deployment is running");
            }
            Optional<LockRows.Row> previous = LockRows.row(c, app);
            if (previous.isPresent()) {
                LockRows.awaitGone(c, app, previous.get());
            }
            long fence;
            try (PreparedStatement p = c.prepareStatement("INSERT INTO zdcd.deploy_locks (app, holder, since, fence, "
                    + "backend_pid, heartbeat_at, lease_ms) VALUES (?, ?, clock_timestamp(), nextval('zdcd.deploy_fence'),"
                    + " pg_backend_pid(), clock_timestamp(), ?) ON CONFLICT (app) DO UPDATE SET holder = excluded.holder,"
                    + " since = excluded.since, fence = excluded.fence, backend_pid = excluded.backend_pid, "
                    + "heartbeat_at = excluded.heartbeat_at, lease_ms = excluded.lease_ms RETURNING fence")) {
                p.setString(1, app);
                p.setString(2, holder);
                p.setLong(3, lease.toMillis());
                try (ResultSet rs = p.executeQuery()) {
                    rs.next();
                    fence = rs.getLong(1);
                }
            }
            // A hung network must not hang a check: give up on a round trip after one lease.
            c.setNetworkTimeout(DIRECT, (int) Math.min(Integer.MAX_VALUE, lease.toMillis()));
            LeasedLock lock = new LeasedLock(c, connections, app, holder, fence, lease, where);
            lock.heartbeat.start();
            return lock;
        } catch (SQLException e) {
            JdbcDeploymentJournal.closeQuietly(c);
            throw new PlatformException("take the deploy lock of " + app, e.getMessage(), e);
        }
    }

    private static final Executor DIRECT = Runnable::run;

    @Override
    public String holder() {
        return holder;
    }

    /** The fencing number: larger for every new holder of the app's lock. */
    long fence() {
        return fence;
    }

    /** Stops the heartbeat as a stalled process would (a long pause, a frozen VM): for tests of a takeover. */
    void stallHeartbeat() throws InterruptedException {
        heartbeat.interrupt();
        heartbeat.join();
    }

    /** Whether this lock lives in the database at {@code jdbcUrl}. */
    boolean livesIn(String jdbcUrl) {
        return where.equals(jdbcUrl);
    }

    /**
     * Within the caller's transaction on {@code tx} (a connection to the lock's database, auto-commit off): passes
     * only while our fencing number is the app's current one, and holds the lock row FOR SHARE until the transaction
     * ends, so that a takeover (which updates the row) comes strictly before or after the caller's write.
     *
     * @throws DeployLockLostException when another holder took the lock over (or it was released): the caller rolls
     *                                 back; the lock stays lost
     */
    void requireCurrent(Connection tx, String write) throws SQLException {
        try (PreparedStatement p = tx.prepareStatement("SELECT 1 FROM zdcd.deploy_locks WHERE app = ? AND fence = ? "
                + "FOR SHARE")) {
            p.setString(1, app);
            p.setLong(2, fence);
            try (ResultSet rs = p.executeQuery()) {
                if (rs.next()) {
                    return;
                }
            }
        }
        String why = closed ? "the lock was released" : "another process took the lock over (our fencing number "
                + fence + " is no longer current)";
        if (!closed) {
            lost = why;
        }
        throw new DeployLockLostException(app, why + "; refused to " + write);
    }

    @Override
    public void ensureHeld() {
        String why = lost;
        if (why == null) {
            why = renew();
        }
        if (why != null) {
            throw new DeployLockLostException(app, why);
        }
    }

    /**
     * One round trip on the lock's own session: the heartbeat moves only if this session still holds the row with
     * our fencing number. Returns why the lock is lost, or null.
     */
    private synchronized String renew() {
        if (lost != null || closed) {
            return lost != null ? lost : "the lock was released";
        }
        try (PreparedStatement p = c.prepareStatement("UPDATE zdcd.deploy_locks SET heartbeat_at = clock_timestamp() "
                + "WHERE app = ? AND fence = ? AND backend_pid = pg_backend_pid()")) {
            p.setString(1, app);
            p.setLong(2, fence);
            if (p.executeUpdate() == 1) {
                return null;
            }
            lost = "another process took the lock over (our fencing number " + fence + " is no longer current)";
        } catch (SQLException e) {
            lost = "its database session ended (" + oneLine(e.getMessage()) + ")";
        }
        return lost;
    }

    @Override
    public void reclaimAfterOwnRestore() {
        synchronized (this) {
            if (closed || renewQuietly()) {
                return; // not closed and still held on the same session: the restore did not touch this lock
            }
            Connection fresh;
            try {
                fresh = connections.get();
            } catch (RuntimeException e) {
                lost = "its database session ended in a restore and a new one could not be opened ("
                        + oneLine(e.getMessage()) + ")";
                return;
            }
            try {
                if (!LockRows.tryAdvisoryLock(fresh, app)) {
                    JdbcDeploymentJournal.closeQuietly(fresh);
                    lost = "its database session ended in a restore and another process took the lock meanwhile";
                    return;
                }
                try (PreparedStatement p = fresh.prepareStatement("INSERT INTO zdcd.deploy_locks (app, holder, since,"
                        + " fence, backend_pid, heartbeat_at, lease_ms) VALUES (?, ?, clock_timestamp(), ?, "
                        + "pg_backend_pid(), clock_timestamp(), ?) ON CONFLICT (app) DO UPDATE SET "
                        + "backend_pid = excluded.backend_pid, heartbeat_at = excluded.heartbeat_at "
                        + "WHERE zdcd.deploy_locks.fence <= excluded.fence")) {
                    p.setString(1, app);
                    p.setString(2, holder);
                    p.setLong(3, fence);
                    p.setLong(4, lease.toMillis());
                    if (p.executeUpdate() != 1) {
                        LockRows.unlock(fresh, app);
                        JdbcDeploymentJournal.closeQuietly(fresh);
                        lost = "its database session ended in a restore and another fencing number is current";
                        return;
                    }
                }
                fresh.setNetworkTimeout(DIRECT, (int) Math.min(Integer.MAX_VALUE, lease.toMillis()));
            } catch (SQLException e) {
                JdbcDeploymentJournal.closeQuietly(fresh);
                lost = "its database session ended in a restore and could not be taken back (" + oneLine(e.getMessage())
                        + ")";
                return;
            }
            Connection old = c;
            c = fresh;
            lost = null;
            JdbcDeploymentJournal.closeQuietly(old);
        }
    }

    /** A renewal on the current session that leaves {@link #lost} as it was when it fails. */
    private boolean renewQuietly() {
        if (lost != null) {
            return false;
        }
        try (PreparedStatement p = c.prepareStatement("UPDATE zdcd.deploy_locks SET heartbeat_at = clock_timestamp() "
                + "WHERE app = ? AND fence = ? AND backend_pid = pg_backend_pid()")) {
            p.setString(1, app);
            p.setLong(2, fence);
            return p.executeUpdate() == 1;
        } catch (SQLException e) {
            return false;
        }
    }

    /** Every third of the lease: renew on the lock's session; once that is lost, say "alive" over another one. */
    private void beat() {
        long every = Math.max(50, lease.toMillis() / 3);
        while (true) {
            try {
                Thread.sleep(every);
            } catch (InterruptedException e) {
                return;
            }
            synchronized (this) {
                if (closed) {
                    return;
                }
            }
            if (renew() == null) {
                continue;
            }
            if (!aliveElsewhere()) {
                return; // superseded: our row is gone; nothing to keep alive
            }
        }
    }

    /** Renews the heartbeat over a fresh connection; false when our row is no longer ours. */
    private boolean aliveElsewhere() {
        try (Connection other = connections.get(); PreparedStatement p = other.prepareStatement(
                "UPDATE zdcd.deploy_locks SET heartbeat_at = clock_timestamp() WHERE app = ? AND fence = ?")) {
            p.setString(1, app);
            p.setLong(2, fence);
            return p.executeUpdate() == 1;
        } catch (SQLException | RuntimeException e) {
            return true; // the database is unreachable: try again next beat; the lease decides meanwhile
        }
    }

    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        heartbeat.interrupt();
        if (lost == null) {
            try (PreparedStatement p = c.prepareStatement("DELETE FROM zdcd.deploy_locks WHERE app = ? AND fence = ?")) {
                p.setString(1, app);
                p.setLong(2, fence);
                p.executeUpdate();
            } catch (SQLException e) {
                lost = "its database session ended";
            }
            // Unlock explicitly: a closed connection's backend may release its locks only a moment later.
            LockRows.unlock(c, app);
        }
        if (lost != null) {
            // Our session is gone: say we stopped over another connection, so recover need not wait for the lease.
            try (Connection other = connections.get(); PreparedStatement p = other.prepareStatement(
                    "DELETE FROM zdcd.deploy_locks WHERE app = ? AND fence = ?")) {
                p.setString(1, app);
                p.setLong(2, fence);
                p.executeUpdate();
            } catch (SQLException | RuntimeException ignored) {
                // the lease runs out instead
            }
        }
        JdbcDeploymentJournal.closeQuietly(c);
    }

    private static String oneLine(String s) {
        return s == null ? "" : s.replaceAll("\\s*\\R\\s*", " ").trim();
    }

    @Override
    public String toString() {
        return "DeployLock[" + app + " held by " + holder + ", fence " + fence + (lost == null ? "" : ", LOST") + "]";
    }
}
