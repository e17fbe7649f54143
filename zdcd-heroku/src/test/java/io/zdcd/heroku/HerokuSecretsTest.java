package io.zdcd.heroku;

import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.BDDAssertions.then;

import io.zdcd.pipeline.DeploymentEvent;
import io.zdcd.pipeline.DeploymentListener;
import io.zdcd.pipeline.DeploymentOutcome;
import io.zdcd.pipeline.DeploymentPipeline;
import io.zdcd.spi.Build;
import io.zdcd.spi.Health;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Everything a failing Heroku deploy produces (log output at DEBUG, exception messages, outcomes, events and every
 * {@code toString()}) is scanned for the API token and the database password, while the fake Heroku even repeats
 * the token in its error messages and output streams.
 */
class HerokuSecretsTest {
    private static final String DB_PASSWORD = "db-password-s3cr3t";
    private final HerokuTestKit kit = new HerokuTestKit();
    private final FakeHeroku heroku = kit.heroku;

    @AfterEach
    void close() {
        kit.close();
    }

    @Test
    void a_failing_deploy_never_shows_the_token_in_logs_messages_events_or_to_string() throws Exception {
        FakeHeroku.App app = heroku.addApp("leaky", 3);
        heroku.echoToken = true;
        heroku.nextReleasePhaseFails = true;
        heroku.nextRestoreFails = true;
        heroku.failNext("GET", "/apps/leaky/releases", 2, 503);
        heroku.failNext("POST", "/apps/leaky/builds", 1, 429);
        HerokuPlatform platform = kit.platform();
        List<Object> produced = new ArrayList<>();
        List<DeploymentEvent> events = new CopyOnWriteArrayList<>();

        DeploymentOutcome outcome = DeploymentPipeline.builder().app("leaky").platform(platform)
                .migrations(HerokuPipelineTest.pending("0007_drop", "ALTER TABLE t DROP COLUMN c;"),
                        HerokuPipelineTest.recorder(new ArrayList<>()))
                .backups(platform.backups())
                .healthCheck((a, r) -> Health.unhealthy("down"))
                .addListener(events::add)
                .addListener(DeploymentListener.logging())
                .build().nightly(Build.of("9a8b7c6d5e").withSourceUrl("https://src.example.com/a.tgz?token=x"));
        heroku.failNext("GET", "/apps/leaky", 1, 503);
        Throwable apiError = catchThrowable(() -> kit.clientBuilder().retryPolicy(RetryPolicy.none()).build()
                .apps().get("leaky"));
        heroku.failNext("GET", "/apps/leaky", 1, 401);
        Throwable unauthorized = catchThrowable(() -> platform.inMaintenance("leaky"));
        Throwable noToken = catchThrowable(() -> HerokuPlatform.builder().build());

        then(outcome.status()).as("the restore failed: not fully recovered").isEqualTo(DeploymentOutcome.Status.FAILED);
        then(app.restoredFrom).isEmpty();
        produced.add(outcome);
        produced.add(outcome.toString());
        produced.addAll(events);
        produced.addAll(kit.events);
        produced.add(platform);
        produced.add(platform.client());
        produced.add(platform.backups());
        produced.add(platform.client().config().get("leaky"));
        produced.add(platform.client().postgres().transfers("leaky"));
        produced.add(platform.client().builds().list("leaky", 10));
        produced.add(platform.client().releases().output(platform.client().releases().list("leaky", 1).get(0)).orElseThrow());
        for (Throwable t : List.of(apiError, unauthorized, noToken)) {
            produced.add(t);
            produced.add(t.getMessage());
            if (t.getCause() != null) {
                produced.add(t.getCause().toString());
            }
        }
        String log = Files.readString(Path.of("target", "zdcd-heroku-tests.log"));

        then(apiError).isInstanceOf(HerokuApiException.class).hasMessageContaining("injected 503 for Bearer ██");
        then(unauthorized).isInstanceOf(HerokuApiException.class).hasMessageContaining("401");
        then(produced).allSatisfy(o -> then(String.valueOf(o)).doesNotContain(FakeHeroku.TOKEN)
                .doesNotContain(DB_PASSWORD).doesNotContain("X-Amz-Signature=backup-signature"));
        then(log).as("the debug log of the deploy").contains("GET /apps/leaky/releases", "/apps/leaky/builds")
                .doesNotContain(FakeHeroku.TOKEN).doesNotContain(DB_PASSWORD);
        then(heroku.calls()).filteredOn(c -> c.path().startsWith("/streams/"))
                .allSatisfy(c -> then(c.headers().get("Authorization")).isNull());
    }

    @Test
    void to_strings_of_values_hide_signed_urls_and_passwords() {
        then(new HerokuSource("https://s3.example.com/get?sig=abc", "https://s3.example.com/put?sig=def"))
                .hasToString("HerokuSource[https://s3.example.com/get?██]");
        then(HttpHealthCheck.of("https://user:pw@acme.example.com/healthz?key=k"))
                .hasToString("HttpHealthCheck[https://acme.example.com/healthz?██]");
        then(kit.client().toString()).doesNotContain(FakeHeroku.TOKEN).contains("token ██");
        // every public type holding a URL, token or password, and the builders that hold them before build()
        HerokuClient.Builder clientBuilder = HerokuClient.builder().apiKey("Tk3%Rb8@Lp5:Gd1/Nc4")
                .apiUrl("https://api.example.com/").dataApiUrl("https://data.example.com/");
        HerokuPlatform.Builder platformBuilder = HerokuPlatform.builder().app("acme").client(clientBuilder.build());
        List<Object> values = List.of(clientBuilder, clientBuilder.build(), platformBuilder, platformBuilder.build(),
                HttpHealthCheck.of("https://ci:Pw9%40x@acme.example.com/healthz?token=Kq7Zx9"),
                new HerokuLogSession("s1", "https://logplex.example.com/sessions/s1?srv=Kq7Zx9"),
                new HerokuConfigVars(java.util.Map.of("DATABASE_URL", "postgres://u:Pw9x@db.example.com/app")));
        then(values).allSatisfy(v -> then(v.toString()).doesNotContain("Tk3", "Rb8", "Pw9", "Kq7Zx9"));
        // an API URL with credentials is refused without repeating them, even when it is not a URL at all
        then(catchThrowable(() -> HerokuClient.builder().apiUrl("https://ci:Pw9x@api.example.com/")))
                .hasMessageNotContaining("Pw9x");
        then(catchThrowable(() -> HerokuClient.builder().apiUrl("htps://ci:Pw9x@api.example.com/?key=Kq7Zx9")))
                .hasMessageNotContaining("Pw9x").hasMessageNotContaining("Kq7Zx9");
    }
}
