package io.zdcd.examples.demo.internal;

import io.zdcd.classify.Migration;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The naive way to apply a migration, which zdcd is compared with: its SQL sent as is over a plain connection, with
 * no lock_timeout and no statement_timeout, so an ALTER that waits for a lock queues every later query on the table
 * behind it for as long as it waits.
 */
public final class NaiveMigrations {
    private NaiveMigrations() {
    }

    /** Applies one migration and returns once PostgreSQL has run it. */
    public static void apply(Connection c, Migration migration) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("SET lock_timeout = 0");
            s.execute("SET statement_timeout = 0");
            s.execute(migration.sql());
        }
    }
}
