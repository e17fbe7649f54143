package io.zdcd.jdbc;

import io.zdcd.spi.Build;
import io.zdcd.spi.DeployLock;
import io.zdcd.spi.DeploymentJournal;
import io.zdcd.spi.DeploymentMode;
import io.zdcd.spi.DeploymentRecord;
import io.zdcd.spi.JournalEntry;
import io.zdcd.spi.PlatformException;
import io.zdcd.spi.StepKind;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The deployment journal in PostgreSQL: tables {@code zdcd.deployments} and {@code zdcd.journal_entries}, created on
 * the first lock or write (reading a database without them finds nothing and creates nothing); every entry is
 * committed before {@link #append} returns. The deploy lock is a session advisory lock held
 * on a dedicated connection (released by PostgreSQL if the process dies), with its holder, a fencing number and a
 * heartbeat in {@code zdcd.deploy_locks}: whoever is refused learns who holds it, a holder whose session was
 * terminated finds out at its next {@link DeployLock#ensureHeld()}, and nobody takes over from a holder whose process
 * still heartbeats (see {@link #withLease}).
 *
 * <p>Best kept in a control database that restores never touch (a database {@code zdcd} on the same server, or any
 * other; the CLI's {@code --control-database-url}). It may live in the app's own database: a restore there takes the
 * journal back to the time of the backup and cuts every connection to it, so the pipeline, right after its own
 * restore, writes back the entries the restore removed (and the queue as it was) and takes its deploy lock back on a
 * new session ({@link DeployLock#reclaimAfterOwnRestore()}). A restore made by hand, outside zdcd, rolls such a
 * journal back with nothing written back.
 */
public final class JdbcDeploymentJournal implements DeploymentJournal {
    private final PostgresDatabase db;
    private final ControlTables tables;

    private final Duration lease;
    /** The lock every write is fenced by (see {@link #fencedBy}), or null. */
    private final DeployLock fence;

    private JdbcDeploymentJournal(PostgresDatabase db, ControlTables tables, Duration lease, DeployLock fence) {
        this.db = Objects.requireNonNull(db, "db");
        this.tables = tables;
        this.lease = lease;
        this.fence = fence;
    }

    /**
     * A journal in {@code db} (tables created on the first lock or write).
     *
     * @param db the database holding the journal's tables (in schema {@code zdcd}); must not be null
     * @return a journal with the default 15 s lease
     */
    public static JdbcDeploymentJournal of(PostgresDatabase db) {
        return new JdbcDeploymentJournal(db, new ControlTables(db), Duration.ofSeconds(15), null);
    }

    /**
     * This journal with every write ({@link #begin}, {@link #append}, {@link #end}) fenced by {@code lock}, one of
     * this journal's locks: each write checks, in its own transaction, that the lock's fencing number is still the
     * app's current one, and is refused with {@link io.zdcd.spi.DeployLockLostException} once another process took
     * the lock over, so a superseded holder cannot add to the journal the new holder acts on. A lock that lives
     * elsewhere is checked with {@link DeployLock#ensureHeld()} before each write instead.
     */
    @Override
    public JdbcDeploymentJournal fencedBy(DeployLock lock) {
        return new JdbcDeploymentJournal(db, tables, lease, Objects.requireNonNull(lock, "lock"));
    }

    private Connection connect() {
        return tables.connect();
    }

    /**
     * This journal with another lease for its deploy locks: a holder renews its heartbeat every third of it, and a
     * holder whose lock session ended is taken for gone once it has not renewed for a whole lease. (default: 15 s)
     *
     * @param lease how long a lock holder may go without renewing its heartbeat before it is taken for gone; positive
     * @return a copy of this journal with that lease; this journal is unchanged
     */
    public JdbcDeploymentJournal withLease(Duration lease) {
        if (lease == null || lease.compareTo(Duration.ofMillis(300)) < 0) {
            throw new IllegalArgumentException("lease must be at least 300 ms, was " + lease);
        }
        return new JdbcDeploymentJournal(db, tables, lease, fence);
    }

    @Override
    public DeployLock lock(String app, String holder) {
        return LeasedLock.take(connect(), this::connect, app, holder, lease, db.jdbcUrl());
    }

    @Override
    public Optional<String> liveHolder(String app) {
        Optional<Connection> present = tables.connectIfPresent("zdcd.deploy_locks");
        if (present.isEmpty()) {
            return Optional.empty(); // no lock was ever taken here
        }
        try (Connection c = present.get()) {
            return LockRows.live(c, app).map(r -> r.holder() + " since " + r.since()
                    + r.heartbeat().map(h -> ", last heartbeat " + h).orElse(""));
        } catch (SQLException e) {
            throw new PlatformException("read the deploy lock of " + app, e.getMessage(), e);
        }
    }

    @Override
    public DeploymentRecord begin(String app, Build build, DeploymentMode mode, String holder, Instant at) {
        try (Connection c = connect(); Fenced f = Fenced.begin(c, fence, db.jdbcUrl(), "journal the start of a deployment");
             PreparedStatement p = c.prepareStatement("INSERT INTO zdcd.deployments "
                + "(app, build_version, build_description, build_created_at, mode, holder, started_at) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id")) {
            p.setString(1, app);
            p.setString(2, build.version());
            p.setString(3, build.description());
            p.setTimestamp(4, Timestamp.from(build.createdAt()));
            p.setString(5, mode.name());
            p.setString(6, holder);
            p.setTimestamp(7, Timestamp.from(at));
            long id;
            try (ResultSet rs = p.executeQuery()) {
                rs.next();
                id = rs.getLong(1);
            }
            f.commit();
            return new DeploymentRecord(String.valueOf(id), app, build, mode, holder, at, Optional.empty(), false, "",
                    List.of());
        } catch (SQLException e) {
            throw new PlatformException("journal the start of a deployment of " + app, e.getMessage(), e);
        }
    }

    @Override
    public void append(String deploymentId, JournalEntry entry) {
        try (Connection c = connect(); Fenced f = Fenced.begin(c, fence, db.jdbcUrl(), "journal " + entry.step() + " "
                + entry.phase()); PreparedStatement p = c.prepareStatement("INSERT INTO zdcd.journal_entries "
                + "(deployment_id, step, phase, at, subject, attributes) VALUES (?, ?, ?, ?, ?, ?)")) {
            p.setLong(1, Long.parseLong(deploymentId));
            p.setString(2, entry.step().name());
            p.setString(3, entry.phase().name());
            p.setTimestamp(4, Timestamp.from(entry.at()));
            p.setString(5, entry.subject());
            p.setString(6, encode(entry.attributes()));
            p.executeUpdate();
            f.commit();
        } catch (SQLException e) {
            throw new PlatformException("journal " + entry, e.getMessage(), e);
        }
    }

    @Override
    public void end(String deploymentId, boolean succeeded, String summary, Instant at) {
        try (Connection c = connect(); Fenced f = Fenced.begin(c, fence, db.jdbcUrl(), "journal the end of a deployment");
             PreparedStatement p = c.prepareStatement(
                "UPDATE zdcd.deployments SET ended_at = ?, succeeded = ?, summary = ? WHERE id = ?")) {
            p.setTimestamp(1, Timestamp.from(at));
            p.setBoolean(2, succeeded);
            p.setString(3, summary);
            p.setLong(4, Long.parseLong(deploymentId));
            p.executeUpdate();
            f.commit();
        } catch (SQLException e) {
            throw new PlatformException("journal the end of deployment #" + deploymentId, e.getMessage(), e);
        }
    }

    @Override
    public Optional<DeploymentRecord> unfinished(String app) {
        return query(app, "ended_at IS NULL", 1).stream().findFirst();
    }

    @Override
    public Optional<DeploymentRecord> lastSucceeded(String app) {
        return query(app, "succeeded", 1).stream().findFirst();
    }

    @Override
    public List<DeploymentRecord> recent(String app, int limit) {
        return query(app, "true", limit);
    }

    private List<DeploymentRecord> query(String app, String condition, int limit) {
        List<DeploymentRecord> out = new ArrayList<>();
        Optional<Connection> present = tables.connectIfPresent("zdcd.deployments");
        if (present.isEmpty()) {
            return out; // no deployment was ever journaled here
        }
        try (Connection c = present.get(); PreparedStatement p = c.prepareStatement("SELECT id, build_version, "
                + "build_description, build_created_at, mode, holder, started_at, ended_at, succeeded, summary "
                + "FROM zdcd.deployments WHERE app = ? AND " + condition + " ORDER BY id DESC LIMIT ?")) {
            p.setString(1, app);
            p.setInt(2, limit);
            try (ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                    long id = rs.getLong(1);
                    Build build = new Build(rs.getString(2), Optional.empty(), rs.getString(3),
                            rs.getTimestamp(4).toInstant());
                    Timestamp ended = rs.getTimestamp(8);
                    out.add(new DeploymentRecord(String.valueOf(id), app, build, DeploymentMode.valueOf(rs.getString(5)),
                            rs.getString(6), rs.getTimestamp(7).toInstant(),
                            Optional.ofNullable(ended).map(Timestamp::toInstant), rs.getBoolean(9), rs.getString(10),
                            entries(c, id)));
                }
            }
        } catch (SQLException e) {
            throw new PlatformException("read the journal of " + app, e.getMessage(), e);
        }
        return out;
    }

    private static List<JournalEntry> entries(Connection c, long id) throws SQLException {
        List<JournalEntry> out = new ArrayList<>();
        try (PreparedStatement p = c.prepareStatement("SELECT step, phase, at, subject, attributes "
                + "FROM zdcd.journal_entries WHERE deployment_id = ? ORDER BY seq")) {
            p.setLong(1, id);
            try (ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                    out.add(new JournalEntry(StepKind.valueOf(rs.getString(1)),
                            JournalEntry.Phase.valueOf(rs.getString(2)), rs.getTimestamp(3).toInstant(),
                            rs.getString(4), decode(rs.getString(5))));
                }
            }
        }
        return out;
    }

    static String encode(Map<String, String> attributes) {
        StringBuilder sb = new StringBuilder();
        for (Map.Entry<String, String> e : new TreeMap<>(attributes).entrySet()) {
            sb.append(sb.length() == 0 ? "" : "&").append(URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8))
                    .append('=').append(URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8));
        }
        return sb.toString();
    }

    static Map<String, String> decode(String text) {
        Map<String, String> out = new LinkedHashMap<>();
        if (text == null || text.isEmpty()) {
            return out;
        }
        for (String pair : text.split("&")) {
            String[] kv = pair.split("=", 2);
            out.put(URLDecoder.decode(kv[0], StandardCharsets.UTF_8),
                    kv.length > 1 ? URLDecoder.decode(kv[1], StandardCharsets.UTF_8) : "");
        }
        return out;
    }

    static void closeQuietly(Connection c) {
        try {
            c.close();
        } catch (SQLException ignored) {
            // nothing to do
        }
    }

    @Override
    public String toString() {
        return "JdbcDeploymentJournal[" + db + "]";
    }
}
