package io.zdcd.django;

import static org.assertj.core.api.BDDAssertions.then;

import io.zdcd.analyzer.SqlMigrationClassifier;
import io.zdcd.classify.Classification;
import io.zdcd.classify.Finding;
import io.zdcd.classify.Verdict;
import io.zdcd.pipeline.DeploymentOutcome;
import io.zdcd.pipeline.DeploymentPipeline;
import io.zdcd.pipeline.FakePlatform;
import io.zdcd.spi.Build;
import io.zdcd.spi.DeploymentRecord;
import io.zdcd.spi.PendingMigration;
import io.zdcd.testing.PostgresExtension;
import io.zdcd.testing.TestDatabase;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Django week of {@code DjangoWeekTest} with zdcd-analyzer's real classifier reading the live schema, as
 * {@code zdcd deploy --django-project} builds it: the varchar(200) to varchar(300) widening is SAFE against the live
 * table and ships at once (no maintenance window), although without the live schema it is UNSAFE; the
 * {@code RunPython} data migration fails closed ({@code django-python-operation}) and waits for the nightly.
 */
@ExtendWith(PostgresExtension.class)
class DjangoLiveSchemaWeekTest {
    @Test
    void the_live_schema_ships_a_widening_at_once_and_run_python_waits_for_the_night(TestDatabase test,
                                                                                      @TempDir Path dir)
            throws Exception {
        DjangoWeek week = new DjangoWeek(test, dir, "_live_ctl");
        FakePlatform platform = week.platform;
        DjangoProject project = week.project;
        DeploymentPipeline pipeline = week.pipeline(
                SqlMigrationClassifier.builder().implicitTransactions(false).liveSchema(week.db).build());

        // Monday: the first two migrations ship at once; the shop takes orders
        then(pipeline.deploy(Build.of("b1")).status()).isEqualTo(DeploymentOutcome.Status.DEPLOYED);
        test.execute("INSERT INTO orders_order (note, legacy) SELECT 'monday ' || g, 'x' FROM generate_series(1, 300) g");

        // Tuesday: removing a field is UNSAFE (old code still reads it) and deferred; the night ships it
        week.removeLegacy();
        DeploymentOutcome tuesday = pipeline.deploy(Build.of("b2"));
        then(tuesday.status()).isEqualTo(DeploymentOutcome.Status.DEFERRED);
        then(tuesday.describe()).contains("drop-column");
        then(pipeline.nightly().status()).as("night 1").isEqualTo(DeploymentOutcome.Status.DEPLOYED);

        // Wednesday: a nullable varchar(200) column ships at once
        week.add("0004_order_code.py");
        then(pipeline.deploy(Build.of("b3")).status()).isEqualTo(DeploymentOutcome.Status.DEPLOYED);

        // Thursday: the widening to varchar(300) is UNSAFE without the live schema, SAFE with it, and ships at once
        week.add("0005_widen_order_code.py");
        List<PendingMigration> widening = DjangoMigrationSource.of(project).pending(Build.of("b4"));
        then(widening).extracting(PendingMigration::name).containsExactly("orders/0005_widen_order_code");
        Classification blind = SqlMigrationClassifier.builder().implicitTransactions(false).build()
                .classify(widening.get(0).toMigration());
        then(blind.verdict()).as("without the live schema").isEqualTo(Verdict.UNSAFE);
        then(blind.allFindings()).extracting(Finding::ruleId).contains("alter-column-type");
        DeploymentOutcome thursday = pipeline.deploy(Build.of("b4"));
        then(thursday.status()).as(thursday.describe()).isEqualTo(DeploymentOutcome.Status.DEPLOYED);
        then(test.queryValue("SELECT character_maximum_length FROM information_schema.columns "
                + "WHERE table_name = 'orders_order' AND column_name = 'code'")).isEqualTo(300);

        // Friday: a RunPython data migration fails closed and waits for the nightly
        week.add("0006_fill_order_code.py");
        DeploymentOutcome friday = pipeline.deploy(Build.of("b5"));
        then(friday.status()).isEqualTo(DeploymentOutcome.Status.DEFERRED);
        then(friday.describe()).contains("orders/0006_fill_order_code: UNSAFE", "django-python-operation");
        then(test.queryValue("SELECT count(*) FROM orders_order WHERE code IS NOT NULL")).isEqualTo(0L);

        // Night 2: the RunPython runs inside the maintenance window; night 3 has nothing to do
        DeploymentOutcome night2 = pipeline.nightly();
        then(night2.status()).as(night2.describe()).isEqualTo(DeploymentOutcome.Status.DEPLOYED);
        then(test.queryValue("SELECT count(*) FROM orders_order WHERE code IS NOT NULL")).isEqualTo(300L);
        then(pipeline.nightly().status()).as("night 3").isEqualTo(DeploymentOutcome.Status.SKIPPED);

        then(platform.log).containsExactly("release b1", "maintenance on", "release b2", "maintenance off",
                "release b3", "release b4", "maintenance on", "release b5", "maintenance off");
        then(platform.servingBuild()).isEqualTo("b5");
        then(week.queue.queued("shop")).isEmpty();
        then(week.journal.recent("shop", 20)).noneMatch(DeploymentRecord::isUnfinished);
        then(pipeline.recoveryPlan()).isEmpty();
    }
}
