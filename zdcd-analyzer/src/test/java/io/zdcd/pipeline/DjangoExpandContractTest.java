package io.zdcd.pipeline;

import static org.assertj.core.api.BDDAssertions.then;

import io.zdcd.analyzer.SqlMigrationClassifier;
import io.zdcd.analyzer.fix.FixRewriter;
import io.zdcd.analyzer.fix.MigrationFixer;
import io.zdcd.django.DjangoIntegrationTest;
import io.zdcd.django.DjangoMigrationRunner;
import io.zdcd.django.DjangoMigrationSource;
import io.zdcd.django.DjangoProject;
import io.zdcd.spi.Build;
import io.zdcd.spi.MigrationResult;
import io.zdcd.spi.PendingMigration;
import io.zdcd.spi.Progress;
import io.zdcd.spi.Rewrite;
import io.zdcd.spi.StepKind;
import io.zdcd.testing.PostgresExtension;
import io.zdcd.testing.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Expand/contract of a Django migration: {@link DjangoMigrationRunner} applies the rewrite's parts as SQL and records
 * the migration in {@code django_migrations}; the real classifier, fixer and {@code manage.py} on PostgreSQL.
 */
@ExtendWith(PostgresExtension.class)
class DjangoExpandContractTest {
    /** UNSAFE: an index built without CONCURRENTLY, and Django's AddField with a default (DROP DEFAULT after it). */
    static final String MIGRATION = """
            from django.db import migrations, models


            class Migration(migrations.Migration):
                dependencies = [("orders", "0003_remove_order_legacy")]
                operations = [
                    migrations.AddField(
                        model_name="order", name="status", field=models.CharField(default="new", max_length=20)),
                    migrations.AddIndex(model_name="order", index=models.Index(fields=["note"], name="orders_note_idx")),
                ]
            """;
    static final String LATER = """
            from django.db import migrations, models


            class Migration(migrations.Migration):
                dependencies = [("orders", "0004_order_status")]
                operations = [
                    migrations.AddField(model_name="order", name="memo", field=models.TextField(null=True)),
                ]
            """;

    Harness h;
    DjangoProject project;
    Path migrations;

    @BeforeEach
    void setUp(TestDatabase db, TestInfo info, @TempDir Path dir) throws Exception {
        h = new Harness(db, info.getTestMethod().orElseThrow().getName(), Files.createDirectories(dir.resolve("sql")));
        Path shop = DjangoIntegrationTest.copyOfShop(dir.resolve("shop"));
        migrations = shop.resolve("orders/migrations");
        project = DjangoProject.builder(shop).database(h.target).python(DjangoIntegrationTest.pythonWithDjango())
                .build();
        then(DjangoIntegrationTest.manage(project, "migrate", "orders", "0003_remove_order_legacy").exitCode())
                .isZero();
        h.sql("INSERT INTO orders_order (note, email) SELECT 'n' || g, g || '@example.com' "
                + "FROM generate_series(1, 300) g");
        Files.writeString(migrations.resolve("0004_order_status.py"), MIGRATION);
    }

    private DeploymentPipeline pipeline(boolean expandContract) {
        DeploymentPipeline.Builder b = h.pipeline()
                .migrations(DjangoMigrationSource.of(project), DjangoMigrationRunner.of(project))
                .classifier(SqlMigrationClassifier.builder().implicitTransactions(false).liveSchema(h.target).build());
        return expandContract ? b.expandContract(FixRewriter.of(MigrationFixer.builder().liveSchema(h.target)
                .build())).build() : b.build();
    }

    @Test
    void an_unsafe_django_migration_ships_at_once_by_expand_contract_and_is_recorded_in_django_migrations() {
        then(pipeline(false).plan(Build.of("b1")).decision()).isEqualTo(DeploymentPlan.Decision.DEFER);

        DeploymentOutcome outcome = pipeline(true).deploy(Build.of("b1"));

        then(outcome.status()).as(outcome.describe()).isEqualTo(DeploymentOutcome.Status.DEPLOYED);
        then(outcome.steps()).extracting(StepResult::step).containsSubsequence(StepKind.MIGRATE, StepKind.RELEASE,
                StepKind.VERIFY, StepKind.CONTRACT);
        then(outcome.steps()).filteredOn(r -> r.step() == StepKind.MIGRATE).extracting(StepResult::subject)
                .allMatch(s -> s.startsWith("orders/0004_order_status_") && s.endsWith("_expand.sql"));
        then(h.strings("SELECT indexrelid::regclass::text FROM pg_index WHERE indisvalid "
                + "AND indexrelid = to_regclass('orders_note_idx')")).containsExactly("orders_note_idx");
        // the contract dropped the database default, as the original does
        then(h.strings("SELECT coalesce(column_default, 'none') || ' ' || is_nullable FROM information_schema.columns "
                + "WHERE table_name = 'orders_order' AND column_name = 'status'")).containsExactly("none NO");
        then(h.strings("SELECT count(*) FROM orders_order WHERE status = 'new'")).containsExactly("300");
        then(h.strings("SELECT name FROM django_migrations WHERE app = 'orders' ORDER BY id DESC LIMIT 1"))
                .containsExactly("0004_order_status");
        then(DjangoIntegrationTest.manage(project, "migrate", "--plan").output()).contains("No planned migration");
    }

    @Test
    void the_runner_still_refuses_a_later_migration_while_the_rewrite_it_depends_on_is_not_recorded()
            throws Exception {
        // the pipeline defers such a push at preflight (DjangoDependentMigrationTest); the runner is the last guard
        Files.writeString(migrations.resolve("0005_order_memo.py"), LATER);
        DjangoMigrationRunner runner = DjangoMigrationRunner.of(project);
        List<PendingMigration> pending = DjangoMigrationSource.of(project).pending(Build.of("b1"));
        then(pending).extracting(PendingMigration::name).containsExactly("orders/0004_order_status",
                "orders/0005_order_memo");
        then(runner.appliedBefore(pending.get(1))).containsExactly("orders/0004_order_status");
        then(runner.appliedBefore(pending.get(0))).isEmpty();
        Rewrite rewrite = FixRewriter.of(MigrationFixer.builder().liveSchema(h.target).build()).rewrite(pending.get(0));
        then(rewrite.contract()).isNotEmpty();
        for (PendingMigration part : rewrite.expand()) {
            then(runner.appliedBefore(part)).isEmpty(); // run as SQL, not by manage.py
            then(runner.apply(part, Progress.none()).status()).isEqualTo(MigrationResult.Status.APPLIED);
        }

        MigrationResult later = runner.apply(pending.get(1), Progress.none());

        then(later.status()).isEqualTo(MigrationResult.Status.FAILED);
        then(later.error()).contains("manage.py migrate would first apply orders.0004_order_status");
        then(h.strings("SELECT count(*) FROM django_migrations WHERE app = 'orders' AND name >= '0004'"))
                .containsExactly("0");
        then(h.strings("SELECT count(*) FROM information_schema.columns WHERE table_name = 'orders_order' "
                + "AND column_name = 'memo'")).containsExactly("0");
    }
}
