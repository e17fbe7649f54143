package io.zdcd.heroku;

import static org.assertj.core.api.BDDAssertions.then;

import io.zdcd.pipeline.DeploymentEvent;
import io.zdcd.pipeline.DeploymentOutcome;
import io.zdcd.pipeline.DeploymentPipeline;
import io.zdcd.spi.Build;
import io.zdcd.spi.BuildQueue;
import io.zdcd.spi.Health;
import io.zdcd.spi.HealthCheck;
import io.zdcd.spi.MigrationResult;
import io.zdcd.spi.MigrationRunner;
import io.zdcd.spi.MigrationSource;
import io.zdcd.spi.PendingMigration;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Whole deployments through {@link DeploymentPipeline} with {@link HerokuPlatform} against the fake Heroku API. */
class HerokuPipelineTest {
    private static final String SOURCE = "https://builds.example.com/acme-4f9e2d1.tar.gz?X-Amz-Signature=sig";
    private static final Build BUILD = Build.of("4f9e2d1c0b", "add email to users").withSourceUrl(SOURCE);

    private final HerokuTestKit kit = new HerokuTestKit();
    private final FakeHeroku heroku = kit.heroku;
    private final FakeHeroku.App app = heroku.addApp("acme", 3);
    private final HerokuPlatform platform = kit.platform();
    private final List<DeploymentEvent> events = new CopyOnWriteArrayList<>();

    @AfterEach
    void close() {
        kit.close();
    }

    private DeploymentPipeline.Builder pipeline() {
        return DeploymentPipeline.builder().app("acme").platform(platform).addListener(events::add)
                .verifyTimeout(Duration.ofMillis(200)).verifyInterval(Duration.ofMillis(10));
    }

    /** The requests of a successful release of a new build, after the current release was read. */
    private List<String> releaseRequests(FakeHeroku.Build b, FakeHeroku.Release r) {
        List<String> lines = new ArrayList<>(List.of(
                "GET /account/rate-limits",
                "GET /apps/acme/builds",
                "POST /apps/acme/builds"));
        for (int i = 0; i < polls(heroku.buildTime); i++) {
            lines.add("GET /apps/acme/builds/" + b.id);
        }
        lines.add("GET /apps/acme/builds/" + b.id);           // the release of the build
        lines.add("GET /apps/acme/releases/" + r.id);         // found (created when the build finished)
        for (int i = 0; i < polls(heroku.releaseTime); i++) {
            lines.add("GET /apps/acme/releases/" + r.id);     // then followed through its release phase
        }
        return lines;
    }

    /**
     * How many polls every 5 s (the kit's wait interval, on the test clock) see something that takes {@code d} of
     * the fake's time: one right away, one per interval, the last one finds it done.
     */
    private static int polls(Duration d) {
        return (int) (d.toSeconds() / 5) + 1;
    }

    /** The dyno polls after a release: the web dynos boot for {@code bootTime}, then are up. */
    private List<String> dynoPolls() {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < polls(heroku.bootTime); i++) {
            lines.add("GET /apps/acme/dynos");
        }
        return lines;
    }

    /** The verify step's own check that every web dyno is up on the new release (Platform#processesUp). */
    private static final String VERIFY_DYNOS = "GET /apps/acme/dynos";

    private static final List<String> READ_CURRENT = List.of("GET /apps/acme/releases", "GET /apps/acme/builds");

    @Test
    void a_safe_push_builds_on_heroku_waits_for_the_release_phase_and_the_dynos_and_is_deployed() {
        DeploymentOutcome outcome = pipeline().build().deploy(BUILD);

        then(outcome.status()).isEqualTo(DeploymentOutcome.Status.DEPLOYED);
        FakeHeroku.Build b = app.builds.get(0);
        FakeHeroku.Release r = app.releases.get(3);
        List<String> expected = new ArrayList<>(READ_CURRENT);
        expected.addAll(releaseRequests(b, r));
        expected.addAll(dynoPolls());
        expected.add(VERIFY_DYNOS);
        then(heroku.lines()).containsExactlyElementsOf(expected);
        then(heroku.calls().get(4).json().toString()).isEqualTo(
                "{\"source_blob\":{\"url\":\"" + SOURCE + "\",\"version\":\"4f9e2d1c0b\"}}");
        then(heroku.calls().get(4).headers().get("Content-Type")).isEqualTo("application/json; charset=utf-8");
        then(heroku.calls().get(0).headers().get("Range")).isEqualTo("version ..; max=50, order=desc");
        kit.assertApiHeaders();
        // the fake's final state: v4 built from the source is current, nothing else changed
        then(app.builds).singleElement().extracting(x -> x.status).isEqualTo("succeeded");
        then(app.current().version).isEqualTo(4);
        then(app.current().slugId).isEqualTo(b.slugId);
        then(app.maintenance).isFalse();
        then(app.transfers).isEmpty();
        then(((DeploymentOutcome.Deployed) outcome).release().version()).isEqualTo(4);
        then(((DeploymentOutcome.Deployed) outcome).release().buildVersion()).isEqualTo("4f9e2d1c0b");
        then(events).filteredOn(DeploymentEvent.StepProgress.class::isInstance).extracting(Object::toString)
                .anyMatch(s -> s.contains("release v4 succeeded"));
    }

    @Test
    void a_push_with_an_unsafe_migration_is_deferred_and_heroku_is_not_touched() {
        List<String> applied = new ArrayList<>();
        DeploymentOutcome outcome = pipeline()
                .migrations(pending("0042_drop_column", "ALTER TABLE users DROP COLUMN legacy;"), recorder(applied))
                .backups(platform.backups())
                .build().deploy(BUILD);

        then(outcome.status()).isEqualTo(DeploymentOutcome.Status.DEFERRED);
        then(heroku.lines()).containsExactlyElementsOf(READ_CURRENT);
        then(applied).isEmpty();
        then(app.builds).isEmpty();
        then(app.releases).hasSize(3);
        then(app.current().version).isEqualTo(3);
        then(app.transfers).isEmpty();
        then(app.maintenance).isFalse();
    }

    @Test
    void a_failed_release_phase_leaves_the_previous_release_serving() {
        heroku.nextReleasePhaseFails = true;

        DeploymentOutcome outcome = pipeline().build().deploy(BUILD);

        then(outcome.isSuccess()).isFalse();
        FakeHeroku.Build b = app.builds.get(0);
        FakeHeroku.Release failed = app.releases.get(3);
        then(failed.status).isEqualTo("failed");
        List<String> expected = new ArrayList<>(READ_CURRENT);
        expected.addAll(releaseRequests(b, failed));
        expected.add("GET /streams/release/" + failed.id);   // the end of the release command's output
        expected.add("GET /apps/acme/releases/" + failed.id); // recovery: the release it started has settled
        expected.addAll(READ_CURRENT);                       // recovery: v3 still serves, no rollback needed
        then(heroku.lines()).containsExactlyElementsOf(expected);
        then(outcome.status()).isEqualTo(DeploymentOutcome.Status.ROLLED_BACK);
        then(outcome.toString()).contains("release phase of v4 failed", "output ends: output of /streams/release/");
        then(app.releases).hasSize(4);
        then(app.current().version).isEqualTo(3);
        then(app.current().slugId).isEqualTo("slug-v3");
        then(app.maintenance).isFalse();
        kit.assertApiHeaders();
    }

    @Test
    void a_failed_health_check_rolls_back_to_the_previous_release() {
        DeploymentOutcome outcome = pipeline()
                .healthCheck((a, release) -> Health.unhealthy("GET /healthz: 500"))
                .build().deploy(BUILD);

        then(outcome.status()).isEqualTo(DeploymentOutcome.Status.ROLLED_BACK);
        FakeHeroku.Release v3 = app.releases.get(2);
        FakeHeroku.Release v5 = app.releases.get(4);
        int afterRelease = READ_CURRENT.size() + releaseRequests(app.builds.get(0), app.releases.get(3)).size()
                + dynoPolls().size() + 1; // + the verify step's own look at the dynos
        List<String> rollback = heroku.lines().subList(afterRelease, heroku.lines().size());
        List<String> expected = new ArrayList<>(List.of(
                "GET /apps/acme/releases",           // recovery: which release serves now (v4)
                "GET /apps/acme/builds",
                "GET /apps/acme/releases/3",         // the target, checked eligible
                "GET /apps/acme/releases",           // the newest version before the POST
                "POST /apps/acme/releases"));
        for (int i = 0; i < polls(heroku.releaseTime); i++) {
            expected.add("GET /apps/acme/releases/" + v5.id);
        }
        expected.addAll(dynoPolls());
        then(rollback).containsExactlyElementsOf(expected);
        FakeHeroku.Call post = heroku.calls().stream().filter(c -> c.line().equals("POST /apps/acme/releases"))
                .findFirst().orElseThrow();
        then(post.body()).isEqualTo("{\"release\":\"" + v3.id + "\"}");
        then(v5.description).isEqualTo("Rollback to v3");
        then(app.current()).isSameAs(v5);
        then(v5.slugId).isEqualTo("slug-v3");
        then(app.maintenance).isFalse();
        kit.assertApiHeaders();
    }

    @Test
    void an_unsafe_nightly_takes_a_maintenance_window_and_a_failure_restores_the_backup_inside_it() {
        heroku.nextReleasePhaseFails = true;
        List<String> applied = new ArrayList<>();

        DeploymentOutcome outcome = pipeline()
                .migrations(pending("0042_drop_column", "ALTER TABLE users DROP COLUMN legacy;"), recorder(applied))
                .backups(platform.backups())
                .build().nightly(BUILD);

        then(applied).containsExactly("0042_drop_column");
        then(outcome.status()).isEqualTo(DeploymentOutcome.Status.ROLLED_BACK);
        List<String> lines = heroku.lines();
        int on = indexOf(lines, "PATCH /apps/acme", 0);
        int capture = indexOf(lines, "POST /client/v11/databases/" + app.addonId + "/backups", 0);
        int build = indexOf(lines, "POST /apps/acme/builds", 0);
        int restore = indexOf(lines, "POST /client/v11/databases/" + app.addonId + "/restores", 0);
        int off = lines.lastIndexOf("PATCH /apps/acme");
        then(on).isLessThan(capture);
        then(capture).isLessThan(build);
        then(build).isLessThan(restore);
        then(restore).isLessThan(off);
        then(off).isEqualTo(lines.size() - 1);
        // on before the backup, on again (idempotent) when recovery starts, off once the database is restored
        then(heroku.calls()).filteredOn(c -> c.line().equals("PATCH /apps/acme")).extracting(FakeHeroku.Call::body)
                .containsExactly("{\"maintenance\":true}", "{\"maintenance\":true}", "{\"maintenance\":false}");
        // v4's release phase failed, so Heroku never switched: recovery finds v3 serving and posts no rollback
        then(lines).doesNotContain("POST /apps/acme/releases");
        then(lines.subList(capture - 2, capture + 5)).containsExactly(
                "POST /actions/addon-attachments/resolve",
                "GET /client/v11/apps/acme/transfers",
                "POST /client/v11/databases/" + app.addonId + "/backups",
                "GET /client/v11/apps/acme/transfers/" + app.transfers.get(0).uuid,
                "GET /client/v11/apps/acme/transfers/" + app.transfers.get(0).uuid,
                "GET /client/v11/apps/acme/transfers/" + app.transfers.get(0).uuid,
                "GET /account/rate-limits");      // the migration ran (no API call), then the release starts
        then(heroku.calls().get(restore).json().get("backup_url").asText()).isEqualTo(app.transfers.get(0).toUrl);
        // final state: the database restored from the backup, code back on v3's slug, maintenance off
        then(app.restoredFrom).containsExactly(app.transfers.get(0).toUrl);
        then(app.current().slugId).isEqualTo("slug-v3");
        then(app.maintenance).isFalse();
        then(events).filteredOn(DeploymentEvent.StepProgress.class::isInstance).extracting(Object::toString)
                .anyMatch(s -> s.contains("Heroku Postgres b001 running") && s.contains("1000"));
        kit.assertApiHeaders();
    }

    @Test
    void a_deploy_rides_out_429_storms_503s_slow_answers_and_dropped_connections() {
        heroku.failNext("GET", "/apps/acme/releases", 3, 429);
        heroku.failNext("POST", "/apps/acme/builds", 2, 429);
        heroku.failNext("GET", "/apps/acme/builds/.*", 2, 503);
        heroku.slowNext("GET", "/apps/acme/releases/.*", 1, 1_500);
        heroku.dropNext("GET", "/apps/acme/dynos", 1, false);
        HerokuPlatform impatient = HerokuPlatform.builder()
                .client(kit.clientBuilder().timeouts(new Timeouts(Duration.ofSeconds(2), Duration.ofMillis(300),
                        Duration.ofSeconds(2), Duration.ofSeconds(5))).build())
                .buildWait(WaitPolicy.of(Duration.ofSeconds(5), Duration.ofMinutes(10)))
                .releaseWait(WaitPolicy.of(Duration.ofSeconds(5), Duration.ofMinutes(10)))
                .dynoWait(WaitPolicy.of(Duration.ofSeconds(5), Duration.ofMinutes(10))).build();

        DeploymentOutcome outcome = pipeline().platform(impatient).build().deploy(BUILD);

        then(outcome.status()).isEqualTo(DeploymentOutcome.Status.DEPLOYED);
        then(app.builds).hasSize(1);
        then(app.current().version).isEqualTo(4);
        then(heroku.lines()).filteredOn("POST /apps/acme/builds"::equals).hasSize(3);
        then(heroku.lines()).filteredOn("GET /apps/acme/releases"::equals).hasSize(4);
        then(heroku.lines()).as("one dropped, then booting and up").filteredOn("GET /apps/acme/dynos"::equals)
                .hasSize(1 + polls(heroku.bootTime) + 1); // + the verify step's own look
        then(kit.events(HerokuEvent.ApiCallRetried.class)).extracting(HerokuEvent.ApiCallRetried::reason)
                .containsExactly("429 rate_limit", "429 rate_limit", "429 rate_limit", "429 rate_limit",
                        "429 rate_limit", "503", "503", HerokuApiException.NETWORK_ERROR,
                        HerokuApiException.NETWORK_ERROR);
        kit.assertApiHeaders();
    }

    @Test
    void a_build_that_fails_on_heroku_changes_nothing_and_says_why() {
        heroku.nextBuildFails = true;

        DeploymentOutcome outcome = pipeline().build().deploy(BUILD);

        then(outcome.isSuccess()).isFalse();
        then(outcome.toString()).contains("Heroku build", "failed", "output of /streams/build/");
        then(app.releases).hasSize(3);
        then(app.current().version).isEqualTo(3);
    }

    static MigrationSource pending(String name, String sql) {
        return build -> List.of(new PendingMigration(name, sql));
    }

    static MigrationRunner recorder(List<String> applied) {
        return (migration, progress) -> {
            applied.add(migration.name());
            return new MigrationResult(migration.name(), MigrationResult.Status.APPLIED, List.of(), Duration.ZERO, "",
                    List.of());
        };
    }

    private static int indexOf(List<String> lines, String line, int from) {
        for (int i = from; i < lines.size(); i++) {
            if (lines.get(i).equals(line)) {
                return i;
            }
        }
        throw new AssertionError(line + " not sent after request " + from + ": " + lines);
    }

    @SuppressWarnings("unused")
    private static Instant at(String s) {
        return Instant.parse(s);
    }

    @Test
    void a_release_is_not_started_when_the_api_budget_is_low_but_a_rollback_still_is() {
        heroku.rateLimitRemaining = 150;

        DeploymentOutcome outcome = pipeline().build().deploy(BUILD);
        platform.rollback("acme", new io.zdcd.spi.Release(2, "", "", Instant.EPOCH), io.zdcd.spi.Progress.none());

        then(outcome.isSuccess()).isFalse();
        then(outcome.toString()).contains("only 147 API calls left in the account's budget, 200 needed to start");
        then(app.builds).isEmpty();
        then(heroku.lines().subList(0, 3)).containsExactly("GET /apps/acme/releases", "GET /apps/acme/builds",
                "GET /account/rate-limits");
        then(heroku.lines()).doesNotContain("POST /apps/acme/builds");
        then(app.current().description).isEqualTo("Rollback to v2");
    }

    @Test
    void a_rollback_whose_answer_is_lost_is_found_on_heroku_and_not_posted_twice() {
        heroku.dropNext("POST", "/apps/acme/releases", 1, true);

        DeploymentOutcome outcome = pipeline().healthCheck((a, r) -> Health.unhealthy("GET /healthz: 500"))
                .build().deploy(BUILD);

        then(outcome.status()).as(outcome.toString()).isEqualTo(DeploymentOutcome.Status.ROLLED_BACK);
        then(heroku.lines()).filteredOn("POST /apps/acme/releases"::equals).hasSize(1);
        List<String> lines = heroku.lines();
        int post = lines.indexOf("POST /apps/acme/releases");
        then(lines.get(post + 1)).as("did it take effect? the newest releases are read").isEqualTo("GET /apps/acme/releases");
        then(app.releases).hasSize(5);
        then(app.current().description).isEqualTo("Rollback to v3");
    }

    @Test
    void a_queued_build_without_a_source_url_is_refused_by_the_nightly_before_any_side_effect() {
        // GIVEN a build deferred without its source URL (Heroku cannot build it)
        BuildQueue queue = BuildQueue.inMemory();
        queue.enqueue("acme", Build.of("5a1b2c3d4e", "drop legacy"), "UNSAFE", java.time.Instant.now());
        DeploymentPipeline pipeline = pipeline().queue(queue).build();

        // WHEN the nightly runs from the queue alone
        DeploymentOutcome outcome = pipeline.nightly();

        // THEN it refuses, says why, and changed nothing on Heroku: no maintenance, no build, the build stays queued
        then(outcome.status()).as(outcome.describe()).isEqualTo(DeploymentOutcome.Status.REFUSED);
        then(outcome.describe()).contains("has no source URL");
        then(heroku.calls()).noneMatch(c -> c.method().equals("PATCH") || c.method().equals("POST"));
        then(app.maintenance).isFalse();
        then(queue.queued("acme")).hasSize(1);
    }
}
