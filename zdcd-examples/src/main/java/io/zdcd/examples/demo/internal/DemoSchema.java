package io.zdcd.examples.demo.internal;

import io.zdcd.examples.demo.DemoApp;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;

/** Creates the demo schema and fills {@code accounts} with generated rows, in chunks, reporting progress. */
public final class DemoSchema {
    private static final int CHUNKS = 20;

    private DemoSchema() {
    }

    /** Creates the schema in an empty database and inserts {@code rows} accounts with ids 1..rows. */
    public static void create(Connection c, long rows, Progress progress) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(DemoApp.SCHEMA);
        }
        long chunk = Math.max(1, (rows + CHUNKS - 1) / CHUNKS);
        progress.update(0);
        try (PreparedStatement ps = c.prepareStatement("""
                INSERT INTO accounts (id, email, balance, created_at)
                SELECT g, 'user' || g || '@example.com', (g % 1000)::int, now() - g * interval '1 minute'
                FROM generate_series(?::bigint, ?::bigint) g""")) {
            for (long from = 1; from <= rows; from += chunk) {
                long to = Math.min(rows, from + chunk - 1);
                ps.setLong(1, from);
                ps.setLong(2, to);
                ps.executeUpdate();
                progress.update(to);
            }
        }
        try (Statement s = c.createStatement()) {
            s.execute("ALTER TABLE accounts ADD PRIMARY KEY (id)");
            s.execute("SELECT setval(pg_get_serial_sequence('accounts', 'id'), " + rows + ")");
            s.execute("VACUUM ANALYZE accounts");
        }
    }
}
