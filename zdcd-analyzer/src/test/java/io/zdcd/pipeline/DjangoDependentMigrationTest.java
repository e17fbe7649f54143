package io.zdcd.pipeline;

import static org.assertj.core.api.BDDAssertions.then;

import io.zdcd.analyzer.SqlMigrationClassifier;
import io.zdcd.analyzer.fix.FixRewriter;
import io.zdcd.analyzer.fix.MigrationFixer;
import io.zdcd.django.DjangoIntegrationTest;
import io.zdcd.django.DjangoMigrationRunner;
import io.zdcd.django.DjangoMigrationSource;
import io.zdcd.django.DjangoProject;
import io.zdcd.jdbc.JdbcBuildQueue;
import io.zdcd.jdbc.JdbcDeploymentJournal;
import io.zdcd.jdbc.LocalDatabaseBackups;
import io.zdcd.spi.Build;
import io.zdcd.spi.DeploymentMode;
import io.zdcd.spi.DeploymentRecord;
import io.zdcd.spi.QueuedBuild;
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
 * A push with a Django migration rewritten by expand/contract followed by a later migration: the rewritten one is
 * recorded in {@code django_migrations} only once its contract ran (after release), so {@code manage.py migrate} of
 * a later migration that depends on it would run its original SQL first. Such a push is deferred at PREFLIGHT, before
 * any backup or migration, as an UNSAFE push without a recipe is; a later migration that does not depend on it ships
 * in the same push. The real classifier, fixer and {@code manage.py} on PostgreSQL; each test checks that the outcome,
 * the database ({@code django_migrations}, schema) and the journal tell the same story.
 */
@ExtendWith(PostgresExtension.class)
class DjangoDependentMigrationTest {
    static final List<String> BEFORE = List.of("0001_initial", "0002_order_email", "0003_remove_order_legacy");

    Harness h;
    DjangoProject project;
    Path shop;
    Path migrations;

    @BeforeEach
    void setUp(TestDatabase db, TestInfo info, @TempDir Path dir) throws Exception {
        h = new Harness(db, info.getTestMethod().orElseThrow().getName(), Files.createDirectories(dir.resolve("sql")));
        shop = DjangoIntegrationTest.copyOfShop(dir.resolve("shop"));
        migrations = shop.resolve("orders/migrations");
        project = DjangoProject.builder(shop).database(h.target).python(DjangoIntegrationTest.pythonWithDjango())
                .build();
        then(DjangoIntegrationTest.manage(project, "migrate", "orders", "0003_remove_order_legacy").exitCode())
                .isZero();
        h.sql("INSERT INTO orders_order (note, email) SELECT 'n' || g, g || '@example.com' "
                + "FROM generate_series(1, 300) g");
        Files.writeString(migrations.resolve("0004_order_status.py"), DjangoExpandContractTest.MIGRATION);
    }

    private DeploymentPipeline pipeline() {
        return h.pipeline()
                .migrations(DjangoMigrationSource.of(project), DjangoMigrationRunner.of(project))
                .classifier(SqlMigrationClassifier.builder().implicitTransactions(false).liveSchema(h.target).build())
                .expandContract(FixRewriter.of(MigrationFixer.builder().liveSchema(h.target).build()))
                .build();
    }

    @Test
    void a_later_migration_that_depends_on_the_rewritten_one_defers_the_push_at_preflight_then_ships_next_push()
            throws Exception {
        // GIVEN a push: 0004 (UNSAFE, rewritten with a contract), then 0005 that depends on it
        Files.writeString(migrations.resolve("0005_order_memo.py"), DjangoExpandContractTest.LATER);
        DeploymentPipeline pipeline = pipeline();
        String why = "expand/contract is not possible for orders/0004_order_status: orders/0005_order_memo, later "
                + "in this push, depends on it";
        then(pipeline.plan(Build.of("b1")).decision()).isEqualTo(DeploymentPlan.Decision.DEFER);
        then(pipeline.plan(Build.of("b1")).reason()).contains(why);

        List<String> backups = LocalDatabaseBackups.of(h.target).copies(); // other tests of the class may have some

        // WHEN it is pushed
        DeploymentOutcome outcome = pipeline.deploy(Build.of("b1"));

        // THEN the pipeline defers it at preflight, to the nightly build, as an UNSAFE push without a recipe
        then(outcome.status()).as(outcome.describe()).isEqualTo(DeploymentOutcome.Status.DEFERRED);
        String reason = ((DeploymentOutcome.Deferred) outcome).reason();
        then(reason).startsWith("UNSAFE: orders/0004_order_status (").contains(why)
                .contains("push without orders/0005_order_memo to ship the rewrite now");
        then(outcome.steps()).extracting(StepResult::step).containsExactly(StepKind.LOCK, StepKind.PREFLIGHT);
        then(JdbcBuildQueue.of(h.control).queued(h.app)).extracting(q -> q.build().version(), QueuedBuild::reason)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("b1", reason));
        // the database: nothing of the push (no row in django_migrations, no column, no index, no expand part)
        then(djangoMigrations("orders")).containsExactlyElementsOf(BEFORE);
        then(h.strings("SELECT column_name FROM information_schema.columns WHERE table_name = 'orders_order' "
                + "ORDER BY ordinal_position")).containsExactly("id", "note", "email");
        then(h.strings("SELECT count(*) FROM pg_class WHERE relname = 'orders_note_idx'")).containsExactly("0");
        then(expandPartsApplied()).isZero();
        // no side effect: no backup taken, nothing migrated or released
        then(LocalDatabaseBackups.of(h.target).copies()).isEqualTo(backups);
        then(h.events).filteredOn(e -> e instanceof DeploymentEvent.StepStarted).extracting(
                e -> ((DeploymentEvent.StepStarted) e).step()).containsExactly(StepKind.LOCK, StepKind.PREFLIGHT);
        then(h.platform.log).isEmpty();
        then(h.platform.servingBuild()).isEqualTo("b0");
        // the journal tells the same story
        DeploymentRecord record = last();
        then(record.build().version()).isEqualTo("b1");
        then(record.endedAt()).isPresent();
        then(record.succeeded()).isFalse();
        then(record.summary()).isEqualTo("deferred to the nightly build: " + reason);
        then(story(record)).containsExactly("LOCK SUCCEEDED", "PREFLIGHT STARTED", "PREFLIGHT SUCCEEDED");

        // WHEN the team ships 0004 alone by expand/contract instead, then 0005 in the next push
        JdbcBuildQueue.of(h.control).drop(h.app, "b1");
        Path later = Files.move(migrations.resolve("0005_order_memo.py"), shop.resolve("0005_order_memo.py.later"));
        DeploymentOutcome rewrite = pipeline.deploy(Build.of("b2"));
        Files.move(later, migrations.resolve("0005_order_memo.py"));
        DeploymentOutcome next = pipeline.deploy(Build.of("b3"));

        // THEN both ship, and Django's record, the schema and the journal agree
        then(rewrite.status()).as(rewrite.describe()).isEqualTo(DeploymentOutcome.Status.DEPLOYED);
        then(rewrite.steps()).filteredOn(r -> r.step() == StepKind.CONTRACT).isNotEmpty();
        then(next.status()).as(next.describe()).isEqualTo(DeploymentOutcome.Status.DEPLOYED);
        then(next.steps()).filteredOn(r -> r.step() == StepKind.MIGRATE).extracting(StepResult::subject)
                .containsExactly("orders/0005_order_memo");
        then(djangoMigrations("orders")).containsSequence(BEFORE).endsWith("0004_order_status", "0005_order_memo")
                .hasSize(5);
        then(h.strings("SELECT column_name FROM information_schema.columns WHERE table_name = 'orders_order' "
                + "ORDER BY ordinal_position")).containsExactly("id", "note", "email", "status", "memo");
        then(h.strings("SELECT count(*) FROM orders_order WHERE status = 'new'")).containsExactly("300");
        then(DjangoIntegrationTest.manage(project, "migrate", "--plan").output()).contains("No planned migration");
        then(h.platform.servingBuild()).isEqualTo("b3");
        then(last().succeeded()).isTrue();
        then(story(last())).containsExactly("LOCK SUCCEEDED", "PREFLIGHT STARTED", "PREFLIGHT SUCCEEDED",
                "BACKUP STARTED", "BACKUP SUCCEEDED", "MIGRATE orders/0005_order_memo STARTED",
                "MIGRATE orders/0005_order_memo SUCCEEDED", "RELEASE STARTED", "RELEASE SUCCEEDED", "VERIFY STARTED",
                "VERIFY SUCCEEDED");
        then(JdbcBuildQueue.of(h.control).queued(h.app)).isEmpty();
    }

    @Test
    void the_deferred_push_is_deployed_by_the_nightly_as_written_inside_its_maintenance_window() throws Exception {
        // GIVEN the push deferred at preflight
        Files.writeString(migrations.resolve("0005_order_memo.py"), DjangoExpandContractTest.LATER);
        DeploymentPipeline pipeline = pipeline();
        then(pipeline.deploy(Build.of("b1")).status()).isEqualTo(DeploymentOutcome.Status.DEFERRED);
        then(pipeline.planNightly().reason()).contains("inside a maintenance window");

        // WHEN the nightly runs (expand/contract on, as the push's)
        DeploymentOutcome night = pipeline.nightly();

        // THEN it deploys the queued build as an UNSAFE push without a recipe: both migrations by manage.py, as
        // written, inside the window; no rewrite part, no contract
        then(night.status()).as(night.describe()).isEqualTo(DeploymentOutcome.Status.DEPLOYED);
        then(night.steps()).extracting(StepResult::step).containsSubsequence(StepKind.MAINTENANCE_ON,
                StepKind.BACKUP, StepKind.MIGRATE, StepKind.MIGRATE, StepKind.RELEASE, StepKind.MAINTENANCE_OFF)
                .doesNotContain(StepKind.CONTRACT);
        then(night.steps()).filteredOn(r -> r.step() == StepKind.MIGRATE).extracting(StepResult::subject)
                .containsExactly("orders/0004_order_status", "orders/0005_order_memo");
        then(djangoMigrations("orders")).containsSequence(BEFORE).endsWith("0004_order_status", "0005_order_memo")
                .hasSize(5);
        then(h.strings("SELECT column_name FROM information_schema.columns WHERE table_name = 'orders_order' "
                + "ORDER BY ordinal_position")).containsExactly("id", "note", "email", "status", "memo");
        then(h.strings("SELECT count(*) FROM pg_index WHERE indexrelid = to_regclass('orders_note_idx') "
                + "AND indisvalid")).containsExactly("1");
        then(expandPartsApplied()).isZero();
        then(h.platform.servingBuild()).isEqualTo("b1");
        then(h.platform.inMaintenance(h.app)).isFalse();
        DeploymentRecord record = last();
        then(record.mode()).isEqualTo(DeploymentMode.NIGHTLY);
        then(record.succeeded()).isTrue();
        then(story(record)).contains("MIGRATE orders/0004_order_status SUCCEEDED",
                "MIGRATE orders/0005_order_memo SUCCEEDED").noneMatch(e -> e.startsWith("CONTRACT"));
        then(JdbcBuildQueue.of(h.control).queued(h.app)).isEmpty();
    }

    @Test
    void a_later_migration_of_another_app_that_does_not_depend_on_the_rewritten_one_ships_in_the_same_push()
            throws Exception {
        // GIVEN a push: 0004 (UNSAFE, rewritten with a contract), then a new app's first migration, independent of it
        Path app = Files.createDirectories(shop.resolve("shipping/migrations"));
        Files.writeString(app.getParent().resolve("__init__.py"), "");
        Files.writeString(app.resolve("__init__.py"), "");
        Files.writeString(app.getParent().resolve("models.py"), """
                from django.db import models


                class Parcel(models.Model):
                    label = models.TextField()
                """);
        Files.writeString(app.resolve("0001_initial.py"), """
                from django.db import migrations, models


                class Migration(migrations.Migration):
                    initial = True
                    dependencies = []
                    operations = [
                        migrations.CreateModel(
                            name="Parcel",
                            fields=[
                                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False,
                                                           verbose_name="ID")),
                                ("label", models.TextField()),
                            ],
                        ),
                    ]
                """);
        Path settings = shop.resolve("shop/settings.py");
        String withApp = Files.readString(settings).replace("INSTALLED_APPS = [\"orders\"]",
                "INSTALLED_APPS = [\"orders\", \"shipping\"]");
        then(withApp).contains("\"shipping\"");
        Files.writeString(settings, withApp);

        // WHEN it is pushed
        DeploymentOutcome outcome = pipeline().deploy(Build.of("b1"));

        // THEN it ships whole: the expand parts, the other app's migration after them, release, verify, contract
        then(outcome.status()).as(outcome.describe()).isEqualTo(DeploymentOutcome.Status.DEPLOYED);
        List<String> migrated = outcome.steps().stream().filter(r -> r.step() == StepKind.MIGRATE)
                .map(StepResult::subject).toList();
        then(migrated).last().isEqualTo("shipping/0001_initial");
        then(migrated.subList(0, migrated.size() - 1)).isNotEmpty()
                .allMatch(s -> s.startsWith("orders/0004_order_status_") && s.endsWith("_expand.sql"));
        then(outcome.steps()).extracting(StepResult::step).containsSubsequence(StepKind.PREFLIGHT, StepKind.BACKUP,
                StepKind.MIGRATE, StepKind.RELEASE, StepKind.VERIFY, StepKind.CONTRACT);
        // the database: both recorded by Django, the new table and the rewritten column there
        then(djangoMigrations("orders")).containsSequence(BEFORE).endsWith("0004_order_status").hasSize(4);
        then(djangoMigrations("shipping")).containsExactly("0001_initial");
        then(h.strings("SELECT to_regclass('shipping_parcel')::text")).containsExactly("shipping_parcel");
        then(h.strings("SELECT coalesce(column_default, 'none') || ' ' || is_nullable FROM information_schema.columns "
                + "WHERE table_name = 'orders_order' AND column_name = 'status'")).containsExactly("none NO");
        then(DjangoIntegrationTest.manage(project, "migrate", "--plan").output()).contains("No planned migration");
        then(h.platform.servingBuild()).isEqualTo("b1");
        // the journal: the same steps, succeeded
        DeploymentRecord record = last();
        then(record.succeeded()).isTrue();
        List<String> story = story(record);
        then(story).contains("MIGRATE shipping/0001_initial SUCCEEDED");
        then(story.get(story.size() - 1)).startsWith("CONTRACT orders/0004_order_status_")
                .endsWith("_contract.sql SUCCEEDED");
        then(story.indexOf("MIGRATE shipping/0001_initial SUCCEEDED")).isLessThan(story.indexOf("RELEASE STARTED"));
    }

    private List<String> djangoMigrations(String app) {
        return h.strings("SELECT name FROM django_migrations WHERE app = '" + app + "' ORDER BY id");
    }

    /** Rows of zdcd's history (where the runner records the expand parts it applied as SQL); 0 when it has none. */
    private int expandPartsApplied() {
        if (h.strings("SELECT to_regclass('zdcd.applied_migrations')::text").get(0) == null) {
            return 0;
        }
        return Integer.parseInt(h.strings("SELECT count(*) FROM zdcd.applied_migrations").get(0));
    }

    private DeploymentRecord last() {
        return JdbcDeploymentJournal.of(h.control).recent(h.app, 1).get(0);
    }

    private static List<String> story(DeploymentRecord record) {
        return record.entries().stream().filter(e -> e.attribute("operation").isEmpty())
                .map(e -> e.step() + (e.subject().isEmpty() || e.step() == StepKind.BACKUP
                        || e.step() == StepKind.VERIFY ? "" : " " + e.subject()) + " " + e.phase()).toList();
    }
}
