package io.zdcd.examples.demo.internal;

import io.zdcd.jdbc.PostgresDatabase;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Objects;

/**
 * The PostgreSQL server the demo runs on: an embedded one it starts and stops, or one named by a URL where the user
 * may create databases. Never shows the password: {@code toString()} and {@link #describe()} omit it. (The tests'
 * shared server is zdcd-core's {@code io.zdcd.testing.SharedTestPostgres}, a JUnit extension's, in test code.)
 */
public final class DemoPostgresServer implements AutoCloseable {
    private final PostgresDatabase admin;
    private final AutoCloseable stopper;
    private final String description;

    private DemoPostgresServer(PostgresDatabase admin, AutoCloseable stopper, String description) {
        this.admin = admin;
        this.stopper = stopper;
        this.description = description;
    }

    /** Starts an embedded PostgreSQL (binaries from the jar, data in a temporary folder). */
    public static DemoPostgresServer embedded() {
        try {
            EmbeddedPostgres pg = EmbeddedPostgres.builder()
                    .setPGStartupWait(Duration.ofSeconds(60))
                    .setServerConfig("max_connections", "100")
                    .setServerConfig("fsync", "off")
                    .setServerConfig("synchronous_commit", "off")
                    .setServerConfig("full_page_writes", "off")
                    .setServerConfig("max_wal_size", "2GB")
                    .start();
            return new DemoPostgresServer(PostgresDatabase.of("localhost", pg.getPort(), "postgres", "postgres", ""), pg,
                    "embedded PostgreSQL on localhost:" + pg.getPort());
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException("cannot start the embedded PostgreSQL: " + e.getMessage()
                    + " (use --database-url to name a server instead)", e);
        }
    }

    /**
     * A server named by a JDBC URL ({@code jdbc:postgresql://host:port/db?user=...&password=...}) or a libpq URL
     * ({@code postgres://user:password@host:port/db}); the demo creates its own databases there and drops them at the
     * end.
     *
     * @throws IllegalArgumentException if the URL is not a PostgreSQL URL (the message never repeats the password)
     */
    public static DemoPostgresServer external(String url) {
        Objects.requireNonNull(url, "url");
        PostgresDatabase db = PostgresDatabase.fromUrl(url);
        return new DemoPostgresServer(db, () -> { }, "PostgreSQL on " + db.host() + ":" + db.port() + " as " + db.user());
    }

    /** Database {@code name} on this server, with the server's credentials. */
    public PostgresDatabase database(String name) {
        return admin.withName(name);
    }

    /** A new connection to database {@code name} on this server. */
    public Connection connect(String name) {
        return database(name).connect();
    }

    /** Drops (if it exists) and creates an empty database. */
    public void recreateDatabase(String name) throws SQLException {
        dropDatabase(name);
        admin("CREATE DATABASE " + name);
    }

    /** Drops a database, ending its sessions first; nothing happens if it does not exist. */
    public void dropDatabase(String name) throws SQLException {
        admin("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '" + name
                + "' AND pid <> pg_backend_pid()");
        admin("DROP DATABASE IF EXISTS " + name);
    }

    /** Drops every database whose name starts with {@code prefix} (the demo's and their backup copies). */
    public void dropDatabases(String prefix) throws SQLException {
        java.util.List<String> names = new java.util.ArrayList<>();
        try (Connection c = admin.connect(); Statement s = c.createStatement();
             var rs = s.executeQuery("SELECT datname FROM pg_database WHERE starts_with(datname, '" + prefix + "')")) {
            while (rs.next()) {
                names.add(rs.getString(1));
            }
        }
        for (String name : names) {
            dropDatabase(name);
        }
    }

    /** Creates database {@code copy} as a file-level copy of {@code source} (no session may use the source). */
    public void copyDatabase(String source, String copy) throws SQLException {
        dropDatabase(copy);
        admin("CREATE DATABASE " + copy + " TEMPLATE " + source);
    }

    private void admin(String sql) throws SQLException {
        try (Connection c = admin.connect(); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    /** Where the server runs, for people. */
    public String describe() {
        return description;
    }

    @Override
    public void close() {
        try {
            stopper.close();
        } catch (Exception e) {
            throw new IllegalStateException("cannot stop " + description + ": " + e.getMessage(), e);
        }
    }

    @Override
    public String toString() {
        return "DemoPostgresServer[" + description + "]";
    }
}
