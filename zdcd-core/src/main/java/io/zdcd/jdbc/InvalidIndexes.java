package io.zdcd.jdbc;

import io.zdcd.internal.ConcurrentIndexes;
import io.zdcd.internal.LockRetry;
import io.zdcd.spi.PlatformException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/** The INVALID indexes a failed {@code CREATE INDEX CONCURRENTLY} leaves behind: found, and dropped. */
final class InvalidIndexes {
    private InvalidIndexes() {
    }

    static boolean isInvalid(Connection c, String index) {
        try (PreparedStatement p = c.prepareStatement(
                "SELECT NOT i.indisvalid FROM pg_index i WHERE i.indexrelid = to_regclass(?)")) {
            p.setString(1, quoteQualified(index));
            try (ResultSet rs = p.executeQuery()) {
                return rs.next() && rs.getBoolean(1);
            }
        } catch (SQLException e) {
            return false;
        }
    }

    /** Drops the index if it exists and is INVALID, under the lock policy's short lock timeouts. */
    static boolean drop(PostgresDatabase database, LockPolicy lockPolicy, String index) {
        try (Connection c = database.connect()) {
            if (!isInvalid(c, index)) {
                return false;
            }
            LockRetry.run(lockPolicy, LockRetry::isLockTimeout, (n, t, w, e) -> { }, (n, lockTimeout) -> {
                try (Statement s = c.createStatement()) {
                    s.execute(LockRetry.setLockTimeout(lockTimeout));
                    s.execute("DROP INDEX CONCURRENTLY IF EXISTS " + quoteQualified(index));
                }
                return null;
            });
            return true;
        } catch (SQLException e) {
            throw new PlatformException("drop INVALID index " + index, e.getMessage(), e);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new PlatformException("drop INVALID index " + index, e.toString(), e);
        }
    }

    /** Drops the INVALID indexes the CONCURRENTLY statements of {@code sql} left (before a retry builds them again). */
    static void dropLeftOver(Connection c, String sql) {
        for (String index : ConcurrentIndexes.in(sql)) {
            if (isInvalid(c, index)) {
                try (Statement s = c.createStatement()) {
                    s.execute("DROP INDEX CONCURRENTLY IF EXISTS " + quoteQualified(index));
                } catch (SQLException ignored) {
                    // The retry's CREATE INDEX fails on the name; the final result reports it as INVALID.
                }
            }
        }
    }

    static String quoteQualified(String name) {
        StringBuilder sb = new StringBuilder();
        for (String part : name.split("\\.")) {
            sb.append(sb.length() == 0 ? "" : ".").append('"').append(part.replace("\"", "\"\"")).append('"');
        }
        return sb.toString();
    }
}
