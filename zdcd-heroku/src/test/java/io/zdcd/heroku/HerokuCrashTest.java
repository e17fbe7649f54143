package io.zdcd.heroku;

import static org.assertj.core.api.BDDAssertions.catchThrowable;
import static org.assertj.core.api.BDDAssertions.then;

import io.zdcd.analyzer.SqlMigrationClassifier;
import io.zdcd.jdbc.JdbcDeploymentJournal;
import io.zdcd.jdbc.PostgresDatabase;
import io.zdcd.pipeline.DeploymentOutcome;
import io.zdcd.pipeline.DeploymentPipeline;
import io.zdcd.spi.Build;
import io.zdcd.spi.DeploymentRecord;
import io.zdcd.spi.Health;
import io.zdcd.spi.StepKind;
import io.zdcd.testing.PostgresExtension;
import io.zdcd.testing.TestDatabase;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

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
        PostgresDatabase pg = PostgresDatabase.fromUrl(db.jdbcUrlWithCredentials());
        try (Connection c = pg.connect(); Statement s = c.createStatement()) {
            s.execute("DROP SCHEMA IF EXISTS zdcd CASCADE");
        }
        JdbcDeploymentJournal journal = JdbcDeploymentJournal.of(pg).withLease(Duration.ofMillis(600));
        List<String> table = new ArrayList<>();
        int crashes = 0;
        for (int n = 1; ; n++) {
            try (HerokuTestKit kit = new HerokuTestKit()) {
                FakeHeroku.App app = kit.heroku.addApp("acme", 3);
                AtomicInteger sleeps = new AtomicInteger();
                int at = n;
                HerokuPlatform dying = platform(kit, d -> {
                    if (sleeps.incrementAndGet() == at) {
                        throw new Crash();
                    }
                    kit.clock.sleeper().sleep(d);
                });
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
        return HerokuPlatform.builder().client(kit.clientBuilder().sleeper(sleeper).build()).clock(kit.clock)
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
            client.waitForBuild("acme", b.id, w);
        }
        for (FakeHeroku.Release r : List.copyOf(app.releases)) {
            client.waitForRelease("acme", r.id, w);
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
