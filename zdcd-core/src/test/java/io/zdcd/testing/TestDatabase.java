package io.zdcd.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Objects;
import java.util.Properties;
import javax.sql.DataSource;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * A fresh, empty database on a real PostgreSQL server, owned by one test class.
 *
 * <pre>{@code
 * @ExtendWith(PostgresExtension.class)
 * class MyTest {
 *     @Test void talks_to_postgres(TestDatabase db) throws Exception {
 *         try (var c = db.connect()) { ... }
 *     }
 * }
 * }</pre>
 */
public final class TestDatabase {
    private final String host;
    private final int port;
    private final String name;
    private final String user;
    private final String password;
    private final int majorVersion;

    TestDatabase(String host, int port, String name, String user, String password, int majorVersion) {
        this.host = Objects.requireNonNull(host, "host");
        this.port = port;
        this.name = Objects.requireNonNull(name, "name");
        this.user = Objects.requireNonNull(user, "user");
        this.password = password == null ? "" : password;
        this.majorVersion = majorVersion;
    }

    /** The JDBC URL of this database, without credentials. */
    public String jdbcUrl() {
        return "jdbc:postgresql://" + host + ":" + port + "/" + name;
    }

    /** The JDBC URL of this database with user and password as parameters, as users pass {@code --database-url}. */
    public String jdbcUrlWithCredentials() {
        return jdbcUrl() + "?user=" + user + (password.isEmpty() ? "" : "&password=" + password);
    }

    /** A libpq-style URL ({@code postgres://user:password@host:port/name}), as Heroku's DATABASE_URL is written. */
    public String postgresUrl() {
        return "postgres://" + user + (password.isEmpty() ? "" : ":" + password) + "@" + host + ":" + port + "/" + name;
    }

    public String host() { return host; }
    public int port() { return port; }
    public String name() { return name; }
    public String user() { return user; }
    public String password() { return password; }

    /** The server's major version, for example 17. */
    public int majorVersion() { return majorVersion; }

    public DataSource dataSource() {
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setServerNames(new String[] {host});
        ds.setPortNumbers(new int[] {port});
        ds.setDatabaseName(name);
        ds.setUser(user);
        ds.setPassword(password);
        return ds;
    }

    /** A new connection (the caller closes it). */
    public Connection connect() {
        Properties p = new Properties();
        p.setProperty("user", user);
        p.setProperty("password", password);
        try {
            return DriverManager.getConnection(jdbcUrl(), p);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot connect to test database " + jdbcUrl() + ": " + e.getMessage(), e);
        }
    }

    /** Runs SQL statements (no results) on a new auto-commit connection. */
    public void execute(String... sql) {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            for (String each : sql) {
                s.execute(each);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("SQL failed on " + name + ": " + e.getMessage(), e);
        }
    }

    /** The first column of the first row of a query, or null. */
    public Object queryValue(String sql) {
        try (Connection c = connect(); Statement s = c.createStatement(); var rs = s.executeQuery(sql)) {
            return rs.next() ? rs.getObject(1) : null;
        } catch (SQLException e) {
            throw new IllegalStateException("query failed on " + name + ": " + e.getMessage(), e);
        }
    }

    @Override
    public String toString() {
        return "TestDatabase[" + jdbcUrl() + ", PostgreSQL " + majorVersion + "]";
    }
}
