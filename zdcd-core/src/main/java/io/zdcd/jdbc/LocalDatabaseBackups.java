package io.zdcd.jdbc;

import io.zdcd.internal.Counts;
import io.zdcd.spi.Backup;
import io.zdcd.spi.DatabaseBackups;
import io.zdcd.spi.PlatformException;
import io.zdcd.spi.Progress;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Restore points as copies of the database on the same PostgreSQL server, taken without stalling the app: capture
 * ({@link CaptureMethod#ONLINE_COPY}, the default) creates an empty database, rebuilds the schema from the catalogs and
 * streams every row with {@code COPY}, all from one {@code REPEATABLE READ} snapshot of the source, so no session is
 * excluded and none waits (reads take ACCESS SHARE locks, which block only ACCESS EXCLUSIVE). The copy is checked
 * against the source (counts of tables, columns, constraints, indexes, functions, triggers, types). Restore drops the
 * database and creates it again from the copy ({@code CREATE DATABASE db TEMPLATE copy}): the whole database,
 * schema {@code zdcd} included. No {@code pg_dump} is needed.
 *
 * <p><b>What the online copy does not rebuild</b> (fail closed): partitioned tables and inheritance, materialized
 * views, foreign tables, standalone composite and range types, rules, row-level security policies, grants on tables,
 * aggregates, operators, casts, collations, text search and statistics objects, event triggers, publications, large
 * objects, database settings, non-libc locale providers. A database with any of them is copied with
 * {@link CaptureMethod#TEMPLATE} ({@code CREATE DATABASE <copy> TEMPLATE <db>}) instead, and the progress report says
 * why. PostgreSQL makes a TEMPLATE copy only while nobody else is connected to the database, and new connections wait
 * while it runs, so:
 * <ul>
 *   <li>{@link OtherSessions#WAIT} (default): capture retries for up to {@link Builder#waitForSessions} (default
 *       10 s) while other sessions are connected, then fails with the count; the deployment then stops at its backup
 *       step with nothing changed.</li>
 *   <li>{@link OtherSessions#TERMINATE}: other sessions of the database are terminated
 *       ({@code pg_terminate_backend}) right before the copy; their clients see a dropped connection and must
 *       reconnect.</li>
 * </ul>
 * A restore always terminates other sessions (the pipeline restores only inside maintenance mode), zdcd's own
 * deploy-lock session included. When zdcd's journal and queue live in the restored database, the pipeline writes
 * back right after the restore what it removed and takes its deploy lock back; a control database that restores
 * never touch ({@link JdbcDeploymentJournal}) remains the better place for them.
 *
 * <p>Copies are named {@code <db>_zdcd_<yyyyMMddHHmmss>_<random>} and the newest {@link Builder#keep} (default 3)
 * are kept; older ones are dropped after each capture.
 */
public final class LocalDatabaseBackups implements DatabaseBackups {

    /** What capture does while other sessions are connected to the database (TEMPLATE copies only). */
    public enum OtherSessions {
        /** Wait for them to disconnect. */
        WAIT,
        /** End them ({@code pg_terminate_backend}). */
        TERMINATE
    }

    /** How capture copies the database. */
    public enum CaptureMethod {
        /**
         * Rebuilds the schema in an empty database and streams the rows with {@code COPY}, from one
         * {@code REPEATABLE READ} snapshot: no session is excluded and none waits. A database with objects this copy
         * does not rebuild (partitioned tables, materialized views, policies, grants...: the progress report names
         * them) is copied with {@link #TEMPLATE} instead.
         */
        ONLINE_COPY,
        /** {@code CREATE DATABASE copy TEMPLATE db}: exact, but needs the database's other sessions gone. */
        TEMPLATE
    }

    /** How long a DROP DATABASE waits out sessions it may not end (an autovacuum worker, for a non-superuser). */
    private static final Duration DROP_PATIENCE = Duration.ofSeconds(15);
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMddHHmmss")
            .withZone(ZoneOffset.UTC);

    private final PostgresDatabase database;
    private final String maintenanceDatabase;
    private final OtherSessions otherSessions;
    private final Duration waitForSessions;
    private final int keep;
    private final CaptureMethod method;

    private LocalDatabaseBackups(Builder b) {
        this.method = b.method;
        this.database = b.database;
        this.maintenanceDatabase = b.maintenanceDatabase;
        this.otherSessions = b.otherSessions;
        this.waitForSessions = b.waitForSessions;
        this.keep = b.keep;
    }

    /**
     * Backups of this database with the default settings.
     *
     * @param database the database to back up and restore; must not be null
     * @return backups that wait up to 10 s for other sessions, keep 3 copies and copy online
     */
    public static LocalDatabaseBackups of(PostgresDatabase database) {
        return builder(database).build();
    }

    /**
     * A builder for backups of this database.
     *
     * @param database the database to back up and restore; must not be null
     * @return a new builder with the defaults
     */
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
        try (Connection c = admin()) {
            long size = ServerDatabases.size(c, database.name());
            List<String> unsupported = List.of();
            if (method == CaptureMethod.ONLINE_COPY) {
                try (Connection source = database.connect()) {
                    unsupported = LogicalCopy.unsupported(source);
                }
            }
            if (method == CaptureMethod.ONLINE_COPY && unsupported.isEmpty()) {
                progress.report("copying database " + database.name() + " (" + size / (1024 * 1024) + " MB) to " + copy
                        + " from one snapshot, while its sessions go on", 0, size);
                at = copyOnline(c, copy, progress);
            } else {
                if (!unsupported.isEmpty()) {
                    progress.report(database.name() + " has " + String.join(", ", unsupported) + ", which the online "
                            + "copy does not rebuild: copying it with CREATE DATABASE ... TEMPLATE instead (new "
                            + "connections wait while it runs)");
                }
                progress.report("copying database " + database.name() + " (" + size / (1024 * 1024) + " MB) to "
                        + copy + " with CREATE DATABASE ... TEMPLATE", 0, size);
                at = copyByTemplate(c, copy, progress);
            }
            progress.report("copied " + database.name() + " to " + copy, size, size);
            prune(c);
            return new Backup(copy, at, "copy of " + database.name() + " on " + database.host() + ":"
                    + database.port());
        } catch (SQLException e) {
            throw new PlatformException("back up " + database.name() + " as " + copy, e.getMessage(), e);
        }
    }

    /**
     * Creates {@code copy} empty (from {@code template0}, with the source's encoding and collation) and fills it from one
     * {@code REPEATABLE READ} snapshot of the source; checks that the copy has what the source has.
     */
    private Instant copyOnline(Connection admin, String copy, Progress progress) throws SQLException {
        try (Statement s = admin.createStatement()) {
            s.execute("CREATE DATABASE " + ServerDatabases.quote(copy) + " TEMPLATE template0 "
                    + ServerDatabases.encodingOf(admin, database.name()));
        }
        try (Connection source = database.connect(); Connection target = database.withName(copy).connect()) {
            source.setAutoCommit(false);
            source.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            source.setReadOnly(true);
            Instant at;
            try (Statement s = source.createStatement()) {
                s.execute("SET LOCAL statement_timeout = 0");
                try (ResultSet rs = s.executeQuery("SELECT now()")) { // the snapshot is taken here
                    rs.next();
                    at = rs.getTimestamp(1).toInstant();
                }
            }
            long rows = LogicalCopy.copy(source, target, progress);
            String expected = LogicalCopy.fingerprint(source);
            source.commit();
            String got = LogicalCopy.fingerprint(target);
            if (!expected.equals(got)) {
                throw new SQLException("the copy differs from " + database.name() + " (" + got + " instead of "
                        + expected + "); it was dropped");
            }
            progress.report("copied " + rows + " rows of " + database.name() + " as of " + at);
            return at;
        } catch (SQLException | RuntimeException e) {
            try {
                ServerDatabases.drop(admin, copy, DROP_PATIENCE);
            } catch (SQLException dropFailed) {
                e.addSuppressed(dropFailed);
            }
            throw e;
        }
    }

    /** {@code CREATE DATABASE copy TEMPLATE db}: needs every other session of the database gone. */
    private Instant copyByTemplate(Connection c, String copy, Progress progress) throws SQLException {
        long deadline = System.nanoTime() + waitForSessions.toNanos();
        try (Statement s = c.createStatement()) {
            while (true) {
                if (otherSessions == OtherSessions.TERMINATE) {
                    ServerDatabases.terminate(c, database.name());
                }
                try {
                    Instant at = Instant.now();
                    s.execute("CREATE DATABASE " + ServerDatabases.quote(copy) + " TEMPLATE "
                            + ServerDatabases.quote(database.name()));
                    return at;
                } catch (SQLException e) {
                    if (!"55006".equals(e.getSQLState())) {
                        throw e;
                    }
                    int others = ServerDatabases.sessions(c, database.name());
                    if (System.nanoTime() >= deadline) {
                        throw new PlatformException("back up " + database.name(), Counts.of(others, "other session")
                                + " stayed connected to " + database.name() + " for " + waitForSessions.toSeconds()
                                + "s; a TEMPLATE copy needs them gone (close them, use OtherSessions.TERMINATE, or "
                                + "remove what the online copy does not rebuild)");
                    }
                    progress.report(Counts.of(others, "other session") + " connected to " + database.name()
                            + "; waiting");
                    sleep(200);
                }
            }
        }
    }

    @Override
    public void restore(String app, Backup backup, Progress progress) {
        Objects.requireNonNull(backup, "backup");
        try (Connection c = admin(); Statement s = c.createStatement()) {
            if (!ServerDatabases.exists(c, backup.id())) {
                throw new PlatformException("restore " + database.name() + " from " + backup.id(),
                        "no such copy on the server");
            }
            progress.report("terminating sessions of " + database.name() + " and dropping it");
            ServerDatabases.terminate(c, database.name());
            ServerDatabases.drop(c, database.name(), DROP_PATIENCE);
            progress.report("creating " + database.name() + " from " + backup.id());
            s.execute("CREATE DATABASE " + ServerDatabases.quote(database.name()) + " TEMPLATE "
                    + ServerDatabases.quote(backup.id()));
            progress.report("restored " + database.name() + " from " + backup.id() + " taken at "
                    + backup.capturedAt());
        } catch (SQLException e) {
            throw new PlatformException("restore " + database.name() + " from " + backup.id(), e.getMessage(), e);
        }
    }

    /**
     * The copies of this database on the server, oldest first.
     *
     * @return the copies' database names, oldest first; empty when there are none
     */
    public List<String> copies() {
        try (Connection c = admin()) {
            return copies(c);
        } catch (SQLException e) {
            throw new PlatformException("list copies of " + database.name(), e.getMessage(), e);
        }
    }

    private List<String> copies(Connection c) throws SQLException {
        return ServerDatabases.startingWith(c, prefix());
    }

    private void prune(Connection c) throws SQLException {
        List<String> all = copies(c);
        for (int i = 0; i < all.size() - keep; i++) {
            try (Statement s = c.createStatement()) {
                s.execute("DROP DATABASE IF EXISTS " + ServerDatabases.quote(all.get(i)));
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
        return "LocalDatabaseBackups[" + database + ", " + method + ", " + otherSessions + ", keep " + keep + "]";
    }

    /** Configures {@link LocalDatabaseBackups}. */
    public static final class Builder {
        private final PostgresDatabase database;
        private String maintenanceDatabase = "postgres";
        private OtherSessions otherSessions = OtherSessions.WAIT;
        private Duration waitForSessions = Duration.ofSeconds(10);
        private int keep = 3;
        private CaptureMethod method = CaptureMethod.ONLINE_COPY;

        private Builder(PostgresDatabase database) {
            this.database = Objects.requireNonNull(database, "database");
        }

        /**
         * The database to connect to for CREATE/DROP DATABASE. (default: {@code postgres})
         *
         * @param name an existing database on the same server, other than the one backed up
         * @return this builder
         */
        public Builder maintenanceDatabase(String name) {
            Objects.requireNonNull(name, "name");
            if (name.equals(database.name())) {
                throw new IllegalArgumentException("the maintenance database must differ from " + name);
            }
            this.maintenanceDatabase = name;
            return this;
        }

        /**
         * What capture does while others are connected. (default: {@link OtherSessions#WAIT})
         *
         * @param policy whether to wait for other sessions or end them; must not be null
         * @return this builder
         */
        public Builder otherSessions(OtherSessions policy) {
            this.otherSessions = Objects.requireNonNull(policy, "policy");
            return this;
        }

        /**
         * How long capture waits for other sessions to go. (default: 10 s)
         *
         * @param wait the longest capture waits for other sessions to disconnect
         * @return this builder
         */
        public Builder waitForSessions(Duration wait) {
            Objects.requireNonNull(wait, "wait");
            if (wait.isNegative()) {
                throw new IllegalArgumentException("waitForSessions must be >= 0, was " + wait);
            }
            this.waitForSessions = wait;
            return this;
        }

        /**
         * How many copies to keep. (default: 3)
         *
         * @param copies the number of copies kept on the server, the newest ones; at least 1
         * @return this builder
         */
        public Builder keep(int copies) {
            if (copies < 1) {
                throw new IllegalArgumentException("keep must be >= 1, was " + copies);
            }
            this.keep = copies;
            return this;
        }

        /**
         * How capture copies the database. (default: {@link CaptureMethod#ONLINE_COPY})
         *
         * @param captureMethod how capture copies the database; must not be null
         * @return this builder
         */
        public Builder captureMethod(CaptureMethod captureMethod) {
            this.method = Objects.requireNonNull(captureMethod, "captureMethod");
            return this;
        }

        /**
         * The backups.
         *
         * @return backups with these settings
         */
        public LocalDatabaseBackups build() {
            return new LocalDatabaseBackups(this);
        }
    }
}
