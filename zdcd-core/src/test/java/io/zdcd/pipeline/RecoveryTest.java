package io.zdcd.pipeline;

import static org.assertj.core.api.BDDAssertions.then;

import io.zdcd.jdbc.LocalDatabaseBackups;
import io.zdcd.recovery.RecoveryPlan;
import io.zdcd.recovery.RecoveryStep;
import io.zdcd.spi.Build;
import io.zdcd.spi.StepKind;
import io.zdcd.testing.PostgresExtension;
import io.zdcd.testing.TestDatabase;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every row of the recovery table (architecture.md §5), each step failing in turn, on a real PostgreSQL: each test
 * checks the database's schema and rows, the platform's release and maintenance flag, and that no row written before
 * the failure is lost unless the plan said so and the caller consented.
 */
@ExtendWith(PostgresExtension.class)
class RecoveryTest {
    Harness h;

    @BeforeEach
    void setUp(TestDatabase db, TestInfo info, @TempDir Path dir) {
        h = new Harness(db, info.getTestMethod().orElseThrow().getName(), dir);
    }

    private static List<String> beforePlus(String... notes) {
        List<String> all = new ArrayList<>(Harness.before());
        all.addAll(List.of(notes));
        return all;
    }

    private void thenNothingIsUnfinished(DeploymentPipeline pipeline) {
        then(pipeline.recoveryPlan()).isEmpty();
    }

    // ---- lock, preflight, backup: untouched, no downtime

    @Test
    void a_failing_preflight_leaves_everything_untouched() {
        h.migration("V1__email.sql", "ALTER TABLE orders ADD COLUMN email text;");
        DeploymentPipeline pipeline = h.pipeline().classifier(new TestClassifier() {
            @Override
            public io.zdcd.classify.ClassificationReport classifyAll(List<io.zdcd.classify.Migration> m) {
                throw new IllegalStateException("classifier crashed");
            }
        }).build();

        DeploymentOutcome outcome = pipeline.deploy(Build.of("b1"));

        then(outcome.status()).isEqualTo(DeploymentOutcome.Status.ROLLED_BACK);
        DeploymentOutcome.RolledBack r = (DeploymentOutcome.RolledBack) outcome;
        then(r.failedStep()).isEqualTo(StepKind.PREFLIGHT);
        then(r.reason()).contains("classifier crashed");
        then(r.recovery().steps()).isEmpty();
        then(r.recovery().requiresDowntime()).isFalse();
        then(h.columns("orders")).containsExactly("id", "note", "legacy");
        then(h.notes()).containsExactlyElementsOf(Harness.before());
        then(h.platform.servingBuild()).isEqualTo("b0");
        then(h.platform.log).isEmpty();
        thenNothingIsUnfinished(pipeline);
    }

    @Test
    void a_failing_backup_leaves_everything_untouched() throws Exception {
        // GIVEN a session that stays connected, so a TEMPLATE copy (CREATE DATABASE ... TEMPLATE) cannot be made
        h.migration("V1__email.sql", "ALTER TABLE orders ADD COLUMN email text;");
        DeploymentPipeline pipeline = h.pipeline()
                .backups(LocalDatabaseBackups.builder(h.target).waitForSessions(Duration.ofMillis(300))
                        .captureMethod(LocalDatabaseBackups.CaptureMethod.TEMPLATE).build())
                .build();
        try (Connection traffic = h.target.connect()) {
            // WHEN
            DeploymentOutcome outcome = pipeline.deploy(Build.of("b1"));
            // THEN
            then(outcome.status()).isEqualTo(DeploymentOutcome.Status.ROLLED_BACK);
            then(((DeploymentOutcome.RolledBack) outcome).failedStep()).isEqualTo(StepKind.BACKUP);
            then(((DeploymentOutcome.RolledBack) outcome).reason()).contains("other session stayed connected");
            then(traffic.isValid(1)).isTrue();
        }
        then(h.columns("orders")).containsExactly("id", "note", "legacy");
        then(h.strings("SELECT to_regclass('zdcd.applied_migrations')::text")).containsOnlyNulls();
        then(h.notes()).containsExactlyElementsOf(Harness.before());
        then(h.platform.servingBuild()).isEqualTo("b0");
        then(h.platform.log).isEmpty();
        thenNothingIsUnfinished(pipeline);
    }

    @Test
    void a_failing_maintenance_switch_before_the_nightly_backup_changes_nothing_but_tries_to_switch_it_off() {
        h.migration("V1__drop_legacy.sql", "ALTER TABLE orders DROP COLUMN legacy;");
        DeploymentPipeline pipeline = h.pipeline().build();
        pipeline.deploy(Build.of("b1"));
        h.platform.failMaintenance = true;

        DeploymentOutcome outcome = pipeline.nightly();

        then(outcome.status()).isEqualTo(DeploymentOutcome.Status.FAILED);
        DeploymentOutcome.Failed f = (DeploymentOutcome.Failed) outcome;
        then(f.failedStep()).isEqualTo(StepKind.MAINTENANCE_ON);
        then(f.remaining().steps()).containsExactly(new RecoveryStep.MaintenanceOff());
        then(f.remaining().restoresDatabase()).isFalse();
        then(h.columns("orders")).containsExactly("id", "note", "legacy");
        then(h.notes()).containsExactlyElementsOf(Harness.before());
        then(h.platform.servingBuild()).isEqualTo("b0");

        h.platform.failMaintenance = false;
        then(pipeline.recover().status()).isEqualTo(DeploymentOutcome.Status.ROLLED_BACK);
        then(h.platform.inMaintenance(h.app)).isFalse();
        then(h.platform.log).containsExactly("maintenance on", "maintenance off", "maintenance off");
        thenNothingIsUnfinished(pipeline);
    }

    // ---- a transactional migration: rolled back by PostgreSQL; earlier safe migrations stay

    @Test
    void a_failing_first_migration_is_rolled_back_by_postgresql() {
        h.migration("V1__broken.sql", "ALTER TABLE orders ADD COLUMN email text; UPDATE nowhere SET x = 1;");
        DeploymentPipeline pipeline = h.pipeline().build();

        DeploymentOutcome outcome = pipeline.deploy(Build.of("b1"));

        then(outcome.status()).isEqualTo(DeploymentOutcome.Status.ROLLED_BACK);
        then(((DeploymentOutcome.RolledBack) outcome).failedStep()).isEqualTo(StepKind.MIGRATE);
        then(((DeploymentOutcome.RolledBack) outcome).reason()).contains("V1__broken.sql", "nowhere");
        then(h.columns("orders")).containsExactly("id", "note", "legacy");
        then(h.applied()).isEmpty();
        then(h.notes()).containsExactlyElementsOf(Harness.before());
        then(h.platform.servingBuild()).isEqualTo("b0");
        then(h.platform.log).isEmpty();
        thenNothingIsUnfinished(pipeline);
    }

    @Test
    void a_failing_second_migration_keeps_the_first_safe_one_and_the_code() {
        h.migration("V1__email.sql", "ALTER TABLE orders ADD COLUMN email text;");
        h.migration("V2__broken.sql", "ALTER TABLE orders ADD COLUMN phone text; SELECT 1/0;");
        DeploymentPipeline pipeline = h.pipeline().build();

        DeploymentOutcome outcome = pipeline.deploy(Build.of("b1"));

        then(outcome.status()).isEqualTo(DeploymentOutcome.Status.ROLLED_BACK);
        DeploymentOutcome.RolledBack r = (DeploymentOutcome.RolledBack) outcome;
        then(r.reason()).contains("V2__broken.sql", "division by zero");
        then(r.recovery().steps()).containsExactly(new RecoveryStep.KeepSchema(List.of("V1__email.sql")));
        then(h.columns("orders")).containsExactly("id", "note", "legacy", "email");
        then(h.applied()).containsExactly("V1__email.sql");
        then(h.notes()).containsExactlyElementsOf(Harness.before());
        then(h.platform.servingBuild()).isEqualTo("b0");
        then(h.platform.log).isEmpty();
        thenNothingIsUnfinished(pipeline);

        // and once fixed, the next push applies only what is left
        h.migration("V2__broken.sql", "ALTER TABLE orders ADD COLUMN phone text;");
        then(pipeline.deploy(Build.of("b2")).status()).isEqualTo(DeploymentOutcome.Status.DEPLOYED);
        then(h.applied()).containsExactly("V1__email.sql", "V2__broken.sql");
    }

    // ---- a CONCURRENTLY statement: drop the INVALID index it left

    @Test
    void a_failing_concurrent_index_build_leaves_no_invalid_index() {
        h.sql("INSERT INTO orders (note) VALUES ('before 1')"); // a duplicate note: the unique build fails
        h.migration("V1__unique.sql", "CREATE UNIQUE INDEX CONCURRENTLY orders_note_key ON orders (note);");
        DeploymentPipeline pipeline = h.pipeline().build();

        DeploymentOutcome outcome = pipeline.deploy(Build.of("b1"));

        then(outcome.status()).isEqualTo(DeploymentOutcome.Status.ROLLED_BACK);
        DeploymentOutcome.RolledBack r = (DeploymentOutcome.RolledBack) outcome;
        then(r.reason()).contains("could not create unique index");
        then(r.recovery().steps()).containsExactly(new RecoveryStep.DropInvalidIndex("orders_note_key"));
        then(r.recovery().requiresDowntime()).isFalse();
        then(r.steps()).extracting(StepResult::step).endsWith(StepKind.MIGRATE, StepKind.DROP_INVALID_INDEX);
        then(h.indexes()).containsExactly("orders_pkey");
        then(h.notes()).containsExactlyElementsOf(beforePlus("before 1"));
        then(h.platform.servingBuild()).isEqualTo("b0");
        thenNothingIsUnfinished(pipeline);
    }

    // ---- release or verify, only safe migrations: keep the schema, roll the code back, no downtime

    @Test
    void a_failing_release_keeps_the_safe_schema_and_the_previous_code() {
        h.migration("V1__email.sql", "ALTER TABLE orders ADD COLUMN email text;");
        h.platform.failRelease = true;
        h.platform.onRelease = () -> h.write("during release");
        DeploymentPipeline pipeline = h.pipeline().build();

        DeploymentOutcome outcome = pipeline.deploy(Build.of("b1"));

        then(outcome.status()).isEqualTo(DeploymentOutcome.Status.ROLLED_BACK);
        DeploymentOutcome.RolledBack r = (DeploymentOutcome.RolledBack) outcome;
        then(r.failedStep()).isEqualTo(StepKind.RELEASE);
        then(r.reason()).contains("release phase exited with status 1");
        then(r.recovery().restoresDatabase()).isFalse();
        then(r.recovery().requiresDowntime()).isFalse();
        then(h.columns("orders")).contains("email");
        then(h.notes()).containsExactlyElementsOf(beforePlus("during release"));
        then(h.platform.servingBuild()).isEqualTo("b0");
        then(h.platform.log).containsExactly("release b1"); // still serving v1: no rollback needed
        then(h.platform.inMaintenance(h.app)).isFalse();
        thenNothingIsUnfinished(pipeline);
    }

    // ---- release or verify, unsafe migrations: restore inside maintenance, roll back

    @Test
    void a_nightly_release_whose_processes_crash_is_restored_in_maintenance_without_losing_a_write() {
        // GIVEN a queued unsafe push, and traffic before the nightly build
        h.migration("V1__drop_legacy.sql", "ALTER TABLE orders DROP COLUMN legacy;");
        DeploymentPipeline pipeline = h.pipeline().build();
        then(pipeline.deploy(Build.of("b1")).status()).isEqualTo(DeploymentOutcome.Status.DEFERRED);
        h.write("before the night");
        List<Boolean> accepted = new ArrayList<>();
        h.platform.onRelease = () -> accepted.add(h.write("during the window"));
        h.platform.crashingBuilds.add("b1");
        // WHEN
        DeploymentOutcome outcome = pipeline.nightly();
        // THEN
        then(outcome.status()).isEqualTo(DeploymentOutcome.Status.ROLLED_BACK);
        DeploymentOutcome.RolledBack r = (DeploymentOutcome.RolledBack) outcome;
        then(r.failedStep()).isEqualTo(StepKind.VERIFY);
        then(r.reason()).contains("web.1 crashed on v2");
        then(r.recovery().restoresDatabase()).isTrue();
        then(r.recovery().requiresDowntime()).isTrue();
        then(r.recovery().writesLostSince()).isEmpty();
        then(r.recovery().steps()).extracting(s -> s.getClass().getSimpleName()).containsExactly("MaintenanceOn",
                "RollbackRelease", "RestoreDatabase", "MaintenanceOff");
        then(accepted).containsExactly(false);
        then(h.platform.httpAnswers).as("no HTTP check of a release whose processes are down").isEmpty();
        then(h.platform.log).containsExactly("maintenance on", "release b1", "maintenance on", "rollback v1",
                "maintenance off");
        then(h.columns("orders")).containsExactly("id", "note", "legacy");
        then(h.notes()).containsExactlyElementsOf(beforePlus("before the night"));
        then(h.strings("SELECT to_regclass('zdcd.applied_migrations')::text")).as("history restored too")
                .containsOnlyNulls();
        then(h.platform.servingBuild()).isEqualTo("b0");
        then(h.platform.inMaintenance(h.app)).isFalse();
        thenNothingIsUnfinished(pipeline);
        then(pipeline.nightly().status()).as("the build stays queued for the next night")
                .isNotEqualTo(DeploymentOutcome.Status.SKIPPED);
    }

    @Test
    void an_http_check_failing_after_the_window_rolls_the_code_back_and_restores_only_with_consent() {
        // GIVEN a queued unsafe push; the new release boots but answers 500 once traffic reaches it
        h.migration("V1__drop_legacy.sql", "ALTER TABLE orders DROP COLUMN legacy;");
        DeploymentPipeline pipeline = h.pipeline().build();
        then(pipeline.deploy(Build.of("b1")).status()).isEqualTo(DeploymentOutcome.Status.DEFERRED);
        h.write("before the night");
        h.platform.brokenBuilds.add("b1");
        // traffic writes on the new release as soon as maintenance is off, before the HTTP check answers
        h.events.clear();
        DeploymentListener writer = e -> {
            if (e instanceof DeploymentEvent.StepFinished f && f.result().step() == StepKind.MAINTENANCE_OFF) {
                h.write("after the window");
            }
        };
        // WHEN
        DeploymentOutcome outcome = h.pipeline().addListener(writer).build().nightly();
        // THEN the code is rolled back, the database is not restored (it would lose "after the window")
        then(outcome.status()).as(outcome.describe()).isEqualTo(DeploymentOutcome.Status.FAILED);
        DeploymentOutcome.Failed f = (DeploymentOutcome.Failed) outcome;
        then(f.failedStep()).isEqualTo(StepKind.VERIFY);
        then(f.reason()).contains("GET /healthz: 500", "after maintenance mode went off",
                "the code was rolled back, the database was not restored without consent");
        then(f.remaining().needsConsent()).isTrue();
        then(f.remaining().steps()).extracting(s -> s.getClass().getSimpleName()).containsExactly("MaintenanceOn",
                "RestoreDatabase", "MaintenanceOff");
        then(outcome.describe()).contains("NEEDS A DECISION");
        then(h.platform.log).containsExactly("maintenance on", "release b1", "maintenance off", "rollback v1");
        then(h.platform.servingBuild()).isEqualTo("b0");
        then(h.platform.inMaintenance(h.app)).isFalse();
        then(h.notes()).containsExactlyElementsOf(beforePlus("before the night", "after the window"));
        then(pipeline.recoveryPlan()).hasValueSatisfying(p -> then(p.describe())
                .contains("every write made since", "is LOST").doesNotContain("Roll the code back"));

        // WHEN the person consents
        DeploymentOutcome recovered = pipeline.recoverAcceptingWriteLoss();
        then(recovered.status()).isEqualTo(DeploymentOutcome.Status.ROLLED_BACK);
        then(h.columns("orders")).containsExactly("id", "note", "legacy");
        then(h.notes()).containsExactlyElementsOf(beforePlus("before the night"));
        then(h.platform.inMaintenance(h.app)).isFalse();
        then(h.platform.servingBuild()).isEqualTo("b0");
        thenNothingIsUnfinished(pipeline);
    }

    @Test
    void a_restore_that_would_lose_writes_waits_for_consent_and_loses_exactly_what_the_plan_said() {
        // GIVEN a nightly without a maintenance window, so traffic writes after the backup
        h.migration("V1__drop_legacy.sql", "ALTER TABLE orders DROP COLUMN legacy;");
        DeploymentPipeline pipeline = h.pipeline().nightlyMaintenanceWindow(false).build();
        pipeline.deploy(Build.of("b1"));
        h.platform.onRelease = () -> h.write("after the backup");
        h.healthy = false;
        // WHEN
        DeploymentOutcome outcome = pipeline.nightly();
        // THEN nothing is executed without consent
        then(outcome.status()).isEqualTo(DeploymentOutcome.Status.FAILED);
        DeploymentOutcome.Failed f = (DeploymentOutcome.Failed) outcome;
        RecoveryPlan remaining = f.remaining();
        then(remaining.needsConsent()).isTrue();
        then(remaining.writesLostSince()).isPresent();
        then(remaining.describe()).contains("NEEDS A DECISION", "is LOST");
        then(h.columns("orders")).containsExactly("id", "note");
        then(h.notes()).containsExactlyElementsOf(beforePlus("after the backup"));
        then(h.platform.servingBuild()).isEqualTo("b1");
        then(h.platform.inMaintenance(h.app)).isFalse();
        then(pipeline.deploy(Build.of("b2")).status()).as("refused while recovery is owed")
                .isEqualTo(DeploymentOutcome.Status.REFUSED);

        // WHEN the caller consents
        DeploymentOutcome recovered = pipeline.recoverAcceptingWriteLoss();
        // THEN the database is back as it was at the backup: only the write made after it is gone
        then(recovered.status()).isEqualTo(DeploymentOutcome.Status.ROLLED_BACK);
        then(h.columns("orders")).containsExactly("id", "note", "legacy");
        then(h.notes()).containsExactlyElementsOf(Harness.before());
        then(h.platform.servingBuild()).isEqualTo("b0");
        then(h.platform.inMaintenance(h.app)).isFalse();
        thenNothingIsUnfinished(pipeline);
    }

    // ---- recovery itself fails

    @Test
    void a_failing_recovery_leaves_a_plan_a_person_can_follow_and_recover_finishes_it() {
        h.migration("V1__email.sql", "ALTER TABLE orders ADD COLUMN email text;");
        h.healthy = false;
        h.platform.failRollback = true;
        DeploymentPipeline pipeline = h.pipeline().build();

        DeploymentOutcome outcome = pipeline.deploy(Build.of("b1"));

        then(outcome.status()).isEqualTo(DeploymentOutcome.Status.FAILED);
        DeploymentOutcome.Failed f = (DeploymentOutcome.Failed) outcome;
        then(f.failedStep()).isEqualTo(StepKind.VERIFY);
        then(f.reason()).contains("rollback v1 failed", "503 service unavailable");
        then(f.remaining().describe()).contains("1. Roll the code back to v1 (build b0)");
        then(outcome.describe()).contains("What is left to do:");
        then(h.platform.servingBuild()).isEqualTo("b1");
        then(pipeline.deploy(Build.of("b2")).status()).isEqualTo(DeploymentOutcome.Status.REFUSED);

        // WHEN the platform works again
        h.platform.failRollback = false;
        DeploymentOutcome recovered = pipeline.recover();

        then(recovered.status()).isEqualTo(DeploymentOutcome.Status.ROLLED_BACK);
        then(h.platform.servingBuild()).isEqualTo("b0");
        then(h.columns("orders")).contains("email");
        then(h.notes()).containsExactlyElementsOf(Harness.before());
        thenNothingIsUnfinished(pipeline);
        then(pipeline.recover().status()).isEqualTo(DeploymentOutcome.Status.SKIPPED);
    }

    @Test
    void a_failing_restore_keeps_maintenance_on_and_says_what_is_left() {
        h.migration("V1__drop_legacy.sql", "ALTER TABLE orders DROP COLUMN legacy;");
        DeploymentPipeline pipeline = h.pipeline().build();
        pipeline.deploy(Build.of("b1"));
        h.platform.crashingBuilds.add("b1");
        // the restore fails: a session stays connected and... the copy is gone
        h.platform.onRelease = () -> h.sql("SELECT 1");
        DeploymentPipeline broken = h.pipeline().backups(new io.zdcd.spi.DatabaseBackups() {
            final LocalDatabaseBackups real = LocalDatabaseBackups.of(h.target);

            @Override
            public io.zdcd.spi.Backup capture(String app, io.zdcd.spi.Progress p) {
                return real.capture(app, p);
            }

            @Override
            public void restore(String app, io.zdcd.spi.Backup b, io.zdcd.spi.Progress p) {
                throw new io.zdcd.spi.PlatformException("restore " + b.id(), "disk full");
            }
        }).build();

        DeploymentOutcome outcome = broken.nightly();

        then(outcome.status()).isEqualTo(DeploymentOutcome.Status.FAILED);
        DeploymentOutcome.Failed f = (DeploymentOutcome.Failed) outcome;
        then(f.remaining().steps()).extracting(s -> s.getClass().getSimpleName())
                .containsExactly("RestoreDatabase", "MaintenanceOff");
        then(f.reason()).contains("disk full");
        then(h.platform.inMaintenance(h.app)).as("no traffic on a half-recovered app").isTrue();
        then(h.platform.servingBuild()).isEqualTo("b0");

        // WHEN recover() runs with working backups, the rest is done and nothing written before is lost
        DeploymentOutcome recovered = pipeline.recover();
        then(recovered.status()).isEqualTo(DeploymentOutcome.Status.ROLLED_BACK);
        then(((DeploymentOutcome.RolledBack) recovered).recovery().steps())
                .extracting(s -> s.getClass().getSimpleName())
                .containsExactly("MaintenanceOn", "RestoreDatabase", "MaintenanceOff");
        then(h.columns("orders")).containsExactly("id", "note", "legacy");
        then(h.notes()).containsExactlyElementsOf(Harness.before());
        then(h.platform.inMaintenance(h.app)).isFalse();
        thenNothingIsUnfinished(pipeline);
    }
}
