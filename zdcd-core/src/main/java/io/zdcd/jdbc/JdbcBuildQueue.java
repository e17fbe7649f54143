package io.zdcd.jdbc;

import io.zdcd.spi.Build;
import io.zdcd.spi.DeployLock;
import io.zdcd.spi.BuildQueue;
import io.zdcd.spi.PlatformException;
import io.zdcd.spi.QueuedBuild;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The nightly queue in PostgreSQL: table {@code zdcd.build_queue}, created on the first enqueue (an existing table
 * gains the {@code source_url} column); reading a database without it finds an empty queue and creates nothing. It keeps the whole build: version, source URL, description, creation time, and when and
 * why it was queued. The source URL may carry a signed token: it is stored, handed to the platform, and never printed.
 *
 * <p>Keep it next to the {@link JdbcDeploymentJournal}, best in a control database that backups do not restore; when
 * it lives in the restored database, the pipeline writes back after a restore the queue as it was before it.
 */
public final class JdbcBuildQueue implements BuildQueue {
    private static final String TABLE = "zdcd.build_queue";
    private final PostgresDatabase db;
    private final ControlTables tables;
    /** The lock every change is fenced by (see {@link #fencedBy}), or null. */
    private final DeployLock fence;

    private JdbcBuildQueue(PostgresDatabase db, ControlTables tables, DeployLock fence) {
        this.db = Objects.requireNonNull(db, "db");
        this.tables = tables;
        this.fence = fence;
    }

    /**
     * A queue in table {@code zdcd.build_queue} of this database (see the class comment).
     *
     * @param db the database holding the queue table; must not be null
     * @return the queue; the table is created when first used
     */
    public static JdbcBuildQueue of(PostgresDatabase db) {
        return new JdbcBuildQueue(db, new ControlTables(db), null);
    }

    /**
     * This queue with every change fenced by {@code lock}: refused with {@link io.zdcd.spi.DeployLockLostException}
     * once another process took the lock over, checked in the change's own transaction when the lock lives in this
     * queue's database ({@link JdbcDeploymentJournal#fencedBy}), else with {@link DeployLock#ensureHeld()} first.
     */
    @Override
    public JdbcBuildQueue fencedBy(DeployLock lock) {
        return new JdbcBuildQueue(db, tables, Objects.requireNonNull(lock, "lock"));
    }

    private Connection connect() {
        return tables.connect();
    }

    @Override
    public void enqueue(String app, Build build, String reason, Instant at) {
        try (Connection c = connect(); Fenced f = Fenced.begin(c, fence, db.jdbcUrl(), "queue a build");
             PreparedStatement p = c.prepareStatement("INSERT INTO zdcd.build_queue "
                + "(app, version, description, created_at, queued_at, reason, source_url) VALUES (?, ?, ?, ?, ?, ?, ?) "
                + "ON CONFLICT (app, version) DO NOTHING")) {
            p.setString(1, app);
            p.setString(2, build.version());
            p.setString(3, build.description());
            p.setTimestamp(4, Timestamp.from(build.createdAt()));
            p.setTimestamp(5, Timestamp.from(at));
            p.setString(6, reason);
            p.setString(7, build.sourceUrl().orElse(null));
            p.executeUpdate();
            f.commit();
        } catch (SQLException e) {
            throw new PlatformException("queue " + build + " for " + app, e.getMessage(), e);
        }
    }

    @Override
    public List<QueuedBuild> queued(String app) {
        List<QueuedBuild> out = new ArrayList<>();
        Optional<Connection> present = tables.connectIfPresent(TABLE);
        if (present.isEmpty()) {
            return out; // nothing was ever queued here
        }
        try (Connection c = present.get(); PreparedStatement p = c.prepareStatement("SELECT version, description, "
                + "created_at, queued_at, reason, source_url FROM zdcd.build_queue WHERE app = ? ORDER BY seq")) {
            p.setString(1, app);
            try (ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                    Build build = new Build(rs.getString(1), Optional.ofNullable(rs.getString(6)), rs.getString(2),
                            rs.getTimestamp(3).toInstant());
                    out.add(new QueuedBuild(build, rs.getTimestamp(4).toInstant(), rs.getString(5)));
                }
            }
        } catch (SQLException e) {
            throw new PlatformException("read the nightly queue of " + app, e.getMessage(), e);
        }
        return out;
    }

    @Override
    public void dequeue(String app, Build deployed) {
        try (Connection c = connect(); Fenced f = Fenced.begin(c, fence, db.jdbcUrl(), "dequeue a build");
             PreparedStatement p = c.prepareStatement("DELETE FROM zdcd.build_queue "
                + "WHERE app = ? AND seq <= (SELECT max(seq) FROM zdcd.build_queue WHERE app = ? AND version = ?)")) {
            p.setString(1, app);
            p.setString(2, app);
            p.setString(3, deployed.version());
            p.executeUpdate();
            f.commit();
        } catch (SQLException e) {
            throw new PlatformException("dequeue " + deployed + " for " + app, e.getMessage(), e);
        }
    }

    @Override
    public boolean drop(String app, String version) {
        Optional<Connection> present = tables.connectIfPresent(TABLE);
        if (present.isEmpty()) {
            return false;
        }
        try (Connection c = present.get(); Fenced f = Fenced.begin(c, fence, db.jdbcUrl(), "drop a queued build");
             PreparedStatement p = c.prepareStatement("DELETE FROM zdcd.build_queue WHERE app = ? AND version = ?")) {
            p.setString(1, app);
            p.setString(2, version);
            boolean dropped = p.executeUpdate() > 0;
            f.commit();
            return dropped;
        } catch (SQLException e) {
            throw new PlatformException("drop " + version + " from the nightly queue of " + app, e.getMessage(), e);
        }
    }

    @Override
    public String toString() {
        return "JdbcBuildQueue[" + db + "]";
    }
}
