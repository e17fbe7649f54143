package io.zdcd.heroku;

import static org.assertj.core.api.BDDAssertions.then;

import io.zdcd.spi.Build;
import io.zdcd.spi.Health;
import io.zdcd.spi.Progress;
import io.zdcd.spi.Release;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Verification inside a maintenance window on Heroku: {@link HerokuPlatform#processesUp} (every web dyno up on the
 * release) and {@link HerokuPlatform#runCommand} (a one-off dyno whose exit status is read from its log session),
 * against the fake, whose dynos boot and crash and whose router answers 503 while maintenance is on.
 */
class HerokuVerifyTest {
    private static final String SOURCE = "https://builds.example.com/acme.tar.gz";
    private final HerokuTestKit kit = new HerokuTestKit();
    private final FakeHeroku heroku = kit.heroku;
    private final FakeHeroku.App app = heroku.addApp("acme", 3);
    private final HerokuPlatform platform = kit.platform();
    private final List<String> progress = new ArrayList<>();
    private final List<String> operations = new ArrayList<>();
    private final Progress recorder = new Progress() {
        @Override
        public void report(String message, long done, long total) {
            progress.add(message);
        }

        @Override
        public void operationStarted(String kind, String id) {
            operations.add(kind + " " + id);
        }
    };

    @AfterEach
    void close() {
        kit.close();
    }

    private Release release(String version) {
        return platform.release("acme", Build.of(version).withSourceUrl(SOURCE), recorder);
    }

    @Test
    void a_healthy_release_has_every_web_dyno_up_on_it_while_the_router_still_answers_503_for_maintenance() {
        platform.maintenance("acme", true);

        Release v4 = release("aaaa111");
        Health up = platform.processesUp("acme", v4);
        int maintenancePage = kit.get(heroku.appUrl("acme", "/healthz"));
        platform.maintenance("acme", false);
        int afterwards = kit.get(heroku.appUrl("acme", "/healthz"));

        then(up).hasToString("healthy: 2 web dynos up on v4");
        then(maintenancePage).as("Heroku's router during maintenance").isEqualTo(503);
        then(afterwards).isEqualTo(200);
        then(progress).contains("3 dynos up on v4");
    }

    @Test
    void a_release_whose_dynos_crash_is_released_but_unhealthy_naming_each_crashed_dyno() {
        heroku.behaviour("bad0001").crashes = true;

        Release v4 = release("bad0001");
        Health health = platform.processesUp("acme", v4);

        then(v4.version()).as("Heroku switched to it: the release phase passed").isEqualTo(4);
        then(health.healthy()).isFalse();
        then(health.detail()).isEqualTo("2 of 2 web dynos not up on v4: web.1 crashed, web.2 crashed");
        then(progress).contains("0 dynos up on v4, crashed: web.1, web.2, worker.1");
        then(kit.get(heroku.appUrl("acme", "/"))).as("no web dyno up: the router's H10").isEqualTo(503);
    }

    @Test
    void dynos_still_booting_or_on_another_release_are_named() {
        HerokuPlatform noWait = HerokuPlatform.builder().client(kit.client())
                .buildWait(WaitPolicy.of(Duration.ofSeconds(5), Duration.ofMinutes(10)))
                .releaseWait(WaitPolicy.of(Duration.ofSeconds(5), Duration.ofMinutes(10))).waitForDynos(false).build();
        Release v3 = noWait.currentRelease("acme").orElseThrow();

        Release v4 = noWait.release("acme", Build.of("bbbb222").withSourceUrl(SOURCE), Progress.none());
        Health booting = noWait.processesUp("acme", v4);
        Health old = noWait.processesUp("acme", v3);
        kit.clock.advance(heroku.bootTime);
        Health up = noWait.processesUp("acme", v4);

        then(booting).hasToString("unhealthy: 2 of 2 web dynos not up on v4: web.1 starting, web.2 starting");
        then(old.detail()).isEqualTo("2 of 2 web dynos not up on v3: web.1 starting on v4, not v3, "
                + "web.2 starting on v4, not v3");
        then(up.healthy()).isTrue();
    }

    @Test
    void a_smoke_command_runs_in_a_one_off_dyno_of_the_release_and_exit_0_is_healthy() {
        Release v4 = release("cccc333");
        heroku.command("python manage.py check --deploy", 0, "System check identified no issues (0 silenced).");
        heroku.clearCalls();
        operations.clear(); // the build and release above are journaled; the smoke dyno must add nothing

        Health health = platform.runCommand("acme", v4, "python manage.py check --deploy", Duration.ofMinutes(2),
                recorder);

        then(health).hasToString("healthy: `python manage.py check --deploy` exited with status 0 in run.1000 on v4");
        then(heroku.calls().get(0).line()).isEqualTo("GET /apps/acme/dynos");
        then(heroku.calls().get(1).line()).isEqualTo("POST /apps/acme/dynos");
        then(heroku.calls().get(1).body()).isEqualTo(
                "{\"command\":\"python manage.py check --deploy\",\"attach\":false,\"type\":\"run\"}");
        then(heroku.lines()).contains("POST /apps/acme/log-sessions");
        FakeHeroku.Call session = heroku.calls().stream().filter(c -> c.line().equals("POST /apps/acme/log-sessions"))
                .findFirst().orElseThrow();
        then(session.body()).isEqualTo("{\"dyno\":\"run.1000\",\"lines\":1500,\"tail\":true}");
        then(heroku.calls()).filteredOn(c -> c.path().startsWith("/logplex/"))
                .allSatisfy(c -> then(c.headers().get("Authorization")).as("no token to logplex").isNull());
        then(operations).as("nothing for recovery to wait for").isEmpty();
        then(progress).contains("one-off dyno run.1000 running `python manage.py check --deploy` on v4",
                "one-off dyno run.1000 exited with status 0");
        kit.assertApiHeaders();
    }

    @Test
    void a_failing_smoke_command_is_unhealthy_with_its_status_and_last_lines_and_no_secret() {
        Release v4 = release("dddd444");
        heroku.command("./smoke.sh postgres://app:pw-Sm0ke@db.example.com/app", 3,
                "connecting to postgres://app:pw-Sm0ke@db.example.com/app",
                "HEROKU_API_KEY=" + FakeHeroku.TOKEN, "FAILED: /healthz answered 500");

        Health health = platform.runCommand("acme", v4, "./smoke.sh postgres://app:pw-Sm0ke@db.example.com/app",
                Duration.ofMinutes(2), recorder);

        then(health.healthy()).isFalse();
        then(health.detail()).isEqualTo("`./smoke.sh postgres://app:██@db.example.com/app` exited with status 3 "
                + "in run.1000 on v4; output ends: connecting to postgres://app:██@db.example.com/app | "
                + "HEROKU_API_KEY=██ | FAILED: /healthz answered 500");
        then(String.join("\n", progress)).doesNotContain("pw-Sm0ke", FakeHeroku.TOKEN);
    }

    @Test
    void a_command_that_does_not_exit_in_time_is_stopped_and_unhealthy() {
        Release v4 = release("eeee555");
        heroku.runTime = Duration.ofMinutes(30);

        Health health = platform.runCommand("acme", v4, "sleep 3600", Duration.ofSeconds(20), recorder);

        then(health).hasToString("unhealthy: `sleep 3600` in run.1000 did not exit within 20s (stopped)");
        then(heroku.lines()).contains("POST /apps/acme/dynos/run.1000/actions/stop");
        then(app.runDynos.get(0).stopped).isTrue();
        then(heroku.lines()).filteredOn("POST /apps/acme/log-sessions"::equals).as("one look every 5 s")
                .hasSize(5);
    }

    @Test
    void the_smoke_command_of_a_bad_release_exits_non_zero() {
        heroku.behaviour("ffff666").smokeExit = 1;
        heroku.behaviour("ffff666").smokeOutput = List.of("Traceback (most recent call last):",
                "django.db.utils.ProgrammingError: column shop_order.note does not exist");
        Release v4 = release("ffff666");

        Health health = platform.runCommand("acme", v4, "python manage.py smoke", Duration.ofMinutes(1), recorder);

        then(health.detail()).startsWith("`python manage.py smoke` exited with status 1 in run.1000 on v4")
                .endsWith("column shop_order.note does not exist");
    }

    @Test
    void builds_and_releases_advance_with_time_whether_or_not_anyone_polls() {
        HerokuClient client = kit.client();
        HerokuBuild started = client.builds().create("acme", SOURCE, "1234567");

        kit.clock.advance(heroku.buildTime.plus(heroku.releaseTime));
        List<HerokuRelease> releases = client.releases().list("acme", 1);

        then(releases).singleElement().satisfies(r -> {
            then(r.version()).isEqualTo(4);
            then(r.status()).isEqualTo(HerokuRelease.Status.SUCCEEDED);
            then(r.current()).isTrue();
        });
        then(heroku.lines()).as("the build itself was never polled")
                .doesNotContain("GET /apps/acme/builds/" + started.id());
        then(client.builds().get("acme", started.id()).status()).isEqualTo(HerokuBuild.Status.SUCCEEDED);
    }
}
