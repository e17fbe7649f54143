package io.zdcd.jdbc;

import io.zdcd.spi.PendingMigration;
import io.zdcd.spi.PlatformException;
import io.zdcd.sql.SqlStatement;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * zdcd's migration history in the target database: {@link JdbcMigrationRunner#HISTORY} (the applied migrations) and
 * {@link JdbcMigrationRunner#STATEMENTS} (the statements of a migration run in several transactions that stayed
 * applied, so that a re-run resumes after them).
 */
final class MigrationHistory {
    private MigrationHistory() {
    }

    /** The names of the migrations recorded as applied, oldest first. */
    static List<String> applied(PostgresDatabase database) {
        try (Connection c = database.connect(); Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("SELECT to_regclass('" + JdbcMigrationRunner.HISTORY
                    + "') IS NOT NULL")) {
                rs.next();
                if (!rs.getBoolean(1)) {
                    return List.of();
                }
            }
            List<String> names = new ArrayList<>();
            try (ResultSet rs = s.executeQuery("SELECT name FROM " + JdbcMigrationRunner.HISTORY
                    + " ORDER BY applied_at, name")) {
                while (rs.next()) {
                    names.add(rs.getString(1));
                }
            }
            return names;
        } catch (SQLException e) {
            throw new PlatformException("read applied migrations from " + database, e.getMessage(), e);
        }
    }

    static boolean isApplied(PostgresDatabase database, String name) {
        try (Connection c = database.connect();
             PreparedStatement p = c.prepareStatement("SELECT 1 FROM " + JdbcMigrationRunner.HISTORY
                     + " WHERE name = ?")) {
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

    /** Creates the schema and both tables unless they exist. */
    static void ensure(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA IF NOT EXISTS " + JdbcMigrationRunner.SCHEMA);
            s.execute("CREATE TABLE IF NOT EXISTS " + JdbcMigrationRunner.HISTORY + " (name text PRIMARY KEY, "
                    + "checksum text NOT NULL, applied_at timestamptz NOT NULL DEFAULT clock_timestamp(), "
                    + "execution_ms bigint NOT NULL)");
            s.execute("CREATE TABLE IF NOT EXISTS " + JdbcMigrationRunner.STATEMENTS + " (migration text NOT NULL, "
                    + "checksum text NOT NULL, statement int NOT NULL, line int NOT NULL, sql text NOT NULL, "
                    + "applied_at timestamptz NOT NULL DEFAULT clock_timestamp(), "
                    + "PRIMARY KEY (migration, checksum, statement))");
        } catch (SQLException e) {
            if (!"23505".equals(e.getSQLState()) && !"42P07".equals(e.getSQLState())) {
                throw e; // a concurrent creator won the race: fine
            }
        }
    }

    /** The indexes of the statements of {@code migration} (with {@code checksum}) recorded as applied. */
    static Set<Integer> recordedStatements(Connection c, String migration, String checksum) throws SQLException {
        Set<Integer> out = new HashSet<>();
        try (PreparedStatement p = c.prepareStatement("SELECT statement FROM " + JdbcMigrationRunner.STATEMENTS
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

    static void recordStatements(Connection c, String migration, String checksum, List<SqlStatement> statements)
            throws SQLException {
        try (PreparedStatement p = c.prepareStatement("INSERT INTO " + JdbcMigrationRunner.STATEMENTS
                + " (migration, checksum, statement, line, sql) VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING")) {
            for (SqlStatement st : statements) {
                p.setString(1, migration);
                p.setString(2, checksum);
                p.setInt(3, st.index());
                p.setInt(4, st.line());
                p.setString(5, JdbcMigrationRunner.abbreviate(st.text()));
                p.addBatch();
            }
            p.executeBatch();
        }
    }

    static void forgetStatements(Connection c, String migration) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("DELETE FROM " + JdbcMigrationRunner.STATEMENTS
                + " WHERE migration = ?")) {
            p.setString(1, migration);
            p.executeUpdate();
        }
    }

    /** Records {@code m} as applied (it took {@code elapsed}); a migration recorded already stays as it was. */
    static void record(Connection c, PendingMigration m, Duration elapsed) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("INSERT INTO " + JdbcMigrationRunner.HISTORY
                + " (name, checksum, execution_ms) VALUES (?, ?, ?) ON CONFLICT (name) DO NOTHING")) {
            p.setString(1, m.name());
            p.setString(2, checksum(m.sql()));
            p.setLong(3, elapsed.toMillis());
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
}
