package io.zdcd.jdbc;

import io.zdcd.spi.PlatformException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/** The database sessions a migration runner reports and recovery ends. */
final class PostgresSessions {
    private PostgresSessions() {
    }

    static int backendPid(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT pg_backend_pid()")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    /** See {@link JdbcMigrationRunner#terminateOrphan(String)}. */
    static boolean terminateOrphan(PostgresDatabase database, String pid) {
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

    /** See {@link JdbcMigrationRunner#terminate(String)}. */
    static boolean terminate(PostgresDatabase database, String backendId) {
        if (backendId == null || !backendId.strip().matches("[0-9]{1,10}")) {
            throw new IllegalArgumentException("a backend id is a pid (digits), was " + backendId);
        }
        int pid = Integer.parseInt(backendId.strip());
        try (Connection c = database.connect(); PreparedStatement p = c.prepareStatement(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE pid = ? "
                        + "AND datname = current_database() AND pid <> pg_backend_pid()");
             PreparedStatement gone = c.prepareStatement("SELECT 1 FROM pg_stat_activity WHERE pid = ?")) {
            p.setInt(1, pid);
            boolean ended;
            try (ResultSet rs = p.executeQuery()) {
                ended = rs.next() && rs.getBoolean(1);
            }
            gone.setInt(1, pid);
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (ended && System.nanoTime() < deadline) {
                try (ResultSet rs = gone.executeQuery()) {
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
