package io.zdcd.heroku;

import static org.assertj.core.api.BDDAssertions.catchThrowable;
import static org.assertj.core.api.BDDAssertions.catchThrowableOfType;
import static org.assertj.core.api.BDDAssertions.then;

import io.zdcd.jdbc.JdbcBuildQueue;
import io.zdcd.jdbc.JdbcDeploymentJournal;
import io.zdcd.jdbc.PostgresDatabase;
import io.zdcd.pipeline.DeploymentEvent;
import io.zdcd.pipeline.DeploymentListener;
import io.zdcd.pipeline.DeploymentOutcome;
import io.zdcd.pipeline.DeploymentPipeline;
import io.zdcd.spi.Build;
import io.zdcd.spi.Health;
import io.zdcd.spi.Progress;
import io.zdcd.spi.Release;
import io.zdcd.testing.PostgresExtension;
import io.zdcd.testing.TestDatabase;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Issue 17: the token travels only over TLS (or to loopback), a world-readable {@code ~/.netrc} is reported once,
 * and secrets that break naive masking never leak through exceptions, outcomes, events, listeners, the journal
 * and queue rows, JDBC driver messages or {@code toString()}, while the messages around the mask stay readable.
 */
@ExtendWith(PostgresExtension.class)
class HerokuSecurityTest {
    private final HerokuTestKit kit = new HerokuTestKit();
    private final FakeHeroku heroku = kit.heroku;

    @AfterEach
    void close() {
        kit.close();
    }

    @Test
    void a_plain_http_api_url_is_refused_unless_its_host_is_loopback() {
        IllegalArgumentException api = catchThrowableOfType(IllegalArgumentException.class,
                () -> HerokuClient.builder().apiUrl("http://api.heroku.com"));
        IllegalArgumentException data = catchThrowableOfType(IllegalArgumentException.class,
                () -> HerokuClient.builder().dataApiUrl("http://evil.example.com:8080/?x=1"));
        IllegalArgumentException fromEnv = catchThrowableOfType(IllegalArgumentException.class,
                () -> HerokuClient.builder().fromEnvironment(Map.of("HEROKU_API_KEY", FakeHeroku.TOKEN,
                        "HEROKU_API_URL", "http://10.0.0.7/"), Path.of("no-netrc")));

        then(api).hasMessage("apiUrl http://api.heroku.com is plain http: every call would send the Heroku API token "
                + "in clear text to api.heroku.com. Use https:// (http:// is accepted only for a loopback host such as "
                + "localhost or 127.0.0.1, for local fakes)");
        then(data).hasMessageStartingWith("dataApiUrl http://evil.example.com:8080/?██ is plain http");
        then(fromEnv).hasMessageStartingWith("apiUrl http://10.0.0.7/ is plain http");
        then(HerokuClient.builder().apiUrl("http://localhost:8080/").apiUrl("http://127.0.0.1:9/")
                .apiUrl("http://[::1]:9/").apiUrl("https://api.heroku.com")).isNotNull();
    }

    @Test
    void a_plain_http_health_url_with_credentials_is_refused_unless_its_host_is_loopback() {
        Throwable userInfo = catchThrowable(() -> HttpHealthCheck.of("http://ops:s3cret@shop.example.com/healthz"));
        Throwable token = catchThrowable(() -> HttpHealthCheck.of("http://shop.example.com/healthz?access_token=abc"));

        then(userInfo).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("http://██@shop.example.com/healthz is plain http and carries credentials (user info or a "
                        + "token-like query parameter): they would cross the network in clear text to "
                        + "shop.example.com. Use https:// (http:// with credentials is accepted only for a loopback "
                        + "host)");
        then(token).hasMessageStartingWith("http://shop.example.com/healthz?██ is plain http and carries credentials");
        then(HttpHealthCheck.of("http://shop.example.com/healthz?full=1")).as("no credential: nothing to protect")
                .hasToString("HttpHealthCheck[http://shop.example.com/healthz?██]");
        then(HttpHealthCheck.of("https://ops:s3cret@shop.example.com/healthz?token=abc")).isNotNull();
        then(HttpHealthCheck.of("http://ops:s3cret@localhost:8000/healthz")).isNotNull();
    }

    @Test
    void a_netrc_others_can_read_is_reported_once_naming_the_file_and_the_fix(@TempDir Path dir) throws Exception {
        Path netrc = dir.resolve(".netrc");
        Files.writeString(netrc, "machine api.heroku.com\n  login me@example.com\n  password " + FakeHeroku.TOKEN + "\n");
        Files.setPosixFilePermissions(netrc, PosixFilePermissions.fromString("rw-r--r--"));
        Path privateNetrc = dir.resolve("private-netrc");
        Files.copy(netrc, privateNetrc);
        Files.setPosixFilePermissions(privateNetrc, PosixFilePermissions.fromString("rw-------"));
        List<HerokuEvent> events = new CopyOnWriteArrayList<>();

        HerokuClient first = HerokuClient.builder().listener(events::add).fromEnvironment(Map.of("HEROKU_API_URL",
                kit.url()), netrc).build();
        HerokuClient second = HerokuClient.builder().fromEnvironment(Map.of(), netrc).build();
        HerokuClient fine = HerokuClient.builder().fromEnvironment(Map.of(), privateNetrc).build();

        then(first.warnings()).containsExactly(netrc + " holds your Heroku API token and others can read it "
                + "(rw-r--r--); run: chmod 600 " + netrc);
        then(events).singleElement().hasToString("Warning: " + first.warnings().get(0));
        then(second.warnings()).as("once per run").isEmpty();
        then(fine.warnings()).isEmpty();
        then(first.warnings().get(0)).doesNotContain(FakeHeroku.TOKEN);
    }

    /** Token and database password alike: characters that break naive masking, one letter, a common word, a long one. */
    @ParameterizedTest
    @ValueSource(strings = {"p%ss@w:rd/9", "e", "failed", "hk-0a1b2c3d-4e5f-6789-abcd-ef0123456789"})
    void secrets_never_leak_and_messages_around_the_mask_stay_readable(String secret, TestDatabase db)
            throws Exception {
        String name = "leaky-" + Integer.toHexString(secret.hashCode()); // one journal for all runs: one app each
        heroku.token = secret;
        heroku.echoToken = true;
        FakeHeroku.App app = heroku.addApp(name, 3);
        String encoded = URLEncoder.encode(secret, StandardCharsets.UTF_8);
        String dbUrl = "postgres://zdcd:" + encoded + "@localhost:1/app";
        app.configVars.put("DATABASE_URL", dbUrl);
        heroku.nextReleasePhaseFails = true;
        heroku.nextRestoreFails = true;
        heroku.command("./smoke", 2, "HEROKU_API_KEY=" + secret, "DATABASE_URL=" + dbUrl, "Connection refused");
        HerokuPlatform platform = HerokuPlatform.builder().client(kit.clientBuilder().apiKey(secret).build())
                .buildWait(WaitPolicy.of(Duration.ofSeconds(5), Duration.ofMinutes(10)))
                .releaseWait(WaitPolicy.of(Duration.ofSeconds(5), Duration.ofMinutes(10)))
                .dynoWait(WaitPolicy.of(Duration.ofSeconds(5), Duration.ofMinutes(10)))
                .transferWait(WaitPolicy.of(Duration.ofSeconds(5), Duration.ofMinutes(10))).build();
        List<DeploymentEvent> events = new CopyOnWriteArrayList<>();
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        List<Object> produced = new ArrayList<>();

        // the journal and queue on PostgreSQL, reached with the secret as password (the test server trusts local users)
        PostgresDatabase control = PostgresDatabase.fromUrl("postgres://" + db.user() + ":" + encoded + "@"
                + db.host() + ":" + db.port() + "/" + db.name());
        DeploymentPipeline pipeline = DeploymentPipeline.builder().app(name).platform(platform)
                .migrations(HerokuPipelineTest.pending("0007_drop", "ALTER TABLE t DROP COLUMN c;"),
                        HerokuPipelineTest.recorder(new ArrayList<>()))
                .backups(platform.backups())
                .journal(JdbcDeploymentJournal.of(control)).queue(JdbcBuildQueue.of(control))
                .healthCheck(HttpHealthCheck.of("https://ops:" + encoded + "@localhost:1/healthz?token=" + encoded))
                .verifyTimeout(Duration.ofMillis(50)).verifyInterval(Duration.ofMillis(10))
                .addListener(events::add)
                .addListener(DeploymentListener.printing(new PrintStream(printed, true, StandardCharsets.UTF_8)))
                .build();
        DeploymentOutcome deferred = pipeline.deploy(Build.of("1a2b3c4d5e", "drop column c")
                .withSourceUrl("https://src.example.com/b.tgz"));
        DeploymentOutcome outcome = pipeline.nightly(Build.of("9a8b7c6d5e").withSourceUrl(
                "https://src.example.com/a.tgz?token=" + encoded));
        Release current = platform.currentRelease(name).orElseThrow();
        Health smoke = platform.runCommand(name, current, "./smoke", Duration.ofMinutes(1), Progress.none());
        heroku.failNext("GET", "/apps/" + name, 1, 503);
        Throwable apiError = catchThrowable(() -> kit.clientBuilder().apiKey(secret).retryPolicy(RetryPolicy.none())
                .build().apps().get(name));
        Throwable unauthorized = catchThrowable(() -> kit.clientBuilder().apiKey(secret + "x").build().apps().get(name));
        Throwable connect = catchThrowable(() -> PostgresDatabase.fromUrl(dbUrl).connect());
        Throwable badUrl = catchThrowable(() -> PostgresDatabase.fromUrl("mysql://zdcd:" + encoded + "@h/app"));
        Health health = HttpHealthCheck.of("https://ops:" + encoded + "@localhost:1/healthz?token=" + encoded)
                .check(name, current);

        produced.addAll(List.of(deferred, outcome, outcome.describe(), controlRows(db), printed.toString(StandardCharsets.UTF_8), smoke, health,
                platform, platform.client(), platform.backups(), platform.client().config().get(name),
                PostgresDatabase.fromUrl(dbUrl), HttpHealthCheck.of("https://ops:" + encoded + "@localhost:1/h")));
        produced.addAll(events);
        produced.addAll(kit.events);
        for (Throwable t : List.of(apiError, unauthorized, connect, badUrl)) {
            produced.add(t);
            produced.add(t.getMessage());
        }
        String all = String.join("\n", produced.stream().map(String::valueOf).toList());

        for (String context : List.of("Bearer ", "HEROKU_API_KEY=", "zdcd:", "ops:", "token=")) {
            then(all).as("the secret after " + context).doesNotContain(context + secret, context + encoded);
        }
        if (secret.length() > 6) {
            then(all).doesNotContain(secret, encoded);
        }
        then(all).as("the mask is there, and the words around it are whole")
                .contains("██", "Connection to localhost:1", "exited with status 2", "release phase of v4")
                .doesNotContain("Conn██ction", "r██l██as██");
        then(smoke.detail()).contains("output ends: HEROKU_API_KEY=██ | DATABASE_URL=postgres://zdcd:██@localhost:1/app");
        then(outcome.status()).isEqualTo(DeploymentOutcome.Status.FAILED);
        then(deferred.status()).isEqualTo(DeploymentOutcome.Status.DEFERRED);
    }

    /** Every row of every table in schema zdcd (journal, queue, locks), as JSON lines. */
    private static String controlRows(TestDatabase db) throws Exception {
        StringBuilder out = new StringBuilder();
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            List<String> tables = new ArrayList<>();
            try (ResultSet rs = s.executeQuery("SELECT table_name FROM information_schema.tables "
                    + "WHERE table_schema = 'zdcd'")) {
                while (rs.next()) {
                    tables.add(rs.getString(1));
                }
            }
            then(tables).as("the journal and queue tables").isNotEmpty();
            for (String t : tables) {
                try (ResultSet rs = s.executeQuery("SELECT row_to_json(x)::text FROM zdcd.\"" + t + "\" x")) {
                    while (rs.next()) {
                        out.append(rs.getString(1)).append('\n');
                    }
                }
            }
        }
        return out.toString();
    }
}
