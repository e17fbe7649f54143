package io.zdcd.jdbc;

import io.zdcd.spi.DeploymentLockedException;
import io.zdcd.spi.PlatformException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The rows of {@code zdcd.deploy_locks} and the session advisory locks behind {@link LeasedLock}: who holds an app's
 * lock, whether that holder is alive, and the wait for a previous holder whose session is gone.
 */
final class LockRows {
    private LockRows() {
    }

    /** The previous holder's row, left although its session is gone: wait until its process is known to be gone. */
    static void awaitGone(Connection c, String app, Row first) throws SQLException {
        long deadline = System.nanoTime() + Duration.ofMillis(first.leaseMs()).toNanos() + 1_000_000_000L;
        Row row = first;
        while (true) {
            if (row.ageMs() > row.leaseMs()) {
                return; // no heartbeat for a whole lease: the process is gone
            }
            if (!row.heartbeat().equals(first.heartbeat()) || System.nanoTime() > deadline) {
                unlock(c, app);
                JdbcDeploymentJournal.closeQuietly(c);
                throw new DeploymentLockedException(app, row.holder(), Optional.of(row.since()), row.heartbeat(),
                        "its lock session (backend " + row.pid() + ") ended but its process is alive: it stops before "
                                + "its next step; run again once it has ended");
            }
            try {
                Thread.sleep(Math.max(50, Math.min(500, row.leaseMs() / 10)));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                unlock(c, app);
                JdbcDeploymentJournal.closeQuietly(c);
                throw new PlatformException("take the deploy lock of " + app, "interrupted", e);
            }
            Optional<Row> next = row(c, app);
            if (next.isEmpty() || next.get().fence() != first.fence()) {
                return; // the previous holder stopped and closed
            }
            row = next.get();
        }
    }

    /** A row of zdcd.deploy_locks, with the heartbeat's age by the database's clock. */
    record Row(String holder, Instant since, long fence, int pid, Optional<Instant> heartbeat, long leaseMs,
               long ageMs) {
    }

    static Optional<Row> row(Connection c, String app) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("SELECT holder, since, fence, backend_pid, heartbeat_at, lease_ms,"
                + " (extract(epoch FROM clock_timestamp() - coalesce(heartbeat_at, since)) * 1000)::bigint "
                + "FROM zdcd.deploy_locks WHERE app = ?")) {
            p.setString(1, app);
            try (ResultSet rs = p.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                return Optional.of(new Row(rs.getString(1), rs.getTimestamp(2).toInstant(), rs.getLong(3),
                        rs.getInt(4), Optional.ofNullable(rs.getTimestamp(5)).map(java.sql.Timestamp::toInstant),
                        rs.getLong(6), rs.getLong(7)));
            }
        }
    }

    /** Whether a live process holds the app's lock: its session holds the advisory lock, or its heartbeat is fresh. */
    static Optional<Row> live(Connection c, String app) throws SQLException {
        Optional<Row> row = row(c, app);
        if (row.isEmpty()) {
            return row;
        }
        try (PreparedStatement p = c.prepareStatement("SELECT 1 FROM pg_locks WHERE locktype = 'advisory' AND granted "
                + "AND classid = " + LeasedLock.KEY + " AND objid = hashtext(?)::oid AND objsubid = 2")) {
            p.setString(1, app);
            try (ResultSet rs = p.executeQuery()) {
                if (rs.next()) {
                    return row;
                }
            }
        }
        return row.filter(r -> r.ageMs() <= r.leaseMs());
    }

    static boolean tryAdvisoryLock(Connection c, String app) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("SELECT pg_try_advisory_lock(" + LeasedLock.KEY + ", hashtext(?))")) {
            p.setString(1, app);
            try (ResultSet rs = p.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }

    static void unlock(Connection c, String app) {
        try (PreparedStatement u = c.prepareStatement("SELECT pg_advisory_unlock(" + LeasedLock.KEY + ", hashtext(?))")) {
            u.setString(1, app);
            u.executeQuery().close();
        } catch (SQLException ignored) {
            // the connection's end releases the advisory lock anyway
        }
    }
}
