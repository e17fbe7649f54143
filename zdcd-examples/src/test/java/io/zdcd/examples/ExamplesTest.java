package io.zdcd.examples;

import static org.assertj.core.api.BDDAssertions.then;
import static org.assertj.core.api.BDDAssertions.thenThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.zdcd.examples.demo.DemoApp;
import io.zdcd.examples.demo.LocalPlatform;
import io.zdcd.examples.demo.SmokeTestHealthCheck;
import io.zdcd.examples.demo.internal.DemoSchema;
import io.zdcd.examples.demo.internal.Progress;
import io.zdcd.jdbc.LocalDatabaseBackups;
import io.zdcd.jdbc.PostgresDatabase;
import io.zdcd.pipeline.DeploymentOutcome;
import io.zdcd.pipeline.DeploymentPipeline;
import io.zdcd.spi.Build;
import io.zdcd.spi.Platform;
import io.zdcd.testing.PostgresExtension;
import io.zdcd.testing.TestDatabase;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The runnable examples, run as a user would (their {@code run} methods are what {@code main} calls). */
@ExtendWith(PostgresExtension.class)
class ExamplesTest {
    private static final DemoApp APP = new DemoApp(1000);

    @BeforeAll
    static void schema(TestDatabase db) throws Exception {
        // zdcd's journal holds the deploy lock in a session of its own: it lives in another database than the app's,
        // which a local backup copies only while nobody is connected to it
        try (Connection c = database(db).withName("postgres").connect(); var s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + db.name() + "_control");
            s.execute("CREATE DATABASE " + db.name() + "_control");
        }
        try (Connection c = db.connect()) {
            DemoSchema.create(c, 1000, new Progress(new PrintStream(OutputStream.nullOutputStream()), false, "fill",
                    1000));
        }
    }

    @Nested
    class CheckFolderInCiTest {
        @Test
        void an_unsafe_migration_fails_the_build_and_the_sarif_report_names_its_rule(@TempDir Path dir)
                throws Exception {
            // GIVEN
            Files.writeString(dir.resolve("V1__add_nickname.sql"), "ALTER TABLE accounts ADD COLUMN nickname text;");
            Files.writeString(dir.resolve("V2__rename.sql"),
                    "ALTER TABLE accounts RENAME COLUMN nickname TO display_name;");
            Path sarif = dir.resolve("out/zdcd.sarif");
            Files.createDirectories(sarif.getParent());
            Output o = new Output();
            // WHEN
            int exit = CheckFolderInCi.run(new String[] {dir.toString(), sarif.toString()}, o.out, o.err);
            // THEN
            then(exit).as(o.text()).isEqualTo(1);
            then(o.text()).contains("V2__rename.sql").contains("UNSAFE").contains("SARIF report: " + sarif);
            JsonNode json = new ObjectMapper().readTree(sarif.toFile());
            then(json.get("version").asText()).isEqualTo("2.1.0");
            List<String> rules = new ArrayList<>();
            json.get("runs").get(0).get("results").forEach(r -> rules.add(r.get("ruleId").asText()));
            then(rules).contains("rename-column");
        }

        @Test
        void safe_migrations_pass_and_a_missing_folder_is_bad_input(@TempDir Path dir) throws Exception {
            Files.writeString(dir.resolve("V1__add_nickname.sql"), "ALTER TABLE accounts ADD COLUMN nickname text;");
            Output ok = new Output();
            then(CheckFolderInCi.run(new String[] {dir.toString(), dir.resolve("z.sarif").toString()}, ok.out,
                    ok.err)).as(ok.text()).isZero();
            Output bad = new Output();
            then(CheckFolderInCi.run(new String[] {dir.resolve("nowhere").toString()}, bad.out, bad.err))
                    .isEqualTo(2);
            then(bad.errText()).contains("no such file or directory").hasLineCount(1);
        }
    }

    @Nested
    class DeployWithFluentApiTest {
        @Test
        void the_fluent_pipeline_deploys_a_safe_push_and_defers_an_unsafe_one(TestDatabase db, @TempDir Path dir)
                throws Exception {
            // GIVEN the demo app on the local platform, and a checkout's migrations folder
            PostgresDatabase database = PostgresDatabase.fromUrl(db.jdbcUrlWithCredentials());
            LocalPlatform platform = new LocalPlatform("shop", APP.v1());
            platform.register(APP.v2());
            platform.register(APP.v3());
            Path v2 = Files.createDirectories(dir.resolve("v2"));
            Files.writeString(v2.resolve("0002_add_nickname.sql"), "ALTER TABLE accounts ADD COLUMN nickname text;");
            Path v3 = Files.createDirectories(dir.resolve("v3"));
            Files.copy(v2.resolve("0002_add_nickname.sql"), v3.resolve("0002_add_nickname.sql"));
            Files.writeString(v3.resolve("0004_rename.sql"),
                    "ALTER TABLE accounts RENAME COLUMN nickname TO display_name;");
            Output o = new Output();
            // WHEN
            DeploymentOutcome deployed = DeployWithFluentApi.pipeline("shop", platform,
                    LocalDatabaseBackups.of(database), database, control(db), v2,
                    new SmokeTestHealthCheck(platform, db::connect), e -> o.out.println(e))
                    .deploy(Build.of("v2-nicknames"));
            DeploymentOutcome deferred = DeployWithFluentApi.pipeline("shop", platform,
                    LocalDatabaseBackups.of(database), database, control(db), v3,
                    new SmokeTestHealthCheck(platform, db::connect), e -> o.out.println(e))
                    .deploy(Build.of("v3-display-names"));
            // THEN
            then(deployed.status()).as(deployed.describe()).isEqualTo(DeploymentOutcome.Status.DEPLOYED);
            then(platform.current().version()).isEqualTo("v2-nicknames");
            then(db.queryValue("SELECT count(*) FROM information_schema.columns WHERE table_name = 'accounts' "
                    + "AND column_name = 'nickname'")).isEqualTo(1L);
            then(deferred.status()).as(deferred.describe()).isEqualTo(DeploymentOutcome.Status.DEFERRED);
            then(db.queryValue("SELECT count(*) FROM information_schema.columns WHERE table_name = 'accounts' "
                    + "AND column_name = 'display_name'")).isEqualTo(0L);
            then(o.text()).contains("migrate 0002_add_nickname.sql");
        }

        @Test
        void wrong_arguments_are_one_usage_line_and_exit_2() {
            Output o = new Output();
            then(DeployWithFluentApi.run(new String[] {"only-one"}, o.out, o.err)).isEqualTo(2);
            then(o.errText()).startsWith("usage: DeployWithFluentApi").hasLineCount(1);
        }
    }

    @Nested
    class PrintRecoveryPlanTest {
        @Test
        void after_a_crash_mid_release_it_prints_the_plan_from_the_journal(TestDatabase db, @TempDir Path dir)
                throws Exception {
            // GIVEN a deployment whose process dies while the platform releases (after a safe migration ran)
            PostgresDatabase database = PostgresDatabase.fromUrl(db.jdbcUrlWithCredentials());
            LocalPlatform local = new LocalPlatform("crashy", APP.v1());
            local.register(APP.v2());
            Platform crashing = (Platform) Proxy.newProxyInstance(Platform.class.getClassLoader(),
                    new Class<?>[] {Platform.class}, (proxy, method, args) -> {
                        if (method.getName().equals("release")) {
                            throw new SimulatedCrash();
                        }
                        return method.invoke(local, args);
                    });
            Files.writeString(dir.resolve("0005_add_note.sql"), "ALTER TABLE accounts ADD COLUMN note text;");
            DeploymentPipeline pipeline = DeployWithFluentApi.pipeline("crashy", crashing,
                    LocalDatabaseBackups.of(database), database, control(db), dir,
                    (app, release) -> io.zdcd.spi.Health.healthy("ok"), e -> { });
            thenThrownBy(() -> pipeline.deploy(Build.of("v2-nicknames"))).isInstanceOf(SimulatedCrash.class);
            Output o = new Output();
            // WHEN
            int exit = PrintRecoveryPlan.run(new String[] {controlUrl(db), "crashy"}, o.out, o.err);
            // THEN
            then(exit).as(o.text()).isEqualTo(1);
            then(o.text()).contains("Unfinished: DeploymentRecord[").contains("RELEASE")
                    .contains("Recovery of crashy");
            Output none = new Output();
            then(PrintRecoveryPlan.run(new String[] {controlUrl(db), "nobody"}, none.out, none.err))
                    .isZero();
            then(none.text()).contains("No unfinished deployment of nobody");
        }
    }

    private static PostgresDatabase database(TestDatabase db) {
        return PostgresDatabase.fromUrl(db.jdbcUrlWithCredentials());
    }

    private static String controlUrl(TestDatabase db) {
        return db.jdbcUrlWithCredentials().replace("/" + db.name() + "?", "/" + db.name() + "_control?");
    }

    private static PostgresDatabase control(TestDatabase db) {
        return database(db).withName(db.name() + "_control");
    }

    /** Stands for the process being killed: an Error, which the pipeline does not catch. */
    static final class SimulatedCrash extends Error {
        private static final long serialVersionUID = 1L;

        SimulatedCrash() {
            super("simulated crash", null, false, false);
        }
    }

    private static final class Output {
        final ByteArrayOutputStream outBytes = new ByteArrayOutputStream();
        final ByteArrayOutputStream errBytes = new ByteArrayOutputStream();
        final PrintStream out = new PrintStream(outBytes, true, StandardCharsets.UTF_8);
        final PrintStream err = new PrintStream(errBytes, true, StandardCharsets.UTF_8);

        String text() {
            return outBytes.toString(StandardCharsets.UTF_8) + errBytes.toString(StandardCharsets.UTF_8);
        }

        String errText() {
            return errBytes.toString(StandardCharsets.UTF_8);
        }
    }
}
