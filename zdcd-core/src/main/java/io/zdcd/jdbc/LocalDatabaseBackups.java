package io.zdcd.jdbc;

import io.zdcd.spi.Backup;
import io.zdcd.spi.DatabaseBackups;
import io.zdcd.spi.PlatformException;
import io.zdcd.spi.Progress;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Restore points as copies of the database on the same PostgreSQL server: capture is
 * {@code CREATE DATABASE <copy> TEMPLATE <db>}, restore drops the database and creates it again from the copy. No
 * {@code pg_dump} is needed, and a copy of a small database takes about a second.
 *
 * <p><b>Other sessions.</b> PostgreSQL copies a database only while nobody else is connected to it
 * ({@code source database "app" is being accessed by other users}). So:
 * <ul>
 *   <li>{@link OtherSessions#WAIT} (default): capture retries for up to {@link Builder#waitForSessions} (default
 *       10 s) while other sessions are connected, then fails with the count; the deployment then stops at its backup
 *       step with nothing changed. Fits apps whose connections are short-lived or pooled with a short idle time; a
 *       nightly maintenance window (maintenance on before the backup) fits it too.</li>
 *   <li>{@link OtherSessions#TERMINATE}: other sessions of the database are terminated
 *       ({@code pg_terminate_backend}) right before the copy; their clients see a dropped connection and must
 *       reconnect. New connections wait while the copy runs.</li>
 * </ul>
 * A restore always terminates other sessions (the pipeline restores only inside maintenance mode). zdcd's own
 * journal and queue must live in another database ({@link JdbcDeploymentJournal}).
 *
 * <p>Copies are named {@code <db>_zdcd_<yyyyMMddHHmmss>_<random>} and the newest {@link Builder#keep} (default 3)
 * are kept; older ones are dropped after each capture.
 */
public final class LocalDatabaseBackups implements DatabaseBackups {

    /** What capture does while other sessions are connected to the database. */
    public enum OtherSessions { WAIT, TERMINATE }

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMddHHmmss")
            .withZone(ZoneOffset.UTC);

    private final PostgresDatabase database;
    private final String maintenanceDatabase;
    private final OtherSessions otherSessions;
    private final Duration waitForSessions;
    private final int keep;

    private LocalDatabaseBackups(Builder b) {
        this.database = b.database;
        this.maintenanceDatabase = b.maintenanceDatabase;
        this.otherSessions = b.otherSessions;
        this.waitForSessions = b.waitForSessions;
        this.keep = b.keep;
    }

    public static LocalDatabaseBackups of(PostgresDatabase database) {
        return builder(database).build();
    }

    public static Builder builder(PostgresDatabase database) {
        return new Builder(database);
    }

    private Connection admin() {
        return database.withName(maintenanceDatabase).connect();
    }

    @Override
    public Backup capture(String app, Progress progress) {
        Instant at = Instant.now();
        String copy = copyName(at);
        long deadline = System.nanoTime() + waitForSessions.toNanos();
        try (Connection c = admin(); Statement s = c.createStatement()) {
            long size = size(c, database.name());
            progress.report("copying database " + database.name() + " (" + size / (1024 * 1024) + " MB) to " + copy,
                    0, size);
            while (true) {
                if (otherSessions == OtherSessions.TERMINATE) {
                    terminate(c, database.name());
                }
                try {
                    at = Instant.now();
                    s.execute("CREATE DATABASE " + quote(copy) + " TEMPLATE " + quote(database.name()));
                    break;
                } catch (SQLException e) {
                    if (!"55006".equals(e.getSQLState())) {
                        throw e;
                    }
                    int others = sessions(c, database.name());
                    if (System.nanoTime() >= deadline) {
                        throw new PlatformException("back up " + database.name(), others + " other session(s) "
                                + "stayed connected to " + database.name() + " for " + waitForSessions.toSeconds()
                                + "s; a local backup copies the database with CREATE DATABASE ... TEMPLATE, which "
                                + "needs them gone (close them, or use OtherSessions.TERMINATE)");
                    }
                    progress.report(others + " other session(s) connected to " + database.name() + "; waiting");
                    sleep(200);
                }
            }
            progress.report("copied " + database.name() + " to " + copy, size, size);
            prune(c);
            return new Backup(copy, at, "copy of " + database.name() + " on " + database.host() + ":"
                    + database.port());
        } catch (SQLException e) {
            throw new PlatformException("back up " + database.name() + " as " + copy, e.getMessage(), e);
        }
    }

    @Override
    public void restore(String app, Backup backup, Progress progress) {
        Objects.requireNonNull(backup, "backup");
        try (Connection c = admin(); Statement s = c.createStatement()) {
            if (!exists(c, backup.id())) {
                throw new PlatformException("restore " + database.name() + " from " + backup.id(),
                        "no such copy on the server");
            }
            progress.report("terminating sessions of " + database.name() + " and dropping it");
            terminate(c, database.name());
            if (c.getMetaData().getDatabaseMajorVersion() >= 13) {
                s.execute("DROP DATABASE IF EXISTS " + quote(database.name()) + " WITH (FORCE)");
            } else {
                s.execute("DROP DATABASE IF EXISTS " + quote(database.name()));
            }
            progress.report("creating " + database.name() + " from " + backup.id());
            s.execute("CREATE DATABASE " + quote(database.name()) + " TEMPLATE " + quote(backup.id()));
            progress.report("restored " + database.name() + " from " + backup.id() + " taken at "
                    + backup.capturedAt());
        } catch (SQLException e) {
            throw new PlatformException("restore " + database.name() + " from " + backup.id(), e.getMessage(), e);
        }
    }

    /** The copies of this database on the server, oldest first. */
    public List<String> copies() {
        try (Connection c = admin()) {
            return copies(c);
        } catch (SQLException e) {
            throw new PlatformException("list copies of " + database.name(), e.getMessage(), e);
        }
    }

    private List<String> copies(Connection c) throws SQLException {
        List<String> out = new ArrayList<>();
        try (PreparedStatement p = c.prepareStatement(
                "SELECT datname FROM pg_database WHERE starts_with(datname, ?) ORDER BY datname")) {
            p.setString(1, prefix());
            try (ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
        }
        return out;
    }

    private void prune(Connection c) throws SQLException {
        List<String> all = copies(c);
        for (int i = 0; i < all.size() - keep; i++) {
            try (Statement s = c.createStatement()) {
                s.execute("DROP DATABASE IF EXISTS " + quote(all.get(i)));
            }
        }
    }

    private String prefix() {
        String base = database.name().length() > 30 ? database.name().substring(0, 30) : database.name();
        return base + "_zdcd_";
    }

    private String copyName(Instant at) {
        return prefix() + STAMP.format(at) + "_" + Integer.toString(ThreadLocalRandom.current().nextInt(1 << 20), 36);
    }

    private static long size(Connection c, String db) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("SELECT pg_database_size(?)")) {
            p.setString(1, db);
            try (ResultSet rs = p.executeQuery()) {
                return rs.next() ? rs.getLong(1) : -1;
            }
        }
    }

    private static boolean exists(Connection c, String db) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
            p.setString(1, db);
            try (ResultSet rs = p.executeQuery()) {
                return rs.next();
            }
        }
    }

    private static int sessions(Connection c, String db) throws SQLException {
        try (PreparedStatement p = c.prepareStatement(
                "SELECT count(*) FROM pg_stat_activity WHERE datname = ? AND pid <> pg_backend_pid()")) {
            p.setString(1, db);
            try (ResultSet rs = p.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    private static void terminate(Connection c, String db) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                + "WHERE datname = ? AND pid <> pg_backend_pid()")) {
            p.setString(1, db);
            p.executeQuery().close();
        }
    }

    static String quote(String ident) {
        return '"' + ident.replace("\"", "\"\"") + '"';
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PlatformException("back up", "interrupted", e);
        }
    }

    @Override
    public String toString() {
        return "LocalDatabaseBackups[" + database + ", " + otherSessions + ", keep " + keep + "]";
    }

    /** Configures {@link LocalDatabaseBackups}. */
    public static final class Builder {
        private final PostgresDatabase database;
        private String maintenanceDatabase = "postgres";
        private OtherSessions otherSessions = OtherSessions.WAIT;
        private Duration waitForSessions = Duration.ofSeconds(10);
        private int keep = 3;

        private Builder(PostgresDatabase database) {
            this.database = Objects.requireNonNull(database, "database");
        }

        /** The database to connect to for CREATE/DROP DATABASE. (default: {@code postgres}) */
        public Builder maintenanceDatabase(String name) {
            Objects.requireNonNull(name, "name");
            if (name.equals(database.name())) {
                throw new IllegalArgumentException("the maintenance database must differ from " + name);
            }
            this.maintenanceDatabase = name;
            return this;
        }

        /** What capture does while others are connected. (default: {@link OtherSessions#WAIT}) */
        public Builder otherSessions(OtherSessions policy) {
            this.otherSessions = Objects.requireNonNull(policy, "policy");
            return this;
        }

        /** How long capture waits for other sessions to go. (default: 10 s) */
        public Builder waitForSessions(Duration wait) {
            Objects.requireNonNull(wait, "wait");
            if (wait.isNegative()) {
                throw new IllegalArgumentException("waitForSessions must be >= 0, was " + wait);
            }
            this.waitForSessions = wait;
            return this;
        }

        /** How many copies to keep. (default: 3) */
        public Builder keep(int copies) {
            if (copies < 1) {
                throw new IllegalArgumentException("keep must be >= 1, was " + copies);
            }
            this.keep = copies;
            return this;
        }

        public LocalDatabaseBackups build() {
            return new LocalDatabaseBackups(this);
        }
    }
}
