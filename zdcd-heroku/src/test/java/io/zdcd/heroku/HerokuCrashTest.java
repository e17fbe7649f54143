package io.zdcd.heroku;

import static org.assertj.core.api.BDDAssertions.catchThrowable;
import static org.assertj.core.api.BDDAssertions.then;

import io.zdcd.analyzer.SqlMigrationClassifier;
import io.zdcd.jdbc.JdbcDeploymentJournal;
import io.zdcd.jdbc.JdbcMigrationRunner;
import io.zdcd.jdbc.SqlMigrationSource;
import io.zdcd.jdbc.PostgresDatabase;
import io.zdcd.pipeline.DeploymentOutcome;
import io.zdcd.pipeline.DeploymentPipeline;
import io.zdcd.spi.Build;
import io.zdcd.spi.DeploymentRecord;
import io.zdcd.spi.Health;
import io.zdcd.spi.JournalEntry;
import io.zdcd.spi.StepKind;
import io.zdcd.testing.PostgresExtension;
import io.zdcd.testing.TestDatabase;
import java.sql.Connection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A crash at every poll of every long Heroku operation of a deployment (the backup transfer, the build, the release
 * found and its release phase, the dynos; and, when verify fails, the rollback's release phase), then
 * {@code recover} from a new pipeline over the same journal (PostgreSQL). Heroku goes on without the dead process:
 * afterwards every build and release is let run to its end, and the app must serve what the journal says.
 */
@ExtendWith(PostgresExtension.class)
class HerokuCrashTest {
    private static final Build BUILD = Build.of("4f9e2d1c0b", "add email")
            .withSourceUrl("https://builds.example.com/acme.tar.gz");

    /** The process dies. */
    static final class Crash extends Error {
        private static final long serialVersionUID = 1L;

        Crash() {
            super("killed");
        }
    }

    @Test
    void a_crash_at_any_poll_then_recover_leaves_heroku_serving_what_the_journal_says(TestDatabase db) throws Exception {
        crashEverywhere(db, true);
    }

    @Test
    void a_crash_while_recovery_polls_the_rollback_then_recover_leaves_heroku_serving_what_the_journal_says(
            TestDatabase db) throws Exception {
        crashEverywhere(db, false);
    }

    private void crashEverywhere(TestDatabase db, boolean healthy) throws Exception {
        JdbcDeploymentJournal journal = freshJournal(db);
        List<String> table = new ArrayList<>();
        int crashes = 0;
        for (int n = 1; ; n++) {
            try (HerokuTestKit kit = new HerokuTestKit()) {
                FakeHeroku.App app = kit.heroku.addApp("acme", 3);
                HerokuPlatform dying = dyingAtPoll(kit, n);
                Throwable died = catchThrowable(() -> pipeline(dying, journal, healthy).build().deploy(BUILD));
                if (died == null) {
                    break; // fewer polls than n: every poll has been a crash point
                }
                then(died).isInstanceOf(Crash.class);
                crashes++;
                String lastPoll = lastPoll(kit);

                DeploymentOutcome recovered = pipeline(kit.platform(), journal, true).build().recover();
                settle(kit, app);

                DeploymentRecord last = journal.recent("acme", 1).get(0);
                then(journal.unfinished("acme")).as("crash %d: journal", n).isEmpty();
                then(recovered.status()).as("crash %d (%s): %s", n, lastPoll, recovered.describe())
                        .isEqualTo(DeploymentOutcome.Status.ROLLED_BACK);
                then(last.summary()).startsWith("rolled back: ");
                then(app.current().slugId).as("crash %d (%s): the code serving after every build settled", n,
                        lastPoll).isEqualTo("slug-v3");
                then(app.maintenance).isFalse();
                long awaited = last.entries().stream().filter(e -> e.step() == StepKind.AWAIT_OPERATION).count();
                table.add("crash " + n + " after " + lastPoll + " -> " + recovered.status() + ", serving "
                        + app.current().slugId + (awaited > 0 ? " (recover waited for the build/release)" : ""));
            }
        }
        System.out.println(String.join("\n", table));
        then(crashes).as("crash points").isGreaterThanOrEqualTo(healthy ? 5 : 7);
        then(table).anyMatch(l -> l.contains("recover waited"));
    }

    @Test
    void a_lock_lost_while_the_build_is_polled_fences_the_deploy_and_recover_waits_its_turn(TestDatabase db)
            throws Exception {
        // GIVEN a deploy whose lock session is terminated while it polls the Heroku build, and a recover run then
        PostgresDatabase pg = PostgresDatabase.fromUrl(db.jdbcUrlWithCredentials());
        JdbcDeploymentJournal journal = JdbcDeploymentJournal.of(pg).withLease(Duration.ofMillis(600));
        try (HerokuTestKit kit = new HerokuTestKit()) {
            FakeHeroku.App app = kit.heroku.addApp("acme", 3);
            DeploymentOutcome[] concurrent = new DeploymentOutcome[1];
            HerokuPlatform platform = platform(kit, d -> {
                if (concurrent[0] == null && kit.heroku.lines().stream().anyMatch(l -> l.startsWith("GET /apps/acme/builds/"))) {
                    terminateLockSession(pg);
                    concurrent[0] = pipeline(kit.platform(), journal, true).build().recover();
                }
                kit.clock.sleeper().sleep(d);
            });

            // WHEN
            DeploymentOutcome outcome = pipeline(platform, journal, true).build().deploy(BUILD);
            DeploymentOutcome recovered = pipeline(kit.platform(), journal, true).build().recover();
            settle(kit, app);

            // THEN recover refused while the deploy lived; the deploy finished polling (Heroku released v4) but
            // stopped before verifying and reported FAILED; the later recover rolled v4 back
            then(concurrent[0].status()).isEqualTo(DeploymentOutcome.Status.REFUSED);
            then(concurrent[0].toString()).contains("is live");
            then(outcome.status()).as(outcome.describe()).isEqualTo(DeploymentOutcome.Status.FAILED);
            then(outcome.toString()).contains("lost the deploy lock", "stopped before verify");
            then(recovered.status()).as(recovered.describe()).isEqualTo(DeploymentOutcome.Status.ROLLED_BACK);
            then(app.current().slugId).isEqualTo("slug-v3");
            then(app.current().description).isEqualTo("Rollback to v3");
            then(journal.unfinished("acme")).isEmpty();
            then(journal.recent("acme", 1).get(0).summary()).startsWith("rolled back: ");
        }
    }

    @Test
    void a_crash_at_any_poll_of_an_unsafe_nightly_whose_restore_is_a_heroku_transfer_then_recover_tells_one_story(
            TestDatabase db, @TempDir Path dir) throws Exception {
        // GIVEN an UNSAFE nightly (maintenance on, a backup transfer, DROP COLUMN, build, release) whose verify
        // fails, so that it restores the backup through a Heroku restore transfer; the app's database is real (the
        // fake's restore replaces it whole) and the journal lives in another database
        Files.writeString(dir.resolve("V1__drop_legacy.sql"), "ALTER TABLE users DROP COLUMN legacy;\n");
        JdbcDeploymentJournal journal = freshJournal(db);
        List<String> table = new ArrayList<>();
        int duringRestore = 0;
        for (int n = 1; ; n++) {
            try (HerokuTestKit kit = new HerokuTestKit()) {
                FakeHeroku.App app = kit.heroku.addApp("acme", 3);
                app.database = appDatabase(db);
                kit.heroku.command("bin/smoke", 1, "smoke test failed");
                HerokuPlatform dying = dyingAtPoll(kit, n);

                // WHEN the process dies at poll n, then recover runs (Heroku goes on meanwhile)
                Throwable died = catchThrowable(() -> nightly(dying, journal, app.database, dir, false).build()
                        .nightly(BUILD));
                if (died == null) {
                    break; // fewer polls than n: every poll has been a crash point
                }
                then(died).isInstanceOf(Crash.class);
                String lastPoll = lastPoll(kit);
                List<String> running = app.transfers.stream().filter(t -> !t.finished).map(HerokuCrashTest::name)
                        .toList();
                List<String> restoresBefore = restores(app);
                DeploymentOutcome recovered = nightly(kit.platform(), journal, app.database, dir, true).build()
                        .recover();
                settle(kit, app);

                // THEN what recover reports = Heroku's final state = the journal
                String as = "crash " + n + " (" + lastPoll + ", running " + running + "): " + recovered.describe();
                DeploymentRecord last = journal.recent("acme", 1).get(0);
                List<JournalEntry> entries = last.entries();
                then(journal.unfinished("acme")).as(as).isEmpty();
                then(recovered.status()).as(as).isEqualTo(DeploymentOutcome.Status.ROLLED_BACK);
                then(app.transfers).as(as + ": nothing runs on the database after recover")
                        .allMatch(t -> t.finished);
                for (String t : running) {
                    then(entries).as(as + ": recover waited for " + t).anyMatch(e -> e.step() == StepKind.AWAIT_OPERATION
                            && e.phase() == JournalEntry.Phase.SUCCEEDED && e.subject().equals("transfer " + t));
                    then(recovered.describe()).as(as).contains("transfer " + t + " settled");
                }
                then(restores(app)).as(as + ": every restore Heroku ran is in the journal")
                        .allMatch(r -> entries.stream().anyMatch(e -> e.step() == StepKind.RESTORE
                                && r.equals(e.attribute("operationId"))));
                boolean migrated = entries.stream().anyMatch(e -> e.step() == StepKind.MIGRATE);
                then(app.restoredFrom).as(as + ": restored once when the migration ran, else never")
                        .hasSize(migrated ? 1 : 0);
                then(entries.stream().anyMatch(e -> e.step() == StepKind.RESTORE
                        && e.phase() == JournalEntry.Phase.SUCCEEDED)).as(as).isEqualTo(migrated);
                then(columns(app.database)).as(as + ": the database as before the nightly")
                        .isEqualTo("id,legacy 3 rows");
                then(app.current().slugId).as(as).isEqualTo("slug-v3");
                then(app.maintenance).as(as).isFalse();
                if (restoresBefore.stream().anyMatch(running::contains)) {
                    duringRestore++;
                    then(restores(app)).as(as + ": the restore running at the crash was not repeated")
                            .isEqualTo(restoresBefore);
                }
                table.add("crash " + n + " after " + lastPoll + (running.isEmpty() ? "" : " (transfer " + running
                        + " running)") + " -> " + recovered.status() + ", serving " + app.current().slugId
                        + ", restores " + restores(app));
            }
        }
        System.out.println(String.join("\n", table));
        then(table).as("crash points").hasSizeGreaterThanOrEqualTo(8);
        then(duringRestore).as("crashes while a restore transfer ran").isGreaterThanOrEqualTo(1);
        then(table).as("crashes while the backup transfer ran").anyMatch(l -> l.contains("[b001]"));
    }

    @Test
    void a_restore_transfer_that_fails_after_the_crash_is_awaited_then_restored_again(TestDatabase db,
            @TempDir Path dir) throws Exception {
        // GIVEN the nightly's restore transfer will fail, and the process dies at its first poll
        Files.writeString(dir.resolve("V1__drop_legacy.sql"), "ALTER TABLE users DROP COLUMN legacy;\n");
        JdbcDeploymentJournal journal = freshJournal(db);
        try (HerokuTestKit kit = new HerokuTestKit()) {
            FakeHeroku.App app = kit.heroku.addApp("acme", 3);
            app.database = appDatabase(db);
            kit.heroku.command("bin/smoke", 1, "smoke test failed");
            kit.heroku.nextRestoreFails = true;
            HerokuPlatform dying = platform(kit, d -> {
                if (!restores(app).isEmpty()) {
                    throw new Crash();
                }
                kit.clock.sleeper().sleep(d);
            });
            Object[] ran = new Object[1];
            then(catchThrowable(() -> ran[0] = nightly(dying, journal, app.database, dir, false).build()
                    .nightly(BUILD))).as("%s", ran[0]).isInstanceOf(Crash.class);
            then(restores(app)).containsExactly("r002");

            // WHEN
            DeploymentOutcome recovered = nightly(kit.platform(), journal, app.database, dir, true).build().recover();
            settle(kit, app);

            // THEN recover waited for r002, saw it fail, restored b001 again (r003); one story everywhere
            then(recovered.status()).as(recovered.describe()).isEqualTo(DeploymentOutcome.Status.ROLLED_BACK);
            then(recovered.describe()).contains("transfer r002 settled: did not complete");
            then(restores(app)).containsExactly("r002", "r003");
            then(app.transfers.get(1).succeeded).isFalse();
            then(app.restoredFrom).containsExactly(app.transfers.get(0).toUrl);
            then(columns(app.database)).isEqualTo("id,legacy 3 rows");
            then(journal.recent("acme", 1).get(0).entries()).filteredOn(e -> e.step() == StepKind.RESTORE
                    && !e.attribute("operationId").isEmpty()).extracting(e -> e.attribute("operationId"))
                    .containsExactly("r002", "r003");
            then(app.current().slugId).isEqualTo("slug-v3");
            then(app.maintenance).isFalse();
        }
    }

    /** A platform whose process dies at its {@code n}th poll. */
    private static HerokuPlatform dyingAtPoll(HerokuTestKit kit, int n) {
        AtomicInteger sleeps = new AtomicInteger();
        return platform(kit, d -> {
            if (sleeps.incrementAndGet() == n) {
                throw new Crash();
            }
            kit.clock.sleeper().sleep(d);
        });
    }

    /** An empty journal (short lease) in the test database. */
    private static JdbcDeploymentJournal freshJournal(TestDatabase db) throws java.sql.SQLException {
        PostgresDatabase pg = PostgresDatabase.fromUrl(db.jdbcUrlWithCredentials());
        try (Connection c = pg.connect(); Statement s = c.createStatement()) {
            s.execute("DROP SCHEMA IF EXISTS zdcd CASCADE");
        }
        return JdbcDeploymentJournal.of(pg).withLease(Duration.ofMillis(600));
    }

    /** A fresh app database: users(id, legacy) with 3 rows. */
    static PostgresDatabase appDatabase(TestDatabase db) throws java.sql.SQLException {
        String name = db.name() + "_crashapp";
        db.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)", "CREATE DATABASE " + name);
        PostgresDatabase pg = PostgresDatabase.fromUrl(db.jdbcUrlWithCredentials()).withName(name);
        try (Connection c = pg.connect(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE users (id bigint PRIMARY KEY, legacy text)");
            s.execute("INSERT INTO users VALUES (1, 'a'), (2, 'b'), (3, 'c')");
        }
        return pg;
    }

    static String columns(PostgresDatabase pg) throws java.sql.SQLException {
        try (Connection c = pg.connect(); Statement s = c.createStatement();
             java.sql.ResultSet rs = s.executeQuery("SELECT (SELECT string_agg(column_name, ',' ORDER BY "
                     + "ordinal_position) FROM information_schema.columns WHERE table_name = 'users') || ' ' || "
                     + "(SELECT count(*) FROM users) || ' rows'")) {
            rs.next();
            return rs.getString(1);
        }
    }

    static String name(FakeHeroku.Transfer t) {
        return String.format("%c%03d", "pg_restore".equals(t.toType) ? 'r' : 'b', t.num);
    }

    static List<String> restores(FakeHeroku.App app) {
        return app.transfers.stream().filter(t -> "pg_restore".equals(t.toType)).map(HerokuCrashTest::name).toList();
    }

    private static DeploymentPipeline.Builder nightly(HerokuPlatform platform, JdbcDeploymentJournal journal,
                                                      PostgresDatabase appDb, Path dir, boolean healthy) {
        DeploymentPipeline.Builder b = DeploymentPipeline.builder().app("acme").platform(platform).journal(journal)
                .migrations(SqlMigrationSource.of(appDb, dir), JdbcMigrationRunner.of(appDb))
                .classifier(SqlMigrationClassifier.defaults())
                .backups(platform.backups())
                .healthCheck((a, r) -> Health.healthy("200"));
        // unhealthy: the smoke command fails inside the maintenance window, so the restore loses no write
        return healthy ? b : b.smokeCommand("bin/smoke");
    }

    private static void terminateLockSession(PostgresDatabase pg) {
        try (Connection c = pg.connect(); Statement s = c.createStatement();
             java.sql.ResultSet rs = s.executeQuery("SELECT pg_terminate_backend(backend_pid) FROM zdcd.deploy_locks "
                     + "WHERE app = 'acme'")) {
            then(rs.next() && rs.getBoolean(1)).as("lock session terminated").isTrue();
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static HerokuPlatform platform(HerokuTestKit kit, Sleeper sleeper) {
        WaitPolicy w = WaitPolicy.of(Duration.ofSeconds(5), Duration.ofMinutes(10));
        return HerokuPlatform.builder().client(kit.clientBuilder().sleeper(sleeper).build())
                .buildWait(w).releaseWait(w).dynoWait(w).transferWait(w).build();
    }

    private static DeploymentPipeline.Builder pipeline(HerokuPlatform platform, JdbcDeploymentJournal journal,
                                                       boolean healthy) {
        return DeploymentPipeline.builder().app("acme").platform(platform).journal(journal)
                .migrations(HerokuPipelineTest.pending("0042_add_email", "ALTER TABLE users ADD COLUMN email text;"),
                        HerokuPipelineTest.recorder(new ArrayList<>()))
                .classifier(SqlMigrationClassifier.defaults())
                .backups(platform.backups())
                .healthCheck((a, r) -> healthy ? Health.healthy("200") : Health.unhealthy("GET /healthz: 500"))
                .verifyTimeout(Duration.ofMillis(50)).verifyInterval(Duration.ofMillis(10));
    }

    /** Heroku goes on: every build and release runs to its end, as it would with nobody polling it. */
    private static void settle(HerokuTestKit kit, FakeHeroku.App app) {
        HerokuClient client = kit.client();
        WaitPolicy w = WaitPolicy.of(Duration.ofSeconds(5), Duration.ofMinutes(10));
        for (FakeHeroku.Build b : List.copyOf(app.builds)) {
            client.builds().waitFor("acme", b.id, w);
        }
        for (FakeHeroku.Release r : List.copyOf(app.releases)) {
            client.releases().waitFor("acme", r.id, w);
        }
        then(app.builds).allMatch(b -> !"pending".equals(b.status));
        then(app.releases).allMatch(r -> !"pending".equals(r.status));
    }

    private static String lastPoll(HerokuTestKit kit) {
        List<String> lines = kit.heroku.lines();
        String last = lines.isEmpty() ? "nothing" : lines.get(lines.size() - 1);
        return last.replaceAll("[0-9a-f]{8}-[0-9a-f-]{27}", "{id}");
    }
}
