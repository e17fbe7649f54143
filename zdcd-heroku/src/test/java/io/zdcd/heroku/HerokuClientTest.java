package io.zdcd.heroku;

import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.BDDAssertions.then;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class HerokuClientTest {
    private final HerokuTestKit kit = new HerokuTestKit();
    private final FakeHeroku heroku = kit.heroku;

    @AfterEach
    void close() {
        kit.close();
    }

    @Test
    void every_api_call_sends_the_version_3_accept_header_the_bearer_token_a_zdcd_user_agent_and_a_request_id() {
        heroku.addApp("acme", 3);
        HerokuClient client = kit.client();

        HerokuApp app = client.apps().get("acme");
        client.apps().setMaintenance("acme", true);

        then(app.name()).isEqualTo("acme");
        then(app.generation()).isEqualTo("cedar");
        then(heroku.lines()).containsExactly("GET /apps/acme", "PATCH /apps/acme");
        for (FakeHeroku.Call call : heroku.calls()) {
            then(call.headers().get("Accept")).isEqualTo("application/vnd.heroku+json; version=3");
            then(call.headers().get("Authorization")).isEqualTo("Bearer " + FakeHeroku.TOKEN);
            then(call.headers().get("User-Agent")).matches("zdcd/\\d+\\.\\d+\\.\\d+.*");
            then(call.headers().get("Request-Id")).matches("[0-9a-f-]{36}");
        }
        then(heroku.calls().get(1).body()).isEqualTo("{\"maintenance\":true}");
        then(heroku.calls().get(1).headers().get("Content-Type")).startsWith("application/json");
        then(heroku.app("acme").maintenance).isTrue();
        then(kit.events(HerokuEvent.MaintenanceChanged.class)).singleElement()
                .hasToString("Maintenance mode of acme is on");
    }

    @Test
    void release_lists_follow_next_range_until_max_and_send_the_range_header() {
        heroku.addApp("acme", 7);
        heroku.pageCap = 3;

        List<HerokuRelease> releases = kit.client().releases().list("acme", 7);

        then(releases).extracting(HerokuRelease::version).containsExactly(7, 6, 5, 4, 3, 2, 1);
        then(heroku.calls()).extracting(c -> c.headers().get("Range")).containsExactly(
                "version ..; max=7, order=desc",
                "version ..; max=7, order=desc, offset=3",
                "version ..; max=7, order=desc, offset=6");
    }

    @Test
    void the_current_release_is_the_one_flagged_current_not_the_newest() {
        heroku.addApp("acme", 3);
        HerokuClient client = kit.client();
        client.releases().create("acme", "slug-v3", "pending one");

        HerokuRelease current = client.releases().current("acme");

        then(current.version()).isEqualTo(3);
        then(current.current()).isTrue();
        then(current).hasToString("HerokuRelease[v3 succeeded, current, \"Deploy v3\"]");
    }

    @Test
    void an_error_answer_becomes_one_exception_with_status_id_message_request_id_method_and_path() {
        heroku.addApp("acme", 1);

        HerokuApiException e = catchThrowableOfType(HerokuApiException.class,
                () -> kit.client().releases().get("acme", "v99"));

        then(e.statusCode()).isEqualTo(404);
        then(e.errorId()).isEqualTo("not_found");
        then(e.herokuMessage()).isEqualTo("Couldn't find that release.");
        then(e.requestId()).isEqualTo("req-1");
        then(e.method()).isEqualTo("GET");
        then(e.path()).isEqualTo("/apps/acme/releases/99");
        then(e).hasMessage("Heroku API GET /apps/acme/releases/99 failed: 404 not_found: Couldn't find that release. "
                + "(Request-Id req-1)");
        then(heroku.calls()).hasSize(1);
    }

    @Test
    void a_wrong_token_is_a_401_and_is_not_retried() {
        heroku.addApp("acme", 1);
        HerokuClient client = kit.clientBuilder().apiKey("wrong-token").build();

        HerokuApiException e = catchThrowableOfType(HerokuApiException.class, () -> client.apps().get("acme"));

        then(e.statusCode()).isEqualTo(401);
        then(e.errorId()).isEqualTo("unauthorized");
        then(heroku.calls()).hasSize(1);
    }

    @Test
    void a_429_storm_on_a_get_is_waited_out_with_backoff_and_reported() {
        heroku.addApp("acme", 1);
        heroku.failNext("GET", "/apps/acme", 4, 429);

        HerokuApp app = kit.client().apps().get("acme");

        then(app.name()).isEqualTo("acme");
        then(heroku.lines()).containsExactly("GET /apps/acme", "GET /apps/acme", "GET /apps/acme", "GET /apps/acme",
                "GET /apps/acme");
        then(kit.events(HerokuEvent.ApiCallRetried.class)).extracting(HerokuEvent.ApiCallRetried::attempt)
                .containsExactly(1, 2, 3, 4);
        then(kit.events(HerokuEvent.ApiCallRetried.class)).extracting(HerokuEvent.ApiCallRetried::delay)
                .containsExactly(Duration.ofMillis(1), Duration.ofMillis(2), Duration.ofMillis(4), Duration.ofMillis(5));
        then(kit.events(HerokuEvent.ApiCallRetried.class).get(0).toString())
                .isEqualTo("Heroku GET /apps/acme failed (429 rate_limit), attempt 1, retrying in 1ms");
    }

    @Test
    void a_503_that_outlasts_the_retries_fails_with_the_last_answer() {
        heroku.addApp("acme", 1);
        heroku.failNext("GET", "/apps/acme", 10, 503);

        HerokuApiException e = catchThrowableOfType(HerokuApiException.class, () -> kit.client().apps().get("acme"));

        then(e.statusCode()).isEqualTo(503);
        then(heroku.calls()).hasSize(HerokuTestKit.FAST_RETRY.maxAttempts());
    }

    @Test
    void a_slow_answer_times_out_and_an_idempotent_call_is_repeated() {
        heroku.addApp("acme", 1);
        heroku.slowNext("GET", "/apps/acme", 1, 2_000);
        HerokuClient client = kit.clientBuilder()
                .timeouts(new Timeouts(Duration.ofSeconds(2), Duration.ofMillis(200), Duration.ofSeconds(2),
                        Duration.ofSeconds(5)))
                .build();

        HerokuApp app = client.apps().get("acme");

        then(app.name()).isEqualTo("acme");
        then(heroku.lines()).containsExactly("GET /apps/acme", "GET /apps/acme");
        then(kit.events(HerokuEvent.ApiCallRetried.class)).singleElement()
                .extracting(HerokuEvent.ApiCallRetried::reason).isEqualTo(HerokuApiException.NETWORK_ERROR);
    }

    @Test
    void a_dropped_connection_on_a_get_is_repeated() {
        heroku.addApp("acme", 1);
        heroku.dropNext("GET", "/apps/acme/formation", 2, false);

        List<HerokuFormation> formation = kit.client().formation().list("acme");

        then(formation).hasToString("[web=2:standard-1X, worker=1:standard-1X]");
        then(heroku.lines()).containsExactly("GET /apps/acme/formation", "GET /apps/acme/formation",
                "GET /apps/acme/formation");
    }

    @Test
    void a_build_post_answered_503_before_it_took_effect_is_checked_then_sent_again_once() {
        heroku.addApp("acme", 1);
        heroku.failNext("POST", "/apps/acme/builds", 1, 503);

        HerokuBuild build = kit.client().builds().create("acme", "https://example.com/src.tgz?sig=abc", "1a2b3c");

        then(heroku.lines()).containsExactly(
                "GET /apps/acme/builds",      // what existed before
                "POST /apps/acme/builds",     // 503, not carried out
                "GET /apps/acme/builds",      // did it take effect? no
                "POST /apps/acme/builds");    // so once more
        then(heroku.app("acme").builds).hasSize(1);
        then(heroku.calls().get(3).json().toString())
                .isEqualTo("{\"source_blob\":{\"url\":\"https://example.com/src.tgz?sig=abc\",\"version\":\"1a2b3c\"}}");
        then(build.id()).isEqualTo(heroku.app("acme").builds.get(0).id);
        then(build).hasToString("HerokuBuild[" + build.id() + " pending version 1a2b3c from https://example.com/src.tgz?██]");
    }

    @Test
    void a_build_post_whose_answer_was_lost_after_it_took_effect_is_not_sent_again() {
        heroku.addApp("acme", 1);
        heroku.dropNext("POST", "/apps/acme/builds", 1, true);

        HerokuBuild build = kit.client().builds().create("acme", "https://example.com/src.tgz", "1a2b3c");

        then(heroku.lines()).containsExactly("GET /apps/acme/builds", "POST /apps/acme/builds",
                "GET /apps/acme/builds");
        then(heroku.app("acme").builds).hasSize(1);
        then(build.id()).isEqualTo(heroku.app("acme").builds.get(0).id);
    }

    @Test
    void a_rollback_answered_429_is_repeated_as_it_is_because_heroku_did_not_run_it() {
        FakeHeroku.App app = heroku.addApp("acme", 3);
        heroku.failNext("POST", "/apps/acme/releases", 2, 429);
        String v2 = app.releases.get(1).id;

        HerokuRelease rollback = kit.client().releases().rollback("acme", v2);

        then(heroku.lines()).containsExactly("GET /apps/acme/releases", "POST /apps/acme/releases",
                "POST /apps/acme/releases", "POST /apps/acme/releases");
        then(heroku.calls().get(3).body()).isEqualTo("{\"release\":\"" + v2 + "\"}");
        then(rollback.version()).isEqualTo(4);
        then(rollback.description()).isEqualTo("Rollback to v2");
        then(app.releases).hasSize(4);
    }

    @Test
    void a_promotion_without_answer_is_never_repeated_and_says_the_outcome_is_unknown() {
        heroku.dropNext("POST", "/pipeline-promotions", 1, true);

        HerokuApiException e = catchThrowableOfType(HerokuApiException.class,
                () -> kit.client().pipelines().promote("pipe-1", "app-staging", List.of("app-prod")));

        then(e.errorId()).isEqualTo(HerokuApiException.OUTCOME_UNKNOWN);
        then(e.getMessage()).contains("POST /pipeline-promotions", "not repeated");
        then(heroku.lines()).containsExactly("POST /pipeline-promotions");
        then(heroku.calls().get(0).json().toString()).isEqualTo("{\"pipeline\":{\"id\":\"pipe-1\"},"
                + "\"source\":{\"app\":{\"id\":\"app-staging\"}},\"targets\":[{\"app\":{\"id\":\"app-prod\"}}]}");
    }

    @Test
    void the_circuit_breaker_opens_during_an_outage_and_then_calls_fail_fast_without_reaching_heroku() {
        heroku.addApp("acme", 1);
        heroku.failNext("GET", "/apps/acme", 100, 503);
        HerokuClient client = kit.clientBuilder()
                .retryPolicy(RetryPolicy.none())
                .circuitBreakerPolicy(new CircuitBreakerPolicy(50, 4, 4, Duration.ofMinutes(1)))
                .build();

        for (int i = 0; i < 4; i++) {
            then(catchThrowableOfType(HerokuApiException.class, () -> client.apps().get("acme")).statusCode()).isEqualTo(503);
        }
        HerokuApiException fast = catchThrowableOfType(HerokuApiException.class, () -> client.apps().get("acme"));

        then(fast.errorId()).isEqualTo(HerokuApiException.CIRCUIT_OPEN);
        then(heroku.calls()).hasSize(4);

        kit.clock.advance(Duration.ofMinutes(2));
        heroku.failNext("GET", "/apps/acme", 0, 503);
        heroku.clearCalls();
        HerokuApiException stillFailing = catchThrowableOfType(HerokuApiException.class, () -> client.apps().get("acme"));
        then(stillFailing.statusCode()).as("after openFor a trial call is let through").isEqualTo(503);
        then(heroku.calls()).hasSize(1);
    }

    @Test
    void once_the_budget_is_low_each_call_waits_first() {
        heroku.addApp("acme", 1);
        heroku.rateLimitRemaining = 60;
        HerokuClient client = kit.client();

        client.apps().get("acme");
        client.apps().get("acme");
        client.apps().get("acme");

        then(client.lastRateLimitRemaining()).hasValue(57);
        then(kit.clock.sleeps()).containsExactly(Duration.ofMillis(800), Duration.ofMillis(800));
        then(kit.events(HerokuEvent.RateLimitSlowdown.class)).first()
                .hasToString("Heroku API budget low (59 calls left), waiting 800ms");
        then(client.rateLimitRemaining()).isEqualTo(56);
    }

    @Test
    void waiting_for_a_release_polls_with_the_injected_sleeper_and_stops_at_the_deadline() {
        heroku.addApp("acme", 1);
        heroku.releaseTime = Duration.ofHours(1);
        HerokuClient client = kit.client();
        HerokuRelease pending = client.releases().create("acme", "slug-v1", "slow release phase");

        HerokuApiException e = catchThrowableOfType(HerokuApiException.class, () -> client.releases().waitFor("acme",
                pending.id(), WaitPolicy.of(Duration.ofSeconds(10), Duration.ofSeconds(35))));

        then(e.errorId()).isEqualTo(HerokuApiException.DEADLINE_EXCEEDED);
        then(e.getMessage()).contains("release " + pending.id() + " of acme", "35 s");
        then(kit.clock.sleeps()).containsExactly(Duration.ofSeconds(10), Duration.ofSeconds(10),
                Duration.ofSeconds(10), Duration.ofSeconds(5));
        then(heroku.lines()).filteredOn(l -> l.startsWith("GET /apps/acme/releases/")).hasSize(5);
    }

    @Test
    void a_release_phase_is_followed_until_it_fails_and_its_output_is_read_without_the_token() {
        heroku.addApp("acme", 1);
        heroku.nextReleasePhaseFails = true;
        HerokuClient client = kit.client();
        HerokuRelease pending = client.releases().create("acme", "slug-v1", "migrate");

        HerokuRelease done = client.releases().waitFor("acme", pending.id(), WaitPolicy.RELEASE);
        String output = client.releases().output(done).orElseThrow();

        then(done.status()).isEqualTo(HerokuRelease.Status.FAILED);
        then(kit.events(HerokuEvent.ReleaseProgressed.class)).extracting(HerokuEvent.ReleaseProgressed::status)
                .containsExactly(HerokuRelease.Status.PENDING, HerokuRelease.Status.FAILED);
        then(output).startsWith("output of /streams/release/");
        FakeHeroku.Call stream = heroku.calls().get(heroku.calls().size() - 1);
        then(stream.path()).startsWith("/streams/release/");
        then(stream.headers().get("Authorization")).isNull();
    }

    @Test
    void config_vars_are_read_before_they_are_written_and_a_no_op_change_sends_nothing() {
        heroku.addApp("acme", 1);
        HerokuClient client = kit.client();

        HerokuConfigVars same = client.config().update("acme", Map.of("DJANGO_SECRET_KEY", "django-key"));
        HerokuConfigVars changed = client.config().update("acme", Map.of("FEATURE_X", "on"));

        then(heroku.lines()).containsExactly("GET /apps/acme/config-vars", "GET /apps/acme/config-vars",
                "PATCH /apps/acme/config-vars");
        then(heroku.calls().get(2).body()).isEqualTo("{\"FEATURE_X\":\"on\"}");
        then(same.values()).doesNotContainKey("FEATURE_X");
        then(changed.get("FEATURE_X")).hasValue("on");
        then(changed.toString()).isEqualTo("HerokuConfigVars[DATABASE_URL, DJANGO_SECRET_KEY, FEATURE_X] (values hidden)")
                .doesNotContain("db-password");
    }

    @Test
    void the_postgres_behind_database_url_is_resolved_like_the_heroku_cli_does() {
        FakeHeroku.App app = heroku.addApp("acme", 1);

        HerokuAttachment db = kit.client().addons().postgresAttachment("acme", "DATABASE_URL");

        then(db.addonId()).isEqualTo(app.addonId);
        then(db.configVar()).isEqualTo("DATABASE_URL");
        then(heroku.lines()).containsExactly("POST /actions/addon-attachments/resolve");
        then(heroku.calls().get(0).json().toString()).isEqualTo("{\"addon_attachment\":\"DATABASE_URL\",\"app\":\"acme\"}");
        then(heroku.calls().get(0).headers().get("Accept-Inclusion")).isEqualTo("addon:plan,config_vars");
    }

    @Test
    void a_backup_is_captured_and_polled_to_completion_with_progress_then_restored() {
        FakeHeroku.App app = heroku.addApp("acme", 1);
        HerokuClient client = kit.client();

        PgTransfer started = client.postgres().captureBackup("acme", app.addonId);
        PgTransfer backup = client.postgres().waitForTransfer("acme", started, WaitPolicy.of(Duration.ofSeconds(5), Duration.ofMinutes(5)));
        PgTransfer restore = client.postgres().waitForTransfer("acme", client.postgres().restore("acme", app.addonId, backup),
                WaitPolicy.TRANSFER);

        then(backup.state()).isEqualTo(PgTransfer.State.COMPLETED);
        then(backup.name()).isEqualTo("b001");
        then(backup.toString()).isEqualTo("PgTransfer[b001 completed, 3000/3000 bytes]");
        then(restore.state()).isEqualTo(PgTransfer.State.COMPLETED);
        then(restore.kind()).isEqualTo(PgTransfer.Kind.RESTORE);
        then(app.restoredFrom).containsExactly(backup.toUrl());
        then(kit.events(HerokuEvent.TransferProgressed.class)).extracting(Object::toString).startsWith(
                "Heroku Postgres b001 of acme running: 1000 of 3000 bytes",
                "Heroku Postgres b001 of acme running: 2000 of 3000 bytes",
                "Heroku Postgres b001 of acme completed: 3000 of 3000 bytes");
        then(heroku.lines()).containsExactly(
                "GET /client/v11/apps/acme/transfers",
                "POST /client/v11/databases/" + app.addonId + "/backups",
                "GET /client/v11/apps/acme/transfers/" + started.uuid(),
                "GET /client/v11/apps/acme/transfers/" + started.uuid(),
                "GET /client/v11/apps/acme/transfers/" + started.uuid(),
                "GET /client/v11/apps/acme/transfers",
                "POST /client/v11/databases/" + app.addonId + "/restores",
                "GET /client/v11/apps/acme/transfers/" + restore.uuid(),
                "GET /client/v11/apps/acme/transfers/" + restore.uuid(),
                "GET /client/v11/apps/acme/transfers/" + restore.uuid());
        then(heroku.calls().get(6).json().get("backup_url").asText()).isEqualTo(backup.toUrl());
    }

    @Test
    void the_token_comes_from_the_environment_or_the_heroku_cli_netrc_and_urls_can_be_overridden(
            @org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        heroku.addApp("acme", 1);
        java.nio.file.Path netrc = dir.resolve(".netrc");
        java.nio.file.Files.writeString(netrc, "machine git.heroku.com\n  login me@example.com\n  password other\n"
                + "machine api.heroku.com\n  login me@example.com\n  password " + FakeHeroku.TOKEN + "\n");

        HerokuClient fromNetrc = HerokuClient.builder().fromEnvironment(Map.of("HEROKU_API_URL", kit.url(),
                "HEROKU_DATA_API_URL", kit.url()), netrc).retryPolicy(HerokuTestKit.FAST_RETRY).build();
        HerokuClient fromEnv = HerokuClient.builder().fromEnvironment(Map.of("HEROKU_API_KEY", FakeHeroku.TOKEN,
                "HEROKU_API_URL", kit.url()), dir.resolve("missing")).build();
        IllegalStateException none = catchThrowableOfType(IllegalStateException.class,
                () -> HerokuClient.builder().fromEnvironment(Map.of(), dir.resolve("missing")).build());

        then(fromNetrc.apps().get("acme").name()).isEqualTo("acme");
        then(fromEnv.apps().get("acme").name()).isEqualTo("acme");
        then(fromNetrc.toString()).contains("token ██").doesNotContain(FakeHeroku.TOKEN);
        then(none).hasMessageContaining("HEROKU_API_KEY").hasMessageContaining("heroku login");
    }

    @Test
    void policies_reject_nonsense_with_a_message_naming_the_setting() {
        then(catchThrowableOfType(IllegalArgumentException.class, () -> RetryPolicy.defaults().withMaxAttempts(0)))
                .hasMessage("maxAttempts must be >= 1, was 0");
        then(catchThrowableOfType(IllegalArgumentException.class,
                () -> new CircuitBreakerPolicy(0, 10, 5, Duration.ofSeconds(1)))).hasMessageContaining("failureRatePercent");
        then(RetryPolicy.defaults()).hasToString("RetryPolicy[6 attempts, backoff 1s x2.0 up to 1m, jitter 25%]");
        then(RetryPolicy.defaults().backoffAfter(10)).isEqualTo(Duration.ofMinutes(1));
    }

    @Test
    void a_one_off_dyno_whose_answer_was_lost_is_found_by_its_command_and_not_started_twice() {
        FakeHeroku.App app = heroku.addApp("acme", 1);
        heroku.dropNext("POST", "/apps/acme/dynos", 1, true);

        HerokuDyno dyno = kit.client().dynos().runDetached("acme", "python manage.py clearsessions", "standard-1X");

        then(dyno.command()).isEqualTo("python manage.py clearsessions");
        then(app.runDynos).hasSize(1);
        then(heroku.lines()).containsExactly("GET /apps/acme/dynos", "POST /apps/acme/dynos", "GET /apps/acme/dynos");
        then(heroku.calls().get(1).body()).isEqualTo(
                "{\"command\":\"python manage.py clearsessions\",\"attach\":false,\"type\":\"run\",\"size\":\"standard-1X\"}");
    }

    @Test
    void scaling_sends_absolute_quantities_and_sources_are_uploaded_without_heroku_credentials() {
        FakeHeroku.App app = heroku.addApp("acme", 1);
        HerokuClient client = kit.client();

        List<HerokuFormation> scaled = client.formation().scale("acme", Map.of("worker", 0, "web", 3));
        HerokuSource source = client.builds().createSource();
        client.builds().uploadSource(source, new byte[] {31, -117, 8, 0});

        then(scaled).hasToString("[web=3:standard-1X, worker=0:standard-1X]");
        then(app.formation).containsEntry("web", 3).containsEntry("worker", 0);
        then(heroku.calls().get(0).body()).isEqualTo(
                "{\"updates\":[{\"type\":\"web\",\"quantity\":3},{\"type\":\"worker\",\"quantity\":0}]}");
        FakeHeroku.Call put = heroku.calls().get(2);
        then(put.method()).isEqualTo("PUT");
        then(put.path()).endsWith("?sig=put-signature");
        then(put.headers().get("Authorization")).isNull();
        then(put.headers().get("Content-Type")).isNull();
        then(source.toString()).doesNotContain("get-signature");
    }

    @Test
    void a_postgres_that_the_resolver_does_not_know_is_found_among_the_attachments() {
        FakeHeroku.App app = heroku.addApp("acme", 1);
        HerokuClient client = kit.client();

        HerokuAttachment db = client.addons().postgresAttachment("acme", "DATABASE");
        HerokuApiException none = catchThrowableOfType(HerokuApiException.class,
                () -> client.addons().postgresAttachment("acme", "HEROKU_POSTGRESQL_PINK_URL"));

        then(db.addonId()).isEqualTo(app.addonId);
        then(none.statusCode()).isEqualTo(404);
        then(none.getMessage()).contains("no Heroku Postgres attached to acme as HEROKU_POSTGRESQL_PINK_URL");
        then(client.addons().list("acme")).singleElement().satisfies(a -> then(a.isPostgres()).isTrue());
        then(heroku.lines()).containsExactly("POST /actions/addon-attachments/resolve", "GET /apps/acme/addon-attachments",
                "POST /actions/addon-attachments/resolve", "GET /apps/acme/addon-attachments", "GET /apps/acme/addons");
    }
}
