package io.zdcd.pipeline;

import io.zdcd.jdbc.JdbcBuildQueue;
import io.zdcd.jdbc.JdbcDeploymentJournal;
import io.zdcd.jdbc.JdbcMigrationRunner;
import io.zdcd.jdbc.LocalDatabaseBackups;
import io.zdcd.jdbc.LockPolicy;
import io.zdcd.jdbc.PostgresDatabase;
import io.zdcd.jdbc.SqlMigrationSource;
import io.zdcd.spi.Health;
import io.zdcd.testing.TestDatabase;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * One app on a real PostgreSQL: the app's database (table {@code orders} with 100 rows), a control database for the
 * journal and the queue, a folder of SQL migrations, a {@link FakePlatform} and simulated traffic.
 */
final class Harness {
    final String app;
    final PostgresDatabase target;
    final PostgresDatabase control;
    final Path migrations;
    final FakePlatform platform = new FakePlatform("b0");
    final List<DeploymentEvent> events = new CopyOnWriteArrayList<>();
    volatile boolean healthy = true;
    final TestDatabase db;

    Harness(TestDatabase db, String app, Path migrations) {
        this.db = db;
        this.app = app;
        this.migrations = migrations;
        this.target = PostgresDatabase.of(db.host(), db.port(), db.name(), db.user(), db.password());
        this.control = target.withName(db.name() + "_ctl");
        createControlDatabase();
        sql("DROP SCHEMA IF EXISTS zdcd CASCADE", "DROP SCHEMA public CASCADE", "CREATE SCHEMA public",
                "CREATE TABLE orders (id bigserial PRIMARY KEY, note text NOT NULL, legacy text)",
                "INSERT INTO orders (note, legacy) SELECT 'before ' || g, 'x' FROM generate_series(1, 100) g");
    }

    private void createControlDatabase() {
        try (Connection c = target.withName("postgres").connect(); Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + control.name() + "'")) {
                if (rs.next()) {
                    return;
                }
            }
            s.execute("CREATE DATABASE " + control.name());
        } catch (SQLException e) {
            if (!"42P04".equals(e.getSQLState())) {
                throw new IllegalStateException(e);
            }
        }
    }

    DeploymentPipeline.Builder pipeline() {
        return DeploymentPipeline.builder()
                .app(app)
                .platform(platform)
                .migrations(SqlMigrationSource.of(target, migrations), runner())
                .classifier(new TestClassifier())
                .backups(LocalDatabaseBackups.builder(target).waitForSessions(Duration.ofSeconds(10)).keep(2).build())
                .journal(JdbcDeploymentJournal.of(control))
                .queue(JdbcBuildQueue.of(control))
                .healthCheck(this::http)
                .verifyTimeout(Duration.ofMillis(300))
                .verifyInterval(Duration.ofMillis(50))
                .holder("test@" + app)
                .addListener(events::add);
    }

    /**
     * The app's health check as Heroku's router answers it: 503 while maintenance mode is on, otherwise 200, or 500
     * when the test made the app unhealthy ({@link #healthy} false) or the build is broken.
     */
    Health http(String app, io.zdcd.spi.Release release) {
        Health answer = platform.http("/healthz");
        if (answer.healthy() && !healthy) {
            return Health.unhealthy("GET /healthz: 500");
        }
        return answer;
    }

    JdbcMigrationRunner runner() {
        return JdbcMigrationRunner.builder(target)
                .lockPolicy(LockPolicy.custom().firstLockTimeout(Duration.ofMillis(500))
                        .maxLockTimeout(Duration.ofMillis(500))
                        .initialBackoff(Duration.ofMillis(50)).maxBackoff(Duration.ofMillis(200))
                        .budget(Duration.ofSeconds(2)).build())
                .build();
    }

    void migration(String file, String sql) {
        try {
            Files.writeString(migrations.resolve(file), sql);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Traffic: one order written, unless the app is in maintenance (then the request is turned away). */
    boolean write(String note) {
        if (!platform.serving()) {
            return false;
        }
        sql("INSERT INTO orders (note) VALUES ('" + note + "')");
        return true;
    }

    void sql(String... statements) {
        try (Connection c = target.connect(); Statement s = c.createStatement()) {
            for (String each : statements) {
                s.execute(each);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    List<String> notes() {
        return strings("SELECT note FROM orders ORDER BY id");
    }

    List<String> columns(String table) {
        return strings("SELECT column_name FROM information_schema.columns WHERE table_schema = 'public' "
                + "AND table_name = '" + table + "' ORDER BY ordinal_position");
    }

    List<String> indexes() {
        return strings("SELECT indexrelid::regclass::text || CASE WHEN indisvalid THEN '' ELSE ' INVALID' END "
                + "FROM pg_index WHERE indrelid = 'orders'::regclass ORDER BY 1");
    }

    List<String> applied() {
        return strings("SELECT name FROM zdcd.applied_migrations ORDER BY applied_at, name");
    }

    List<String> strings(String query) {
        List<String> out = new ArrayList<>();
        try (Connection c = target.connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(query)) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
        return out;
    }

    /** The 100 notes written before any deployment. */
    static List<String> before() {
        List<String> out = new ArrayList<>();
        for (int i = 1; i <= 100; i++) {
            out.add("before " + i);
        }
        return out;
    }
}
