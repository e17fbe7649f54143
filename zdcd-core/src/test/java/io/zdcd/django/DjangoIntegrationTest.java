package io.zdcd.django;

import static org.assertj.core.api.BDDAssertions.catchThrowable;
import static org.assertj.core.api.BDDAssertions.then;

import io.zdcd.jdbc.LockPolicy;
import io.zdcd.jdbc.PostgresDatabase;
import io.zdcd.spi.Build;
import io.zdcd.spi.MigrationResult;
import io.zdcd.spi.PendingMigration;
import io.zdcd.testing.PostgresExtension;
import io.zdcd.testing.TestDatabase;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Django integration against the real test project under {@code src/test/resources/django/shop}, run by the
 * first Python interpreter that has Django ({@link DjangoProject#findPython}). Without one, the tests that need it
 * are skipped and say why; CI installs Debian's python3-django.
 */
@ExtendWith(PostgresExtension.class)
public class DjangoIntegrationTest {
    /** The test project's folder (read-only: tests that change it work on a copy). */
    public static final Path SHOP = shop();
    PostgresDatabase db;
    TestDatabase test;

    /**
     * The test project's folder. Another module's tests see these resources inside zdcd-core's test jar (as
     * {@code mvn verify} resolves it); there the whole {@code django} tree is copied once into a temporary folder.
     */
    static Path shop() {
        try {
            java.net.URI uri = DjangoIntegrationTest.class.getResource("/django/shop/manage.py").toURI();
            if (!"jar".equals(uri.getScheme())) {
                return Path.of(uri).getParent();
            }
            Path copy = Files.createTempDirectory("zdcd-django-");
            try (java.nio.file.FileSystem jar = java.nio.file.FileSystems.newFileSystem(uri, java.util.Map.of());
                 java.util.stream.Stream<Path> files = Files.walk(jar.getPath("/django"))) {
                for (Path f : (Iterable<Path>) files::iterator) {
                    Path target = copy.resolve(f.toString().substring(1));
                    if (Files.isDirectory(f)) {
                        Files.createDirectories(target);
                    } else {
                        Files.copy(f, target);
                    }
                }
            }
            return copy.resolve("django/shop");
        } catch (URISyntaxException | java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The first interpreter with Django; aborts (skips) the calling test when there is none. */
    public static String pythonWithDjango() {
        Optional<String> python = DjangoProject.findPython(SHOP);
        if (python.isEmpty()) {
            String reason = "SKIPPED: no Python interpreter with Django found (tried $ZDCD_PYTHON, python3, "
                    + "/usr/bin/python3); install Debian's python3-django and python3-psycopg2 to run the Django tests";
            System.out.println(reason);
            Assumptions.abort(reason);
        }
        return python.get();
    }

    /** A copy of the test project in {@code to} (without {@code __pycache__}), for tests that change it. */
    public static Path copyOfShop(Path to) throws java.io.IOException {
        try (java.util.stream.Stream<Path> all = Files.walk(SHOP)) {
            for (Path p : (Iterable<Path>) all.filter(p -> !p.toString().contains("__pycache__"))::iterator) {
                Files.copy(p, to.resolve(SHOP.relativize(p).toString()));
            }
        }
        return to;
    }

    /** What one {@code manage.py} run printed, and its exit code. */
    public record Manage(int exitCode, String output) {
    }

    /** Runs {@code python manage.py args} of {@code project}, with its database in the environment. */
    public static Manage manage(DjangoProject project, String... args) {
        DjangoProject.Result r = project.manage(java.util.Map.of(), args);
        return new Manage(r.exitCode(), r.output());
    }

    @BeforeEach
    void setUp(TestDatabase test) {
        this.test = test;
        db = PostgresDatabase.of(test.host(), test.port(), test.name(), test.user(), test.password());
        test.execute("DROP TABLE IF EXISTS orders_order, django_migrations CASCADE");
    }

    private DjangoProject project() {
        return DjangoProject.builder(SHOP).database(db).python(pythonWithDjango()).build();
    }

    @Test
    void pending_migrations_come_from_the_files_not_in_django_migrations_with_their_sql() {
        DjangoProject project = project();
        DjangoMigrationSource source = DjangoMigrationSource.of(project);

        List<PendingMigration> all = source.pending(Build.of("b1"));
        MigrationResult first = DjangoMigrationRunner.of(project).apply(all.get(0), io.zdcd.spi.Progress.none());
        List<PendingMigration> after = source.pending(Build.of("b1"));

        then(all).extracting(PendingMigration::name).containsExactly("orders/0001_initial",
                "orders/0002_order_email", "orders/0003_remove_order_legacy");
        then(all.get(0).sql()).contains("CREATE TABLE \"orders_order\"");
        then(all.get(1).sql()).contains("ALTER TABLE \"orders_order\" ADD COLUMN \"email\" text NULL");
        then(all.get(2).sql()).contains("DROP COLUMN \"legacy\"");
        then(first.isApplied()).as(first.error()).isTrue();
        then(test.queryValue("SELECT count(*) FROM django_migrations WHERE app = 'orders'")).isEqualTo(1L);
        then(after).extracting(PendingMigration::name).containsExactly("orders/0002_order_email",
                "orders/0003_remove_order_legacy");
    }

    @Test
    void migrate_runs_under_lock_timeout_and_retries_until_the_lock_is_granted() throws Exception {
        DjangoProject project = project();
        DjangoMigrationSource source = DjangoMigrationSource.of(project);
        DjangoMigrationRunner runner = DjangoMigrationRunner.builder(project)
                .lockPolicy(LockPolicy.custom().firstLockTimeout(Duration.ofMillis(300))
                        .maxLockTimeout(Duration.ofMillis(300))
                        .initialBackoff(Duration.ofMillis(100)).maxBackoff(Duration.ofMillis(300))
                        .budget(Duration.ofSeconds(60)).build())
                .build();
        runner.apply(source.pending(Build.of("b1")).get(0), io.zdcd.spi.Progress.none());
        test.execute("INSERT INTO orders_order (note, legacy) VALUES ('kept', 'x')");
        PendingMigration addEmail = source.pending(Build.of("b1")).get(0);
        List<String> progress = new CopyOnWriteArrayList<>();

        MigrationResult result;
        try (Connection longTx = db.connect(); Statement s = longTx.createStatement()) {
            longTx.setAutoCommit(false);
            s.executeQuery("SELECT count(*) FROM orders_order").close();
            CompletableFuture<MigrationResult> applying = CompletableFuture.supplyAsync(
                    () -> runner.apply(addEmail, (m, d, t) -> progress.add(m)));
            // hold the lock until Django has been refused it at least once (however slowly Python starts)
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
            while (progress.stream().noneMatch(m -> m.contains("lock not granted")) && !applying.isDone()
                    && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            longTx.commit();
            result = applying.get(120, TimeUnit.SECONDS);
        }

        then(result.isApplied()).as(result.error()).isTrue();
        then(result.statements().get(0).attempts()).isGreaterThan(1);
        then(progress).anyMatch(m -> m.contains("lock not granted within 300ms; retry 1"));
        then(test.queryValue("SELECT count(*) FROM information_schema.columns WHERE table_name = 'orders_order' "
                + "AND column_name = 'email'")).isEqualTo(1L);
        then(test.queryValue("SELECT note FROM orders_order")).isEqualTo("kept");
    }

    @Test
    void a_failing_django_migration_is_rolled_back_and_reported() {
        DjangoProject project = project();
        DjangoMigrationRunner runner = DjangoMigrationRunner.of(project);

        MigrationResult r = runner.apply(new PendingMigration("orders/0009_missing", ""), io.zdcd.spi.Progress.none());

        then(r.status()).isEqualTo(MigrationResult.Status.FAILED);
        then(r.error()).contains("0009_missing");
        then(r.error()).doesNotContain(test.password().isEmpty() ? "\u0000" : test.password());
    }

    @Test
    void a_missing_python_or_django_is_a_clear_error(@TempDir Path dir) throws Exception {
        DjangoProject noPython = DjangoProject.builder(SHOP).database(db).python("/nonexistent/python3").build();
        Path fake = dir.resolve("python-without-django");
        Files.writeString(fake, "#!/bin/sh\necho \"ModuleNotFoundError: No module named 'django'\" >&2\nexit 1\n");
        Files.setPosixFilePermissions(fake, PosixFilePermissions.fromString("rwxr-xr-x"));
        DjangoProject noDjango = DjangoProject.builder(SHOP).database(db).python(fake.toString()).build();

        Throwable missingPython = catchThrowable(() -> DjangoMigrationSource.of(noPython).pending(Build.of("b")));
        test.execute("CREATE TABLE IF NOT EXISTS django_migrations (id serial, app text, name text, applied "
                + "timestamptz)");
        Throwable missingDjango = catchThrowable(() -> DjangoMigrationSource.of(noDjango).pending(Build.of("b")));

        then(missingPython).isInstanceOf(DjangoException.class)
                .hasMessageContaining("cannot run the Python interpreter '/nonexistent/python3'");
        then(missingDjango).isInstanceOf(DjangoException.class)
                .hasMessageContaining("Django is not installed for " + fake)
                .hasMessageContaining("apt-get install python3-django");
        then(catchThrowable(() -> DjangoProject.builder(dir).database(db).build()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no manage.py in");
    }

    @Test
    void a_django_project_deploys_through_the_pipeline_and_its_unsafe_migration_waits_for_the_night()
            throws Exception {
        DjangoProject project = project();
        PostgresDatabase control = DjangoWeek.freshDatabase(db, db.name() + "_ctl");
        io.zdcd.pipeline.FakePlatform platform = new io.zdcd.pipeline.FakePlatform("b0");
        io.zdcd.pipeline.DeploymentPipeline pipeline = io.zdcd.pipeline.DeploymentPipeline.builder()
                .app("shop")
                .platform(platform)
                .migrations(DjangoMigrationSource.of(project), DjangoMigrationRunner.of(project))
                .classifier(new io.zdcd.pipeline.TestClassifier())
                .backups(io.zdcd.jdbc.LocalDatabaseBackups.of(db))
                .journal(io.zdcd.jdbc.JdbcDeploymentJournal.of(control))
                .queue(io.zdcd.jdbc.JdbcBuildQueue.of(control))
                .build();

        io.zdcd.pipeline.DeploymentOutcome push = pipeline.deploy(Build.of("b1"));
        then(push.status()).isEqualTo(io.zdcd.pipeline.DeploymentOutcome.Status.DEFERRED);
        then(test.queryValue("SELECT to_regclass('orders_order')")).isNull();

        io.zdcd.pipeline.DeploymentOutcome night = pipeline.nightly();
        then(night.status()).as(night.describe()).isEqualTo(io.zdcd.pipeline.DeploymentOutcome.Status.DEPLOYED);
        then(night.steps()).extracting(io.zdcd.pipeline.StepResult::subject).contains("orders/0001_initial",
                "orders/0002_order_email", "orders/0003_remove_order_legacy");
        then(test.queryValue("SELECT count(*) FROM django_migrations WHERE app = 'orders'")).isEqualTo(3L);
        then(test.queryValue("SELECT string_agg(column_name, ',' ORDER BY ordinal_position) FROM "
                + "information_schema.columns WHERE table_name = 'orders_order'")).isEqualTo("id,note,email");
        then(platform.servingBuild()).isEqualTo("b1");
        then(platform.inMaintenance("shop")).isFalse();
        then(platform.log).containsExactly("maintenance on", "release b1", "maintenance off");
    }
}
