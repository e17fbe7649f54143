package io.zdcd.analyzer.trace.internal;

import io.zdcd.analyzer.trace.TraceException;
import io.zdcd.jdbc.PostgresDatabase;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Optional;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.postgresql.ds.PGSimpleDataSource;
import org.postgresql.ds.common.BaseDataSource;

/** Where the tracer connects: a JDBC URL (credentials kept out of the URL) or a caller's DataSource. */
public abstract class Endpoint {
    private static final Pattern JDBC = Pattern.compile("^(jdbc:postgresql://[^/?]*/)([^?]*)(\\?.*)?$");
    private static final Pattern LIBPQ =
            Pattern.compile("^postgres(?:ql)?://(?:([^:@/]*)(?::([^@/]*))?@)?([^/?]*)(?:/([^?]*))?(?:\\?(.*))?$");

    /** Opens a new connection. */
    public abstract Connection open() throws SQLException;

    /** The same server and credentials, another database; empty when that cannot be derived. */
    public abstract Optional<Endpoint> forDatabase(String database);

    /** The password, if known, so messages can be scrubbed of it. */
    abstract String password();

    /**
     * The message with the password (as written and URL-encoded) and URL credentials replaced by {@code ██}, zdcd's
     * one mask ({@link PostgresDatabase#maskPassword}: a short password only where it stands alone as a word).
     */
    public String redact(String message) {
        return PostgresDatabase.maskPassword(message, password());
    }

    public static Endpoint of(DataSource dataSource) {
        return new FromDataSource(dataSource);
    }

    /**
     * Parses {@code jdbc:postgresql://host:port/db?user=u&password=p&...} or {@code postgres://user:pw@host:port/db}.
     * User and password move from the URL into connection properties.
     */
    public static Endpoint parse(String url) {
        String u = url.trim();
        Matcher j = JDBC.matcher(u);
        if (j.matches()) {
            Properties props = new Properties();
            String query = j.group(3) == null ? "" : j.group(3).substring(1);
            String rest = extractCredentials(query, props);
            return new FromUrl(j.group(1), decode(j.group(2)), rest, props);
        }
        Matcher l = LIBPQ.matcher(u);
        if (l.matches()) {
            Properties props = new Properties();
            if (l.group(1) != null && !l.group(1).isEmpty()) {
                props.setProperty("user", decode(l.group(1)));
            }
            if (l.group(2) != null) {
                props.setProperty("password", decode(l.group(2)));
            }
            String rest = extractCredentials(l.group(5) == null ? "" : l.group(5), props);
            String db = l.group(4) == null || l.group(4).isEmpty() ? "postgres" : decode(l.group(4));
            return new FromUrl("jdbc:postgresql://" + l.group(3) + "/", db, rest, props);
        }
        throw new IllegalArgumentException("not a PostgreSQL database URL: expected jdbc:postgresql://host:port/db"
                + "?user=...&password=... or postgres://user:password@host:port/db");
    }

    private static String extractCredentials(String query, Properties props) {
        StringBuilder rest = new StringBuilder();
        for (String kv : query.split("&")) {
            if (kv.isEmpty()) {
                continue;
            }
            int eq = kv.indexOf('=');
            String key = eq < 0 ? kv : kv.substring(0, eq);
            String value = eq < 0 ? "" : decode(kv.substring(eq + 1));
            if (key.equals("user") || key.equals("password")) {
                props.setProperty(key, value);
            } else {
                rest.append(rest.length() == 0 ? "?" : "&").append(kv);
            }
        }
        return rest.toString();
    }

    private static String decode(String s) {
        try {
            return URLDecoder.decode(s, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) { // its message quotes the text after the %: part of a password
            throw new IllegalArgumentException("not a PostgreSQL database URL: a % that is not followed by two hex "
                    + "digits (percent-encode the user and password: % is written %25, @ %40, : %3A, / %2F)");
        }
    }

    private static final class FromUrl extends Endpoint {
        private final String prefix;
        private final String database;
        private final String query;
        private final Properties props;

        FromUrl(String prefix, String database, String query, Properties props) {
            this.prefix = prefix;
            this.database = database;
            this.query = query;
            this.props = props;
        }

        /** As {@link PostgresDatabase#connect()}: at least {@code sslmode=require} for a host that is not loopback. */
        @Override
        public Connection open() throws SQLException {
            Properties p = props;
            String host = prefix.substring("jdbc:postgresql://".length(), prefix.length() - 1)
                    .replaceFirst(":\\d+$", "");
            if (!query.contains("sslmode=") && !query.contains("ssl=") && !PostgresDatabase.isLoopback(host)) {
                p = new Properties();
                p.putAll(props);
                p.setProperty("sslmode", "require");
            }
            return DriverManager.getConnection(prefix + database + query, p);
        }

        @Override
        public Optional<Endpoint> forDatabase(String db) {
            return Optional.of(new FromUrl(prefix, db, query, props));
        }

        @Override
        String password() {
            return props.getProperty("password");
        }

        @Override
        public String toString() {
            String user = props.getProperty("user");
            return prefix + database + (user == null ? "" : " as " + user);
        }
    }

    private static final class FromDataSource extends Endpoint {
        private final DataSource dataSource;

        FromDataSource(DataSource dataSource) {
            this.dataSource = dataSource;
        }

        @Override
        public Connection open() throws SQLException {
            return dataSource.getConnection();
        }

        @Override
        public Optional<Endpoint> forDatabase(String db) {
            try {
                if (!dataSource.isWrapperFor(BaseDataSource.class)) {
                    return Optional.empty();
                }
                BaseDataSource base = dataSource.unwrap(BaseDataSource.class);
                PGSimpleDataSource copy = new PGSimpleDataSource();
                copy.setURL(base.getURL());
                copy.setDatabaseName(db);
                copy.setUser(base.getUser());
                copy.setPassword(base.getPassword());
                return Optional.of(new FromDataSource(copy));
            } catch (SQLException e) {
                return Optional.empty();
            }
        }

        @Override
        String password() {
            try {
                return dataSource.isWrapperFor(BaseDataSource.class)
                        ? dataSource.unwrap(BaseDataSource.class).getPassword() : null;
            } catch (SQLException e) {
                return null;
            }
        }

        @Override
        public String toString() {
            try {
                if (dataSource.isWrapperFor(BaseDataSource.class)) {
                    BaseDataSource b = dataSource.unwrap(BaseDataSource.class);
                    return "DataSource " + String.join(",", b.getServerNames()) + "/" + b.getDatabaseName();
                }
            } catch (SQLException e) {
                // fall through
            }
            return "DataSource " + dataSource.getClass().getSimpleName();
        }
    }

    /** Wraps a connection failure into a message without the password. */
    public TraceException cannotConnect(SQLException e) {
        return new TraceException("cannot connect to " + this + ": " + redact(e.getMessage()));
    }
}
