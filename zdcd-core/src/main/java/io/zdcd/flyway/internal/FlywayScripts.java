package io.zdcd.flyway.internal;

import io.zdcd.flyway.FlywayProject;
import io.zdcd.jdbc.PostgresDatabase;
import io.zdcd.spi.PendingMigration;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLFeatureNotSupportedException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.Location;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationState;
import org.flywaydb.core.api.configuration.ClassicConfiguration;
import org.flywaydb.core.api.configuration.Configuration;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.flywaydb.database.postgresql.PostgreSQLConfigurationExtension;

/**
 * What zdcd reads from Flyway: a project's configuration, its pending migrations with their SQL (placeholders
 * replaced as Flyway replaces them), and the applied ones. Shared by {@code io.zdcd.flyway} and zdcd-analyzer's
 * callback.
 */
public final class FlywayScripts {

    /** Flyway's PostgreSQL setting for its history lock; zdcd sets it to {@code false} unless the project sets it. */
    public static final String TRANSACTIONAL_LOCK = "flyway.postgresql.transactional.lock";

    private FlywayScripts() {
    }

    /** Flyway's configuration of {@code project}: its properties, locations and a data source over its database. */
    public static FluentConfiguration configure(FlywayProject project) {
        return configure(project, "");
    }

    /**
     * Flyway's configuration of {@code project} whose every connection first runs {@code sessionSql} (for example
     * {@code SET lock_timeout = '50ms'}; empty: nothing), before Flyway's own {@code initSql}.
     */
    public static FluentConfiguration configure(FlywayProject project, String sessionSql) {
        Map<String, String> properties = new java.util.HashMap<>(project.properties());
        // Session-level advisory lock: with Flyway's default transactional one, its own open transaction would make
        // every CREATE INDEX CONCURRENTLY wait for it (and time out under zdcd's lock_timeout).
        boolean transactionalLock = Boolean.parseBoolean(properties.getOrDefault(TRANSACTIONAL_LOCK, "false"));
        properties.remove(TRANSACTIONAL_LOCK); // as a property, Flyway would need jackson-databind for it
        FluentConfiguration configuration = Flyway.configure(FlywayScripts.class.getClassLoader())
                .configuration(properties)
                .locations(project.locations().toArray(String[]::new))
                .dataSource(new ConnectingDataSource(project.database(), sessionSql));
        PostgreSQLConfigurationExtension postgres =
                configuration.getConfigurationExtension(PostgreSQLConfigurationExtension.class);
        if (postgres != null) {
            postgres.setTransactionalLock(transactionalLock);
        }
        return configuration;
    }

    /** The migrations of {@code project} that a {@code migrate} would apply now, in order, with their SQL. */
    public static List<PendingMigration> pending(FlywayProject project) {
        return pending(configure(project));
    }

    /**
     * The migrations a {@code migrate} with {@code configuration} would apply now, in order, with their SQL: pending
     * versioned migrations (below the target), then new or changed repeatable ones. A Java migration has no SQL: it is
     * given as the marker comment that the classifier judges as code it cannot see.
     */
    public static List<PendingMigration> pending(Configuration configuration) {
        Flyway flyway = Flyway.configure(configuration.getClassLoader()).configuration(configuration).load();
        List<PendingMigration> out = new ArrayList<>();
        for (MigrationInfo info : flyway.info().all()) {
            if (info.getState() == MigrationState.PENDING || info.getState() == MigrationState.OUTDATED) {
                out.add(new PendingMigration(info.getScript(), sql(info, configuration)));
            }
        }
        return out;
    }

    /** The pending migration whose script is {@code script}, when there is one. */
    public static MigrationInfo find(Flyway flyway, String script) {
        for (MigrationInfo info : flyway.info().all()) {
            if (info.getScript().equals(script)) {
                return info;
            }
        }
        return null;
    }

    /** The scripts Flyway's history table records as applied successfully, in the order they were applied. */
    public static List<String> applied(FlywayProject project) {
        return Arrays.stream(configure(project).load().info().applied())
                .filter(i -> !i.getType().isSynthetic() && !i.getType().isBaseline() && !i.getState().isFailed())
                .map(MigrationInfo::getScript).toList();
    }

    /**
     * Whether Flyway takes its PostgreSQL history lock inside a transaction (its default): then a
     * {@code CREATE INDEX CONCURRENTLY} waits for Flyway's own transaction and {@code migrate} hangs. False when the
     * configuration is not for PostgreSQL's plugin.
     */
    public static boolean transactionalLock(Configuration configuration) {
        PostgreSQLConfigurationExtension postgres = configuration instanceof ClassicConfiguration classic
                ? classic.getConfigurationExtension(PostgreSQLConfigurationExtension.class)
                : configuration instanceof FluentConfiguration fluent
                ? fluent.getConfigurationExtension(PostgreSQLConfigurationExtension.class) : null;
        return postgres != null && postgres.isTransactionalLock();
    }

    /** Whether the migration is SQL (a file zdcd can read) rather than Java code or a baseline marker. */
    public static boolean isSql(MigrationInfo info) {
        return info.getType().name().contains("SQL");
    }

    static String sql(MigrationInfo info, Configuration configuration) {
        if (!isSql(info)) {
            return "--\n-- " + info.getType().name() + " migration " + info.getScript()
                    + " (Flyway runs code, not SQL)\n--\n-- THIS OPERATION CANNOT BE WRITTEN AS SQL\n";
        }
        String text = read(info, configuration);
        return configuration.isPlaceholderReplacement() ? replacePlaceholders(text, configuration) : text;
    }

    private static String read(MigrationInfo info, Configuration configuration) {
        Charset encoding = configuration.getEncoding();
        String physical = info.getPhysicalLocation();
        try {
            if (physical != null && !physical.isEmpty() && Files.isRegularFile(Path.of(physical))) {
                return Files.readString(Path.of(physical), encoding);
            }
            for (Location location : configuration.getLocations()) {
                String root = location.getRootPath();
                String relative = root.isEmpty() ? info.getScript() : root + "/" + info.getScript();
                if (location.isFileSystem()) {
                    Path file = Path.of(relative);
                    if (Files.isRegularFile(file)) {
                        return Files.readString(file, encoding);
                    }
                } else if (location.isClassPath()) {
                    URL url = configuration.getClassLoader().getResource(relative);
                    if (url != null) {
                        try (InputStream in = url.openStream()) {
                            return new String(in.readAllBytes(), encoding);
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read Flyway migration " + info.getScript() + ": "
                    + e.getMessage(), e);
        }
        throw new IllegalStateException("cannot find Flyway migration " + info.getScript() + " in "
                + Arrays.toString(configuration.getLocations()));
    }

    /** Flyway's own placeholders ({@code ${name}}) with the configured values; unknown ones stay as they are. */
    static String replacePlaceholders(String sql, Configuration configuration) {
        String out = sql;
        for (Map.Entry<String, String> e : configuration.getPlaceholders().entrySet()) {
            out = out.replace(configuration.getPlaceholderPrefix() + e.getKey() + configuration.getPlaceholderSuffix(),
                    e.getValue());
        }
        return out;
    }

    /** Flyway's data source: a new connection from {@link PostgresDatabase#connect()} each time. */
    private record ConnectingDataSource(PostgresDatabase database, String sessionSql) implements DataSource {
        @Override
        public Connection getConnection() throws java.sql.SQLException {
            Connection c = database.connect();
            if (!sessionSql.isEmpty()) {
                try (java.sql.Statement s = c.createStatement()) {
                    s.execute(sessionSql);
                } catch (java.sql.SQLException | RuntimeException e) {
                    c.close();
                    throw e;
                }
            }
            return c;
        }

        @Override
        public Connection getConnection(String username, String password) throws SQLFeatureNotSupportedException {
            throw new SQLFeatureNotSupportedException("the database's own credentials only");
        }

        @Override
        public PrintWriter getLogWriter() {
            return null;
        }

        @Override
        public void setLogWriter(PrintWriter out) {
        }

        @Override
        public void setLoginTimeout(int seconds) {
        }

        @Override
        public int getLoginTimeout() {
            return 0;
        }

        @Override
        public Logger getParentLogger() throws SQLFeatureNotSupportedException {
            throw new SQLFeatureNotSupportedException();
        }

        @Override
        public <T> T unwrap(Class<T> type) throws java.sql.SQLException {
            throw new java.sql.SQLException("not a wrapper");
        }

        @Override
        public boolean isWrapperFor(Class<?> type) {
            return false;
        }
    }
}
