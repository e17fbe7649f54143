package io.zdcd.jdbc;

import io.zdcd.spi.PlatformException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;

/**
 * Creates the journal's and the queue's tables in schema {@code zdcd} on first write; reads of a database where they
 * do not exist yet ({@link #connectIfPresent}) find nothing and create nothing, so {@code plan}, {@code queue} and
 * {@code recover --plan} have no side effect.
 */
final class ControlTables {
    private static final String[] DDL = {
        "CREATE SCHEMA IF NOT EXISTS zdcd",
        "CREATE TABLE IF NOT EXISTS zdcd.deployments (id bigserial PRIMARY KEY, app text NOT NULL, "
            + "build_version text NOT NULL, build_description text NOT NULL, build_created_at timestamptz NOT NULL, "
            + "mode text NOT NULL, holder text NOT NULL, started_at timestamptz NOT NULL, ended_at timestamptz, "
            + "succeeded boolean NOT NULL DEFAULT false, summary text NOT NULL DEFAULT '')",
        "CREATE TABLE IF NOT EXISTS zdcd.journal_entries (seq bigserial PRIMARY KEY, "
            + "deployment_id bigint NOT NULL REFERENCES zdcd.deployments(id), step text NOT NULL, phase text NOT NULL, "
            + "at timestamptz NOT NULL, subject text NOT NULL, attributes text NOT NULL)",
        "CREATE TABLE IF NOT EXISTS zdcd.deploy_locks (app text PRIMARY KEY, holder text NOT NULL, "
            + "since timestamptz NOT NULL)",
        // Fencing (a larger number for every holder), the lock session's backend and the holder's heartbeat.
        "CREATE SEQUENCE IF NOT EXISTS zdcd.deploy_fence",
        "ALTER TABLE zdcd.deploy_locks ADD COLUMN IF NOT EXISTS fence bigint NOT NULL DEFAULT 0, "
            + "ADD COLUMN IF NOT EXISTS backend_pid integer NOT NULL DEFAULT 0, "
            + "ADD COLUMN IF NOT EXISTS heartbeat_at timestamptz, "
            + "ADD COLUMN IF NOT EXISTS lease_ms bigint NOT NULL DEFAULT 0",
        "CREATE TABLE IF NOT EXISTS zdcd.build_queue (seq bigserial PRIMARY KEY, app text NOT NULL, "
            + "version text NOT NULL, description text NOT NULL, created_at timestamptz NOT NULL, "
            + "queued_at timestamptz NOT NULL, reason text NOT NULL, UNIQUE (app, version))",
        // 0.x installs created build_queue without the source URL: the nightly needs it to release a queued build.
        "ALTER TABLE zdcd.build_queue ADD COLUMN IF NOT EXISTS source_url text",
    };

    private final PostgresDatabase db;
    private volatile boolean ready;

    ControlTables(PostgresDatabase db) {
        this.db = java.util.Objects.requireNonNull(db, "db");
    }

    /** A new connection to the control database, the tables created first if this is the first use. */
    Connection connect() {
        if (!ready) {
            ensure(db);
            ready = true;
        }
        return db.connect();
    }

    /**
     * A new connection for reading {@code table} (schema-qualified), or empty when that table does not exist: there is
     * nothing to read then, and nothing is created. When it exists, this is {@link #connect()} (which completes the
     * tables of an older install).
     */
    Optional<Connection> connectIfPresent(String table) {
        if (!ready) {
            try (Connection c = db.connect(); PreparedStatement p = c.prepareStatement("SELECT to_regclass(?) IS NULL")) {
                p.setString(1, table);
                try (ResultSet rs = p.executeQuery()) {
                    rs.next();
                    if (rs.getBoolean(1)) {
                        return Optional.empty();
                    }
                }
            } catch (SQLException e) {
                throw new PlatformException("look for " + table + " in " + db, e.getMessage(), e);
            }
        }
        return Optional.of(connect());
    }

    static void ensure(PostgresDatabase db) {
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            // One creator at a time, so concurrent first uses do not race on IF NOT EXISTS.
            c.setAutoCommit(false);
            s.execute("SELECT pg_advisory_xact_lock(2024112601)");
            for (String ddl : DDL) {
                s.execute(ddl);
            }
            c.commit();
        } catch (SQLException e) {
            throw new PlatformException("create zdcd's tables in " + db, e.getMessage(), e);
        }
    }
}
