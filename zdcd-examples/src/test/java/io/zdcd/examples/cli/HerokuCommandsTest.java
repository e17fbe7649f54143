package io.zdcd.examples.cli;

import static org.assertj.core.api.BDDAssertions.then;

import io.zdcd.heroku.FakeHeroku;
import io.zdcd.testing.PostgresExtension;
import io.zdcd.testing.TestDatabase;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** {@code zdcd deploy} and {@code zdcd nightly} against the fake Heroku API (and a real PostgreSQL for migrations). */
@ExtendWith(PostgresExtension.class)
class HerokuCommandsTest {
    private static final String SOURCE = "https://src.example.com/acme.tgz";
    @TempDir
    Path dir;
    private HerokuCli kit;
    private FakeHeroku heroku;
    private FakeHeroku.App app;
    private Map<String, String> env;
    private StringWriter err;

    @BeforeEach
    void start() {
        kit = new HerokuCli(dir);
        heroku = kit.heroku;
        env = kit.env;
        err = kit.err;
        app = heroku.addApp("acme", 3);
    }

    @AfterEach
    void stop() {
        kit.close();
    }

    private int run(String... args) {
        return kit.run(args);
    }

    private String out() {
        return kit.out();
    }

    @Test
    void deploy_without_migrations_releases_on_heroku_and_exits_0() {
        int exit = run("deploy", "--app", "acme", "--source-url", SOURCE, "--commit", "abc1234def");

        then(exit).as(out() + err).isZero();
        then(app.current().version).isEqualTo(4);
        then(app.builds).singleElement().satisfies(b -> then(b.url).isEqualTo(SOURCE));
        then(out()).contains("DEPLOYED acme Build[abc1234]", "release v4 succeeded");
        then(out() + err).doesNotContain(FakeHeroku.TOKEN);
    }

    @Test
    void a_failed_release_phase_exits_1_and_the_previous_release_keeps_serving() {
        heroku.nextReleasePhaseFails = true;

        int exit = run("deploy", "--app", "acme", "--source-url", SOURCE, "--commit", "abc1234def");

        then(exit).isEqualTo(1);
        then(out()).contains("ROLLED_BACK", "release phase of v4 failed");
        then(app.current().version).isEqualTo(3);
    }

    @Test
    void an_unsafe_migration_is_deferred_with_exit_3_and_the_nightly_deploys_it_in_a_maintenance_window(
            TestDatabase db) throws Exception {
        try (Connection c = DriverManager.getConnection(db.jdbcUrlWithCredentials()); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS users (id bigint PRIMARY KEY, legacy text)");
        }
        Path migrations = Files.createDirectories(dir.resolve("migrations"));
        Files.writeString(migrations.resolve("V1__drop_legacy.sql"), "ALTER TABLE users DROP COLUMN legacy;\n");
        String[] common = {"--app", "acme", "--database-url", db.jdbcUrlWithCredentials(), "--migrations",
                migrations.toString()};

        int deferred = run(HerokuCli.concat(new String[] {"deploy", "--source-url", SOURCE, "--commit", "1111111aaa"}, common));
        int nightly = run(HerokuCli.concat(new String[] {"nightly", "--source-url", SOURCE, "--commit", "2222222bbb"}, common));
        int quiet = run(HerokuCli.concat(new String[] {"nightly", "--source-url", SOURCE, "--commit", "2222222bbb"}, common));

        then(deferred).as(out() + err).isEqualTo(3);
        then(nightly).as(out() + err).isZero();
        then(quiet).as("nothing new since the nightly: skipped").isZero();
        then(out()).contains("DEFERRED acme Build[1111111]", "maintenance on", "DEPLOYED acme Build[2222222]",
                "SKIPPED acme");
        then(app.transfers).hasSize(1);
        then(app.maintenance).isFalse();
        then(app.current().version).isEqualTo(4);
        then(heroku.calls()).filteredOn(c -> c.line().equals("PATCH /apps/acme")).extracting(FakeHeroku.Call::body)
                .containsExactly("{\"maintenance\":true}", "{\"maintenance\":false}");
        try (Connection c = DriverManager.getConnection(db.jdbcUrlWithCredentials()); Statement s = c.createStatement();
             var rs = s.executeQuery("SELECT count(*) FROM information_schema.columns WHERE table_name = 'users' "
                     + "AND column_name = 'legacy'")) {
            rs.next();
            then(rs.getInt(1)).as("the unsafe migration ran in the nightly").isZero();
        }
    }

    @Test
    void a_nightly_whose_restore_fails_exits_4(TestDatabase db) throws Exception {
        try (Connection c = DriverManager.getConnection(db.jdbcUrlWithCredentials()); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS items (id bigint PRIMARY KEY, old text)");
        }
        Path migrations = Files.createDirectories(dir.resolve("m4"));
        Files.writeString(migrations.resolve("V1__drop_old.sql"), "ALTER TABLE items DROP COLUMN old;\n");
        FakeHeroku.App broken = heroku.addApp("broken", 2);
        heroku.nextReleasePhaseFails = true;
        heroku.nextRestoreFails = true;

        int exit = run("nightly", "--app", "broken", "--source-url", SOURCE, "--commit", "3333333ccc",
                "--database-url", db.jdbcUrlWithCredentials(), "--migrations", migrations.toString());

        then(exit).as(out() + err).isEqualTo(4);
        then(out()).contains("FAILED broken", "What is left to do");
        then(broken.maintenance).as("the database is not restored: the app stays in maintenance").isTrue();
        int again = run("deploy", "--app", "broken", "--source-url", SOURCE, "--commit", "4444444ddd",
                "--database-url", db.jdbcUrlWithCredentials());
        then(again).as("an unfinished deployment refuses the next one").isEqualTo(4);
        then(out()).contains("REFUSED broken");

        // zdcd recover --plan shows what is left and changes nothing; zdcd recover finishes it (the restore works now)
        int transfersBefore = broken.transfers.size();
        then(run("recover", "--app", "broken", "--database-url", db.jdbcUrlWithCredentials(), "--plan")).isZero();
        then(out()).contains("restore");
        then(broken.maintenance).isTrue();
        then(broken.transfers).hasSize(transfersBefore);

        int recovered = run("recover", "--app", "broken", "--database-url", db.jdbcUrlWithCredentials());
        then(recovered).as(out() + err).isZero();
        then(broken.maintenance).as("maintenance off once the database is restored").isFalse();
        then(broken.transfers.size()).as("a restore ran").isGreaterThan(transfersBefore);
        then(run("recover", "--app", "broken", "--database-url", db.jdbcUrlWithCredentials()))
                .as("nothing left to recover").isZero();
        then(out()).contains("SKIPPED broken");
        then(run("deploy", "--app", "broken", "--source-url", SOURCE, "--commit", "5555555eee",
                "--database-url", db.jdbcUrlWithCredentials())).as("deploys work again").isZero();
        then(run("recover", "--app", "broken")).as("no journal without --database-url").isEqualTo(2);
        then(err.toString()).contains("recover needs the journal of the unfinished deployment");
        then(out() + err).doesNotContain(FakeHeroku.TOKEN);
    }

    @Test
    void a_deferred_push_prints_its_findings_once_and_queue_and_plan_show_the_night_without_side_effects(
            TestDatabase db) throws Exception {
        try (Connection c = DriverManager.getConnection(db.jdbcUrlWithCredentials()); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS people (id bigint PRIMARY KEY, legacy text)");
        }
        Path migrations = Files.createDirectories(dir.resolve("m5"));
        Files.writeString(migrations.resolve("V1__drop_legacy.sql"), "ALTER TABLE people DROP COLUMN legacy;\n");
        String signed = SOURCE + "?token=s3cr3tsigned";
        String control = db.jdbcUrlWithCredentials();
        String[] common = {"--app", "acme", "--database-url", db.jdbcUrlWithCredentials(), "--control-database-url",
                control, "--migrations", migrations.toString()};

        int deferred = run(HerokuCli.concat(new String[] {"deploy", "--source-url", signed, "--commit", "1111111aaa",
            "--description", "drop legacy"}, common));

        then(deferred).as(out() + err).isEqualTo(3);
        then(out()).contains("UNSAFE: V1__drop_legacy.sql (", "V1__drop_legacy.sql: UNSAFE", "instead:")
                .doesNotContain("Classification[");
        then(out().split("DEFERRED acme", -1)).as("the outcome is printed once").hasSize(2);

        kit.resetOut();
        then(run("queue", "--app", "acme", "--control-database-url", control)).isZero();
        then(out()).contains("1 build queued for acme", "1111111  \"drop legacy\"", "source URL kept",
                "UNSAFE: V1__drop_legacy.sql");
        int callsBefore = heroku.calls().size();
        then(run(HerokuCli.concat(new String[] {"plan", "--nightly"}, common))).as(out() + err).isZero();
        then(out()).contains("DEPLOY, 1 migration, 1 UNSAFE", "inside a maintenance window",
                "maintenance on -> backup -> migrate -> release -> verify -> maintenance off -> verify");
        then(heroku.calls().subList(callsBefore, heroku.calls().size()))
                .as("plan reads, never writes").allSatisfy(c -> then(c.line()).startsWith("GET "));
        then(app.maintenance).isFalse();

        then(run("queue", "--app", "acme", "--control-database-url", control, "--drop", "1111111")).isZero();
        then(run("queue", "--app", "acme", "--control-database-url", control, "--drop", "1111111")).isEqualTo(1);
        kit.resetOut();
        then(run(HerokuCli.concat(new String[] {"plan", "--nightly"}, common))).isZero();
        then(out()).contains("SKIP", "nothing queued");
        then(out() + err).doesNotContain("s3cr3tsigned").doesNotContain(FakeHeroku.TOKEN);
    }

    @Test
    void a_report_that_cannot_be_written_exits_2_with_one_line_on_stderr(TestDatabase db) {
        PrintStream originalErr = System.err;
        ByteArrayOutputStream errBytes = new ByteArrayOutputStream();
        System.setOut(new PrintStream(new java.io.OutputStream() {
            @Override
            public void write(int b) throws java.io.IOException {
                throw new java.io.IOException("No space left on device");
            }
        }, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(errBytes, true, StandardCharsets.UTF_8));
        int exit;
        try {
            exit = Zdcd.run(kit.commandLine(), new String[] {"queue", "--app", "acme", "--control-database-url",
                db.jdbcUrlWithCredentials()});
        } finally {
            System.setErr(originalErr);
        }

        then(exit).isEqualTo(2);
        then(errBytes.toString(StandardCharsets.UTF_8)).isEqualTo("zdcd: could not write the report to standard "
                + "output (disk full or output closed?)" + System.lineSeparator());
    }

    @Test
    void bad_usage_is_one_line_on_stderr_and_exit_2() {
        then(run("deploy", "--app", "acme", "--commit", "abc")).isEqualTo(2);
        then(err.toString()).contains("--commit and --source-url go together");
        then(run("deploy", "--app", "acme", "--source-url", SOURCE, "--commit", "a", "--migrations", "x")).isEqualTo(2);
        then(err.toString()).contains("--migrations needs --database-url");
        then(run("deploy", "--app", "acme", "--source-url", SOURCE, "--commit", "a", "--django-project",
                dir.toString(), "--database-url", "jdbc:postgresql://localhost/x?user=u")).isEqualTo(2);
        then(err.toString()).contains("--django-project: no manage.py in");
        env.remove("HEROKU_API_KEY");
        then(run("deploy", "--app", "acme", "--source-url", SOURCE, "--commit", "abc")).isEqualTo(2);
        then(err.toString()).contains("no Heroku API token: set HEROKU_API_KEY");
        then(err.toString().lines()).hasSize(4).allSatisfy(l -> then(l).startsWith("zdcd deploy: "));
        then(heroku.calls()).isEmpty();
    }

    @Test
    void the_old_version_option_still_names_the_commit_for_one_release_and_says_so() {
        then(run("deploy", "--app", "acme", "--source-url", SOURCE, "--version", "abc1234def")).isEqualTo(0);
        then(err.toString()).startsWith("zdcd deploy: --version is deprecated and goes away in the next release: "
                + "use --commit");
        then(app.builds).extracting(b -> b.version).containsExactly("abc1234def");
        then(run("deploy", "--app", "acme", "--source-url", SOURCE, "--version", "a", "--commit", "b")).isEqualTo(2);
        then(err.toString()).contains("zdcd deploy: give --commit only (--version is its old name)");
    }

    @Test
    void recover_calls_a_running_deployment_live_not_crashed_and_exits_5(TestDatabase db) {
        FakeHeroku.App live = heroku.addApp("live", 2);
        var journal = io.zdcd.jdbc.JdbcDeploymentJournal.of(io.zdcd.jdbc.PostgresDatabase.fromUrl(
                db.jdbcUrlWithCredentials()));
        String url = db.jdbcUrlWithCredentials();
        String id;
        // alice's deployment runs: it holds the lock and is in its release step
        try (var lock = journal.lock("live", "alice@ci-1")) {
            id = journal.begin("live", io.zdcd.spi.Build.of("b9"), io.zdcd.spi.DeploymentMode.CONTINUOUS,
                    "alice@ci-1", java.time.Instant.now()).id();
            journal.append(id, new io.zdcd.spi.JournalEntry(io.zdcd.spi.StepKind.RELEASE,
                    io.zdcd.spi.JournalEntry.Phase.STARTED, java.time.Instant.now(), "", Map.of()));
            heroku.clearCalls();

            then(run("recover", "--app", "live", "--database-url", url, "--plan")).as(out() + err).isEqualTo(5);
            then(out()).contains("deployment #" + id + " of Build[b9] is live, held by alice@ci-1 since",
                    "last heartbeat", "not crashed").doesNotContain("interrupted");
            then(run("recover", "--app", "live", "--database-url", url)).as(out() + err).isEqualTo(5);
            then(out()).contains("REFUSED live", "is live, not crashed", "nothing was done");
            then(heroku.lines()).as("nothing touched on Heroku").noneMatch(l -> l.startsWith("POST")
                    || l.startsWith("PATCH"));
        }
        // once alice's process is gone, the same deployment is crashed and recover acts
        then(run("recover", "--app", "live", "--database-url", url, "--plan")).isZero();
        then(out()).contains("release was interrupted");
        then(live.maintenance).isFalse();
    }

    @Test
    void a_deploy_that_cannot_reach_heroku_changes_nothing_and_says_so_with_exit_1(TestDatabase db) {
        heroku.failNext("GET", ".*", 100_000, 503);

        int exit = run("deploy", "--app", "acme", "--source-url", SOURCE, "--commit", "6666666fff",
                "--database-url", db.jdbcUrlWithCredentials());

        then(exit).as(out() + err).isEqualTo(1);
        then(out()).contains("FAILED acme", "503", "nothing was changed, nothing to recover")
                .doesNotContain("recovery not complete");
        then(app.builds).isEmpty();
        then(app.releases).hasSize(3);
        then(run("recover", "--app", "acme", "--database-url", db.jdbcUrlWithCredentials())).isZero();
        then(out()).contains("no unfinished deployment to recover");
    }
}
