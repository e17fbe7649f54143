package io.zdcd.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** The databases of a PostgreSQL server, as {@link LocalDatabaseBackups} reads and ends their sessions. */
final class ServerDatabases {
    private ServerDatabases() {
    }

    /** {@code ENCODING ... LC_COLLATE ... LC_CTYPE ...} of {@code db}, for a CREATE DATABASE of a copy of it. */
    static String encodingOf(Connection c, String db) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("SELECT format('ENCODING %L LC_COLLATE %L LC_CTYPE %L', "
                + "pg_encoding_to_char(encoding), datcollate, datctype) FROM pg_database WHERE datname = ?")) {
            p.setString(1, db);
            try (ResultSet rs = p.executeQuery()) {
                if (!rs.next()) {
                    throw new SQLException("no database " + db + " on the server");
                }
                return rs.getString(1);
            }
        }
    }

    static long size(Connection c, String db) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("SELECT pg_database_size(?)")) {
            p.setString(1, db);
            try (ResultSet rs = p.executeQuery()) {
                return rs.next() ? rs.getLong(1) : -1;
            }
        }
    }

    static boolean exists(Connection c, String db) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
            p.setString(1, db);
            try (ResultSet rs = p.executeQuery()) {
                return rs.next();
            }
        }
    }

    static int sessions(Connection c, String db) throws SQLException {
        try (PreparedStatement p = c.prepareStatement(
                "SELECT count(*) FROM pg_stat_activity WHERE datname = ? AND pid <> pg_backend_pid()")) {
            p.setString(1, db);
            try (ResultSet rs = p.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    /**
     * Ends the client sessions of {@code db} that this role may end: its own roles' (or any but superusers' with
     * {@code pg_signal_backend}; all as a superuser). Asking for one it may not end is an error in PostgreSQL, so
     * those are left to {@link #drop}, which reports them; autovacuum workers are left too: DROP DATABASE stops them.
     */
    static void terminate(Connection c, String db) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("SELECT pg_terminate_backend(a.pid) FROM pg_stat_activity a "
                + "JOIN pg_roles r ON r.oid = a.usesysid WHERE a.datname = ? AND a.pid <> pg_backend_pid() "
                + "AND a.backend_type = 'client backend' AND (NOT r.rolsuper OR (SELECT rolsuper FROM pg_roles "
                + "WHERE rolname = current_user)) AND (pg_has_role(a.usesysid, 'USAGE') "
                + "OR pg_has_role('pg_signal_backend', 'USAGE'))")) {
            p.setString(1, db);
            p.executeQuery().close();
        }
    }

    /**
     * {@code DROP DATABASE IF EXISTS db}, ending its sessions. {@code WITH (FORCE)} (PostgreSQL 13+) ends them at once,
     * but refuses outright (42501) when one of them is a process this role may not signal, which an autovacuum worker
     * always is for a role without superuser or {@code pg_signal_backend}. A plain DROP DATABASE stops autovacuum
     * workers itself and waits up to 5 s for the other sessions (55006 if they stay), so the two are tried in turn
     * until {@code patience} has passed; any other error is thrown at once.
     */
    static void drop(Connection c, String db, Duration patience) throws SQLException {
        boolean force = c.getMetaData().getDatabaseMajorVersion() >= 13;
        long deadline = System.nanoTime() + patience.toNanos();
        try (Statement s = c.createStatement()) {
            while (true) {
                if (force) {
                    try {
                        s.execute("DROP DATABASE IF EXISTS " + quote(db) + " WITH (FORCE)");
                        return;
                    } catch (SQLException e) {
                        if (!"42501".equals(e.getSQLState())) {
                            throw e;
                        }
                    }
                }
                try {
                    s.execute("DROP DATABASE IF EXISTS " + quote(db));
                    return;
                } catch (SQLException e) {
                    if (!"55006".equals(e.getSQLState()) || System.nanoTime() >= deadline) {
                        throw e;
                    }
                }
            }
        }
    }

    static String quote(String ident) {
        return '"' + ident.replace("\"", "\"\"") + '"';
    }

    /** The databases whose name starts with {@code prefix}, by name. */
    static List<String> startingWith(Connection c, String prefix) throws SQLException {
        List<String> out = new ArrayList<>();
        try (PreparedStatement p = c.prepareStatement(
                "SELECT datname FROM pg_database WHERE starts_with(datname, ?) ORDER BY datname")) {
            p.setString(1, prefix);
            try (ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
        }
        return out;
    }
}
