package io.zdcd.examples.demo.internal;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Objects;
import java.util.Properties;

/**
 * The PostgreSQL server the demo runs on: an embedded one it starts and stops, or one named by a JDBC URL where the
 * user may create databases. Never shows the password: {@code toString()} and {@link #describe()} omit it.
 */
public final class PostgresServer implements AutoCloseable {
    private final String host;
    private final int port;
    private final String adminDatabase;
    private final String user;
    private final String password;
    private final AutoCloseable stopper;
    private final String description;

    private PostgresServer(String host, int port, String adminDatabase, String user, String password,
                           AutoCloseable stopper, String description) {
        this.host = host;
        this.port = port;
        this.adminDatabase = adminDatabase;
        this.user = user;
        this.password = password == null ? "" : password;
        this.stopper = stopper;
        this.description = description;
    }

    /** Starts an embedded PostgreSQL (binaries from the jar, data in a temporary folder). */
    public static PostgresServer embedded() {
        try {
            EmbeddedPostgres pg = EmbeddedPostgres.builder()
                    .setPGStartupWait(Duration.ofSeconds(60))
                    .setServerConfig("max_connections", "100")
                    .setServerConfig("fsync", "off")
                    .setServerConfig("synchronous_commit", "off")
                    .setServerConfig("full_page_writes", "off")
                    .setServerConfig("max_wal_size", "2GB")
                    .start();
            return new PostgresServer("localhost", pg.getPort(), "postgres", "postgres", "", pg,
                    "embedded PostgreSQL on localhost:" + pg.getPort());
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException("cannot start the embedded PostgreSQL: " + e.getMessage()
                    + " (use --database-url to name a server instead)", e);
        }
    }

    /**
     * A server named by a JDBC URL ({@code jdbc:postgresql://host:port/db?user=...&password=...}); the demo creates
     * its own databases there and drops them at the end.
     *
     * @throws IllegalArgumentException if the URL is not a PostgreSQL JDBC URL
     */
    public static PostgresServer external(String jdbcUrl) {
        Objects.requireNonNull(jdbcUrl, "jdbcUrl");
        Properties p = jdbcUrl.startsWith("jdbc:postgresql:") ? org.postgresql.Driver.parseURL(jdbcUrl, null) : null;
        if (p == null) {
            throw new IllegalArgumentException("--database-url must be a JDBC URL like "
                    + "jdbc:postgresql://localhost:5432/postgres?user=me&password=secret");
        }
        String host = p.getProperty("PGHOST", "localhost").split(",")[0];
        int port = Integer.parseInt(p.getProperty("PGPORT", "5432").split(",")[0]);
        String db = p.getProperty("PGDBNAME", "postgres");
        String user = p.getProperty("user", System.getProperty("user.name"));
        return new PostgresServer(host, port, db.isEmpty() ? "postgres" : db, user, p.getProperty("password"),
                () -> { }, "PostgreSQL on " + host + ":" + port + " as " + user);
    }

    /** A new connection to database {@code name} on this server. */
    public Connection connect(String name) throws SQLException {
        Properties p = new Properties();
        p.setProperty("user", user);
        p.setProperty("password", password);
        p.setProperty("ApplicationName", "zdcd-demo");
        return DriverManager.getConnection(jdbcUrl(name), p);
    }

    /** The JDBC URL of database {@code name}, without credentials. */
    public String jdbcUrl(String name) {
        return "jdbc:postgresql://" + host + ":" + port + "/" + name;
    }

    public String user() {
        return user;
    }

    public String password() {
        return password;
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

    /** Creates database {@code copy} as a file-level copy of {@code source} (no session may use the source). */
    public void copyDatabase(String source, String copy) throws SQLException {
        dropDatabase(copy);
        admin("CREATE DATABASE " + copy + " TEMPLATE " + source);
    }

    private void admin(String sql) throws SQLException {
        try (Connection c = connect(adminDatabase); Statement s = c.createStatement()) {
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
        return "PostgresServer[" + description + "]";
    }
}
