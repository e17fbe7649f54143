package io.zdcd.django;

import static org.assertj.core.api.BDDAssertions.then;

import io.zdcd.jdbc.JdbcBuildQueue;
import io.zdcd.jdbc.JdbcDeploymentJournal;
import io.zdcd.jdbc.LocalDatabaseBackups;
import io.zdcd.jdbc.PostgresDatabase;
import io.zdcd.pipeline.DeploymentOutcome;
import io.zdcd.pipeline.DeploymentPipeline;
import io.zdcd.pipeline.FakePlatform;
import io.zdcd.pipeline.StepResult;
import io.zdcd.pipeline.TestClassifier;
import io.zdcd.spi.Build;
import io.zdcd.spi.DeploymentRecord;
import io.zdcd.spi.StepKind;
import io.zdcd.testing.PostgresExtension;
import io.zdcd.testing.TestDatabase;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A Django team's week on the real test project ({@code django/shop}, to which each day adds migrations from
 * {@code django/week}: a varchar(200) column, its widening to varchar(300), a {@code RunPython} data migration),
 * deployed through the public API to a platform that answers 503 in maintenance, with whole-database restores.
 *
 * <p>The verdicts come from {@link TestClassifier}, which, as zdcd-analyzer does, fails closed on an operation that
 * {@code sqlmigrate} cannot write as SQL; the widening is UNSAFE for it (no live schema), which only queues it.
 */
@ExtendWith(PostgresExtension.class)
class DjangoWeekTest {
    static final Path WEEK = DjangoIntegrationTest.SHOP.getParent().resolve("week");

    @Test
    void a_django_week_ships_the_queue_at_night_and_a_bad_run_python_night_is_undone(TestDatabase test,
                                                                                    @TempDir Path dir)
            throws Exception {
        String python = DjangoIntegrationTest.pythonWithDjango();
        PostgresDatabase db = PostgresDatabase.of(test.host(), test.port(), test.name(), test.user(), test.password());
        test.execute("DROP TABLE IF EXISTS orders_order, django_migrations CASCADE");
        PostgresDatabase control = db.withName(db.name() + "_ctl");
        try (Connection c = db.withName("postgres").connect(); Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + control.name());
            s.execute("CREATE DATABASE " + control.name());
        }
        Path shop = copy(DjangoIntegrationTest.SHOP, dir.resolve("shop"));
        Path migrations = shop.resolve("orders/migrations");
        Files.delete(migrations.resolve("0003_remove_order_legacy.py"));
        DjangoProject project = DjangoProject.builder(shop).database(db).python(python).build();
        FakePlatform platform = new FakePlatform("b0");
        JdbcBuildQueue queue = JdbcBuildQueue.of(control);
        JdbcDeploymentJournal journal = JdbcDeploymentJournal.of(control);
        DeploymentPipeline pipeline = DeploymentPipeline.builder()
                .app("shop")
                .platform(platform)
                .migrations(DjangoMigrationSource.of(project), DjangoMigrationRunner.of(project))
                .classifier(new TestClassifier())
                .backups(LocalDatabaseBackups.builder(db).keep(2).build())
                .journal(journal)
                .queue(queue)
                .healthCheck(platform.httpCheck())
                .smokeCommand("python manage.py check")
                .verifyTimeout(java.time.Duration.ofMillis(300))
                .verifyInterval(java.time.Duration.ofMillis(50))
                .build();

        // Monday: the first two migrations are safe and ship at once; the shop takes orders
        then(pipeline.deploy(Build.of("b1")).status()).isEqualTo(DeploymentOutcome.Status.DEPLOYED);
        test.execute("INSERT INTO orders_order (note, legacy) SELECT 'monday ' || g, 'x' FROM generate_series(1, 300) g");

        // Tuesday: removing a field is deferred
        Files.copy(DjangoIntegrationTest.SHOP.resolve("orders/migrations/0003_remove_order_legacy.py"),
                migrations.resolve("0003_remove_order_legacy.py"));
        then(pipeline.deploy(Build.of("b2")).status()).isEqualTo(DeploymentOutcome.Status.DEFERRED);

        // Wednesday: a varchar(200) column and its widening to varchar(300) queue behind it
        add(migrations, "0004_order_code.py", "0005_widen_order_code.py");
        DeploymentOutcome wednesday = pipeline.deploy(Build.of("b3"));
        then(wednesday.status()).isEqualTo(DeploymentOutcome.Status.DEFERRED);
        then(((DeploymentOutcome.Deferred) wednesday).reason()).contains("queued behind 1 build");
        test.execute("INSERT INTO orders_order (note, legacy) VALUES ('wednesday', 'x')");

        // Night 1: the queue ships inside a maintenance window
        DeploymentOutcome night1 = pipeline.nightly();
        then(night1.status()).as(night1.describe()).isEqualTo(DeploymentOutcome.Status.DEPLOYED);
        then(night1.steps()).filteredOn(s -> s.step() == StepKind.MIGRATE).extracting(StepResult::subject)
                .containsExactly("orders/0003_remove_order_legacy", "orders/0004_order_code",
                        "orders/0005_widen_order_code");
        then(test.queryValue("SELECT character_maximum_length FROM information_schema.columns "
                + "WHERE table_name = 'orders_order' AND column_name = 'code'")).isEqualTo(300);
        then(platform.log).containsExactly("release b1", "maintenance on", "release b3", "maintenance off");
        then(platform.httpAnswers).doesNotContain("503 v3");
        then(pipeline.nightly().status()).as("night 2").isEqualTo(DeploymentOutcome.Status.SKIPPED);

        // Thursday: a RunPython data migration is judged UNSAFE (fail closed) and deferred
        add(migrations, "0006_fill_order_code.py");
        DeploymentOutcome thursday = pipeline.deploy(Build.of("b4"));
        then(thursday.status()).isEqualTo(DeploymentOutcome.Status.DEFERRED);
        then(thursday.describe()).contains("orders/0006_fill_order_code: UNSAFE", "test-python-operation");
        test.execute("INSERT INTO orders_order (note) VALUES ('thursday')");
        platform.crashingBuilds.add("b4");

        // Night 3: the RunPython ran, the release crashed: code rolled back, database restored, no row lost
        DeploymentOutcome night3 = pipeline.nightly();
        then(night3.status()).as(night3.describe()).isEqualTo(DeploymentOutcome.Status.ROLLED_BACK);
        then(night3.steps()).filteredOn(s -> s.step() == StepKind.MIGRATE).singleElement()
                .satisfies(s -> then(s.status()).isEqualTo(StepResult.Status.SUCCEEDED));
        then(test.queryValue("SELECT count(*) FROM orders_order")).isEqualTo(302L);
        then(test.queryValue("SELECT count(*) FROM orders_order WHERE code IS NOT NULL"))
                .as("the RunPython's writes are undone").isEqualTo(0L);
        then(test.queryValue("SELECT max(name) FROM django_migrations WHERE app = 'orders'"))
                .isEqualTo("0005_widen_order_code");
        then(platform.servingBuild()).isEqualTo("b3");
        then(platform.inMaintenance("shop")).isFalse();
        then(queue.queued("shop")).extracting(q -> q.build().version()).containsExactly("b4");
        List<DeploymentRecord> week = journal.recent("shop", 10);
        then(week).hasSize(6).noneMatch(DeploymentRecord::isUnfinished);
        then(week.get(0).summary()).startsWith("rolled back");
        then(pipeline.recoveryPlan()).isEmpty();
        then(pipeline.recover().status()).isEqualTo(DeploymentOutcome.Status.SKIPPED);
    }

    private static void add(Path migrations, String... files) throws IOException {
        for (String f : files) {
            Files.copy(WEEK.resolve(f), migrations.resolve(f));
        }
    }

    private static Path copy(Path from, Path to) throws IOException {
        try (Stream<Path> all = Files.walk(from)) {
            all.filter(p -> !p.toString().contains("__pycache__")).forEach(p -> {
                try {
                    Files.copy(p, to.resolve(from.relativize(p).toString()));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
        return to;
    }
}
