package io.zdcd.heroku;

import static org.assertj.core.api.BDDAssertions.then;

import io.zdcd.jdbc.JdbcDeploymentJournal;
import io.zdcd.jdbc.PostgresDatabase;
import io.zdcd.pipeline.DeploymentOutcome;
import io.zdcd.spi.DeploymentRecord;
import io.zdcd.spi.StepKind;
import io.zdcd.testing.PostgresExtension;
import io.zdcd.testing.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real {@code kill -9}: the nightly runs in a JVM of its own ({@link KillNineChild}) against the embedded
 * PostgreSQL and the fake Heroku (on the wall clock, builds and transfers taking a second or two); the test watches
 * the journal and kills the process with SIGKILL as soon as a chosen step is journaled: the backup transfer running,
 * a long statement under ACCESS EXCLUSIVE, the build running, the nightly's own restore transfer running. Then
 * {@code recover} runs in this JVM, and one story must hold: what recover reports = Heroku's final state (the code
 * that serves, maintenance, every transfer settled, the database's contents) = the journal; the orphaned statement's
 * session is ended; nothing is left locked.
 */
@ExtendWith(PostgresExtension.class)
class KillNineTest {
    private static final String DROP = "ALTER TABLE users DROP COLUMN legacy;\n";

    /** Where the process is killed: once the journal has an entry of {@code step} recording this operation. */
    record KillPoint(String name, String migration, boolean smokeFails, StepKind step, String operation,
                     String recoverSays) { }

    @Test
    void a_nightly_killed_with_sigkill_at_each_chosen_step_is_recovered_to_one_consistent_story(TestDatabase db,
            @TempDir Path dir) throws Exception {
        List<KillPoint> points = List.of(
                new KillPoint("backup transfer running", DROP, false, StepKind.BACKUP, "transfer",
                        "transfer b001 settled: completed"),
                new KillPoint("long statement under ACCESS EXCLUSIVE", DROP + "SELECT pg_sleep(120);\n", false,
                        StepKind.MIGRATE, "backend", "ended the orphaned session"),
                new KillPoint("build running", DROP, false, StepKind.RELEASE, "build",
                        "settled: Release[v4 build 4f9e2d1] went live"),
                new KillPoint("restore transfer running", DROP, true, StepKind.RESTORE, "transfer",
                        "settled: completed, the database is restored from b001"));
        List<String> table = new ArrayList<>();
        for (KillPoint point : points) {
            table.add(killAndRecover(db, dir.resolve(table.size() + ""), point));
        }
        System.out.println(String.join("\n", table));
    }

    private String killAndRecover(TestDatabase db, Path migrations, KillPoint point) throws Exception {
        long t0 = System.nanoTime();
        Files.createDirectories(migrations);
        Files.writeString(migrations.resolve("V1__drop_legacy.sql"), point.migration());
        PostgresDatabase control = PostgresDatabase.fromUrl(db.jdbcUrlWithCredentials());
        JdbcDeploymentJournal journal = JdbcDeploymentJournal.of(control);
        try (Connection c = control.connect(); Statement s = c.createStatement()) {
            s.execute("DROP SCHEMA IF EXISTS zdcd CASCADE");
        }
        try (MockWebServer server = new MockWebServer()) {
            server.start();
            String url = server.url("/").toString();
            FakeHeroku heroku = new FakeHeroku(url);
            server.setDispatcher(heroku);
            heroku.buildTime = Duration.ofMillis(1000);
            heroku.releaseTime = Duration.ofMillis(300);
            heroku.transferTime = Duration.ofMillis(2500); // long enough that a loaded machine still kills mid-transfer
            heroku.bootTime = Duration.ofMillis(200);
            heroku.runTime = Duration.ofMillis(300);
            heroku.command("bin/smoke", 1, "smoke test failed");
            FakeHeroku.App app = heroku.addApp("acme", 3);
            app.database = HerokuCrashTest.appDatabase(db);
            String appDb = app.database.name();

            // WHEN the nightly's process is killed with SIGKILL once the step is journaled
            Path log = migrations.resolve("child.log");
            ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx256m", "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
                    KillNineChild.class.getName(), migrations.toString(), point.smokeFails() ? "smoke-fails" : "healthy")
                    .redirectErrorStream(true).redirectOutput(log.toFile());
            pb.environment().put("ZDCD_TEST_HEROKU_URL", url);
            pb.environment().put("ZDCD_TEST_JDBC_URL", db.jdbcUrlWithCredentials());
            pb.environment().put("ZDCD_TEST_APP_DB", appDb);
            Process child = pb.start();
            long started = System.nanoTime();
            try {
                awaitJournaled(control, child, log, point);
                if ("backend".equals(point.operation())) {
                    awaitSleeping(control, appDb, child, log);
                }
            } finally {
                child.destroyForcibly();
                then(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
            }
            then(child.exitValue()).as("killed by SIGKILL").isEqualTo(137);
            long killed = System.nanoTime();
            List<String> running = app.transfers.stream().filter(t -> !t.finished).map(HerokuCrashTest::name).toList();
            int orphans = sleeping(control, appDb);
            if ("backend".equals(point.operation())) {
                then(orphans).as("the killed process's statement runs on in its server session").isEqualTo(1);
            }

            // THEN recover, in this JVM
            DeploymentOutcome recovered = KillNineChild.pipeline(url, db.jdbcUrlWithCredentials(), appDb, migrations,
                    false).recover();
            settle(url, app);
            String as = point.name() + ": " + recovered.describe();
            then(recovered.status()).as(as).isEqualTo(DeploymentOutcome.Status.ROLLED_BACK);
            then(recovered.describe()).as(as).contains(point.recoverSays());
            then(journal.unfinished("acme")).as(as).isEmpty();
            DeploymentRecord last = journal.recent("acme", 1).get(0);
            then(last.summary()).as(as).startsWith("rolled back: ");
            then(last.entries()).as(as + ": the journal has the step the process was killed at")
                    .anyMatch(e -> e.step() == point.step() && point.operation().equals(e.attribute("operation")));
            then(app.transfers).as(as + ": every transfer settled").allMatch(t -> t.finished);
            then(HerokuCrashTest.restores(app)).as(as + ": every restore Heroku ran is in the journal")
                    .allMatch(r -> last.entries().stream().anyMatch(e -> r.equals(e.attribute("operationId"))));
            then(app.restoredFrom).as(as + ": restored exactly once when the migration may have run")
                    .hasSize(point.step() == StepKind.BACKUP ? 0 : 1);
            then(HerokuCrashTest.columns(app.database)).as(as + ": the database as before the nightly")
                    .isEqualTo("id,legacy 3 rows");
            then(app.current().slugId).as(as).isEqualTo("slug-v3");
            then(app.maintenance).as(as).isFalse();
            then(sleeping(control, appDb)).as(as + ": no orphaned statement left").isZero();
            then(count(control, "SELECT count(*) FROM zdcd.deploy_locks WHERE app = 'acme'")).as(as).isZero();
            return String.format("%.1f s (child %.1f s, recover %.1f s) ", (System.nanoTime() - t0) / 1e9,
                    (killed - started) / 1e9, (System.nanoTime() - killed) / 1e9)
                    + "kill -9 at " + point.name() + " (transfers running " + running + ", orphaned sessions " + orphans
                    + ") -> recover " + recovered.status() + "; serving " + app.current().slugId + ", maintenance "
                    + (app.maintenance ? "on" : "off") + ", restores " + HerokuCrashTest.restores(app) + ", users "
                    + HerokuCrashTest.columns(app.database) + ", journal '" + last.summary() + "'";
        }
    }

    /** Polls the journal until the kill point's operation is recorded. */
    private static void awaitJournaled(PostgresDatabase control, Process child, Path log, KillPoint point)
            throws Exception {
        String sql = "SELECT count(*) FROM zdcd.journal_entries WHERE step = '" + point.step().name()
                + "' AND attributes LIKE '%operation=" + point.operation() + "%'";
        awaitTrue(child, log, point.name(), () -> count(control, sql) > 0);
    }

    /** Waits until the migration's long statement runs in the server. */
    private static void awaitSleeping(PostgresDatabase control, String appDb, Process child, Path log)
            throws Exception {
        awaitTrue(child, log, "pg_sleep running", () -> sleeping(control, appDb) == 1);
    }

    interface Check {
        boolean ok() throws Exception;
    }

    private static void awaitTrue(Process child, Path log, String what, Check check) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (true) {
            try {
                if (check.ok()) {
                    return;
                }
            } catch (SQLException e) {
                // the journal's tables are not created yet
            }
            then(child.isAlive()).as("the child ended before " + what + ":\n" + Files.readString(log)).isTrue();
            then(System.nanoTime()).as("waited too long for " + what + ":\n" + Files.readString(log))
                    .isLessThan(deadline);
            Thread.sleep(20);
        }
    }

    private static int sleeping(PostgresDatabase control, String appDb) throws SQLException {
        return count(control, "SELECT count(*) FROM pg_stat_activity WHERE datname = '" + appDb
                + "' AND state = 'active' AND query LIKE '%pg_sleep(120)%' AND pid <> pg_backend_pid()");
    }

    private static int count(PostgresDatabase db, String sql) throws SQLException {
        try (Connection c = db.connect(); PreparedStatement p = c.prepareStatement(sql); ResultSet rs = p.executeQuery()) {
            rs.next();
            return rs.getInt(1);
        }
    }

    /** Heroku goes on: every build and release runs to its end. */
    private static void settle(String url, FakeHeroku.App app) {
        HerokuClient client = HerokuClient.builder().apiKey(FakeHeroku.TOKEN).apiUrl(url).dataApiUrl(url).build();
        WaitPolicy w = WaitPolicy.of(Duration.ofMillis(100), Duration.ofMinutes(1));
        for (FakeHeroku.Build b : List.copyOf(app.builds)) {
            client.builds().waitFor("acme", b.id, w);
        }
        for (FakeHeroku.Release r : List.copyOf(app.releases)) {
            client.releases().waitFor("acme", r.id, w);
        }
    }
}
