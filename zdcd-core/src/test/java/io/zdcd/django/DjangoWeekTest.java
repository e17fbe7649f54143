package io.zdcd.django;

import static org.assertj.core.api.BDDAssertions.then;

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
import java.nio.file.Path;
import java.util.List;
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
    @Test
    void a_django_week_ships_the_queue_at_night_and_a_bad_run_python_night_is_undone(TestDatabase test,
                                                                                    @TempDir Path dir)
            throws Exception {
        DjangoWeek week = new DjangoWeek(test, dir, "_ctl");
        FakePlatform platform = week.platform;
        DeploymentPipeline pipeline = week.pipeline(new TestClassifier());

        // Monday: the first two migrations are safe and ship at once; the shop takes orders
        then(pipeline.deploy(Build.of("b1")).status()).isEqualTo(DeploymentOutcome.Status.DEPLOYED);
        test.execute("INSERT INTO orders_order (note, legacy) SELECT 'monday ' || g, 'x' FROM generate_series(1, 300) g");

        // Tuesday: removing a field is deferred
        week.removeLegacy();
        then(pipeline.deploy(Build.of("b2")).status()).isEqualTo(DeploymentOutcome.Status.DEFERRED);

        // Wednesday: a varchar(200) column and its widening to varchar(300) queue behind it
        week.add("0004_order_code.py", "0005_widen_order_code.py");
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
        week.add("0006_fill_order_code.py");
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
        then(week.queue.queued("shop")).extracting(q -> q.build().version()).containsExactly("b4");
        List<DeploymentRecord> days = week.journal.recent("shop", 10);
        then(days).hasSize(6).noneMatch(DeploymentRecord::isUnfinished);
        then(days.get(0).summary()).startsWith("rolled back");
        then(pipeline.recoveryPlan()).isEmpty();
        then(pipeline.recover().status()).isEqualTo(DeploymentOutcome.Status.SKIPPED);
    }
}
