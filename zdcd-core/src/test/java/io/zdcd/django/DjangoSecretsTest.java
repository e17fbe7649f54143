package io.zdcd.django;

import static org.assertj.core.api.BDDAssertions.catchThrowable;
import static org.assertj.core.api.BDDAssertions.then;

import io.zdcd.classify.Classification;
import io.zdcd.classify.ClassificationReport;
import io.zdcd.classify.Migration;
import io.zdcd.classify.MigrationClassifier;
import io.zdcd.classify.Verdict;
import io.zdcd.jdbc.JdbcDeploymentJournal;
import io.zdcd.jdbc.LocalDatabaseBackups;
import io.zdcd.jdbc.PostgresDatabase;
import io.zdcd.pipeline.DeploymentOutcome;
import io.zdcd.pipeline.DeploymentPipeline;
import io.zdcd.pipeline.FakePlatform;
import io.zdcd.spi.Build;
import io.zdcd.spi.MigrationResult;
import io.zdcd.spi.PendingMigration;
import io.zdcd.spi.Progress;
import io.zdcd.testing.Leaks;
import io.zdcd.testing.PasswordLogin;
import io.zdcd.testing.PostgresExtension;
import io.zdcd.testing.TestDatabase;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A failing {@code manage.py} prints what it likes: psycopg2's connection error, a traceback whose last line dumps
 * {@code settings.DATABASES} and {@code DATABASE_URL}. Whatever it prints reaches zdcd's exceptions, migration results,
 * events, outcomes and the journal's rows only masked. Runs the real test project ({@code django/shop}, copied, with a
 * migration and a settings switch that dump the database settings) on a role that must log in with its password.
 */
@ExtendWith(PostgresExtension.class)
class DjangoSecretsTest {
    private static final String ROLE = "zdcd_django_leak";
    private static final String DATABASE = "zdcd_django_leak_db";
    /** A neutral password: the baseline a common-word password's occurrences are compared with. */
    private static final String NEUTRAL = "Nq8Rk3Wd5Vf2";

    @TempDir
    static Path dir;
    static TestDatabase test;
    static PasswordLogin passwordLogin;
    static Path shop;
    static String python;

    @BeforeAll
    static void setUp(TestDatabase db) throws IOException {
        python = DjangoIntegrationTest.pythonWithDjango();
        test = db;
        db.execute("DROP DATABASE IF EXISTS " + DATABASE + " WITH (FORCE)", "DROP ROLE IF EXISTS " + ROLE,
                "CREATE ROLE " + ROLE + " LOGIN CREATEDB PASSWORD '" + NEUTRAL + "'",
                "CREATE DATABASE " + DATABASE + " OWNER " + ROLE);
        passwordLogin = PasswordLogin.require(db, ROLE, DATABASE);
        shop = DjangoIntegrationTest.copyOfShop(dir.resolve("shop"));
        Files.writeString(shop.resolve("shop/settings.py"), Files.readString(shop.resolve("shop/settings.py"))
                + "\nif os.environ.get('ZDCD_DUMP_SETTINGS'):\n"
                + "    from django.core.exceptions import ImproperlyConfigured\n"
                + "    raise ImproperlyConfigured('bad database %r from %s' % (DATABASES, os.environ['DATABASE_URL']))\n");
        Files.writeString(shop.resolve("orders/migrations/0004_dump_settings.py"), """
                import os
                from django.conf import settings
                from django.db import migrations


                def dump(apps, schema_editor):
                    raise RuntimeError('cannot migrate with %r from %s'
                                       % (settings.DATABASES['default'], os.environ['DATABASE_URL']))


                class Migration(migrations.Migration):
                    dependencies = [('orders', '0003_remove_order_legacy')]
                    operations = [migrations.RunPython(dump, migrations.RunPython.noop)]
                """);
    }

    @AfterAll
    static void tearDown() throws java.sql.SQLException {
        if (passwordLogin != null) {
            passwordLogin.close();
        }
        List<String> databases = new ArrayList<>(); // the database and the backups' copies of it
        try (var c = test.connect(); var s = c.createStatement(); var rs = s.executeQuery(
                "SELECT datname FROM pg_database WHERE starts_with(datname, '" + DATABASE + "')")) {
            while (rs.next()) {
                databases.add(rs.getString(1));
            }
        }
        for (String name : databases) {
            test.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
        }
        test.execute("DROP ROLE IF EXISTS " + ROLE);
    }

    /** Everything one failing run surfaced: messages, results, events, outcomes, journal rows. */
    private static String failures(String password, String rolePassword) {
        test.execute("ALTER ROLE " + ROLE + " PASSWORD '" + rolePassword + "'");
        try (var c = PostgresDatabase.of(test.host(), test.port(), DATABASE, test.user(), test.password()).connect();
             var s = c.createStatement()) {
            s.execute("DROP TABLE IF EXISTS orders_order, django_migrations CASCADE");
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
        test.execute("DROP SCHEMA IF EXISTS zdcd CASCADE");
        PostgresDatabase db = PostgresDatabase.fromUrl("postgres://" + ROLE + ":" + URLEncoder.encode(password,
                StandardCharsets.UTF_8) + "@localhost:" + test.port() + "/" + DATABASE);
        DjangoProject project = DjangoProject.builder(shop).database(db).python(python).build();
        List<String> seen = new ArrayList<>();
        Progress progress = (message, done, total) -> seen.add(message);
        PendingMigration first = new PendingMigration("orders/0001_initial", "-- sql");

        // psycopg2 cannot log in (wrong password) or the migration dumps the settings (right password)
        MigrationResult result = DjangoMigrationRunner.of(project).apply(first, progress);
        seen.add(result.toString());
        seen.add(result.error());
        // the settings dump on import: showmigrations fails
        DjangoProject dumping = DjangoProject.builder(shop).database(db).python(python)
                .environment("ZDCD_DUMP_SETTINGS", "1").build();
        Throwable source = catchThrowable(() -> DjangoMigrationSource.of(dumping).pending(Build.of("b1")));
        seen.add(String.valueOf(source));
        Throwable run = catchThrowable(() -> DjangoMigrationRunner.of(dumping).apply(first, progress));
        seen.add(String.valueOf(run));
        seen.add(dumping.toString());
        seen.add(DjangoMigrationRunner.of(dumping).toString());

        if (password.equals(rolePassword)) {
            // a deployment whose fourth migration dumps the settings: outcome, events and journal rows
            PostgresDatabase control = PostgresDatabase.of(test.host(), test.port(), test.name(), test.user(),
                    test.password());
            List<String> events = new CopyOnWriteArrayList<>();
            FakePlatform platform = new FakePlatform("b0");
            DeploymentPipeline pipeline = DeploymentPipeline.builder().app("shop").platform(platform)
                    .migrations(DjangoMigrationSource.of(project), DjangoMigrationRunner.of(project))
                    .classifier(ALL_SAFE).backups(LocalDatabaseBackups.builder(db).keep(1).build())
                    .journal(JdbcDeploymentJournal.of(control))
                    .addListener(e -> events.add(e.toString())).build();
            DeploymentOutcome outcome = pipeline.deploy(Build.of("b1"));
            then(outcome.status()).as(outcome.describe()).isNotEqualTo(DeploymentOutcome.Status.DEPLOYED);
            then(outcome.describe()).contains("0004_dump_settings");
            seen.add(outcome.describe());
            seen.add(outcome.toString());
            seen.addAll(events);
            JdbcDeploymentJournal.of(control).recent("shop", 5).forEach(r -> seen.add(r.toString() + r.entries()));
            try (var c = control.connect(); var s = c.createStatement();
                 var rs = s.executeQuery("SELECT row_to_json(d)::text FROM zdcd.deployments d UNION ALL "
                         + "SELECT row_to_json(e)::text FROM zdcd.journal_entries e")) {
                while (rs.next()) {
                    seen.add(rs.getString(1));
                }
            } catch (java.sql.SQLException e) {
                throw new IllegalStateException(e);
            }
        }
        return String.join("\n", seen);
    }

    private static final MigrationClassifier ALL_SAFE = new MigrationClassifier() {
        @Override
        public Classification classify(Migration migration) {
            return new Classification(migration.name(), Verdict.SAFE, List.of(), List.of());
        }

        @Override
        public ClassificationReport classifyAll(List<Migration> migrations) {
            return new ClassificationReport(17, Verdict.SAFE, migrations.stream().map(this::classify).toList());
        }

        @Override
        public int postgresVersion() {
            return 17;
        }
    };

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"Kq7%Zx9@Wv4:Jm2/Ty6", "Hb5%:@/", "e", "release"})
    void a_failing_manage_py_never_shows_the_password(String password) {
        String wrong = failures(password, NEUTRAL);
        String right = failures(password, password);

        then(wrong).as("psycopg2's own error reached zdcd").contains("password authentication failed");
        then(right).as("the dumps reached zdcd").contains("'PASSWORD': '██'", "bad database", "cannot migrate with");
        for (String text : List.of(wrong, right)) {
            then(text).doesNotContainPattern(Leaks.MASK_INSIDE_A_WORD);
            if (Leaks.distinctive(password)) {
                then(text).doesNotContain(Leaks.forms(password));
            }
        }
        if (!Leaks.distinctive(password)) { // a common word: no more often than with another password
            String wrongBaseline = failures("Other-Pw-1", NEUTRAL);
            String rightBaseline = failures(NEUTRAL, NEUTRAL);
            then(Leaks.words(wrong, password)).as(wrong + "\n--- baseline\n" + wrongBaseline)
                    .isLessThanOrEqualTo(Leaks.words(wrongBaseline, password));
            then(Leaks.words(right, password)).as(right + "\n--- baseline\n" + rightBaseline)
                    .isLessThanOrEqualTo(Leaks.words(rightBaseline, password));
        }
    }
}
