package io.zdcd.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
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

    static void terminate(Connection c, String db) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                + "WHERE datname = ? AND pid <> pg_backend_pid()")) {
            p.setString(1, db);
            p.executeQuery().close();
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
