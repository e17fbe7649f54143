package io.zdcd.pipeline;

import static org.assertj.core.api.BDDAssertions.then;

import io.zdcd.recovery.RecoveryStep;
import io.zdcd.spi.Build;
import io.zdcd.spi.StepKind;
import io.zdcd.testing.PostgresExtension;
import io.zdcd.testing.TestDatabase;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The pipeline's happy paths and deferrals on a real PostgreSQL with the JDBC ports and a fake platform. */
@ExtendWith(PostgresExtension.class)
class DeploymentPipelineTest {
    Harness h;

    @BeforeEach
    void setUp(TestDatabase db, TestInfo info, @TempDir Path dir) {
        h = new Harness(db, info.getTestMethod().orElseThrow().getName(), dir);
    }

    @Test
    void a_push_with_only_safe_migrations_deploys_at_once() {
        // GIVEN
        h.migration("V1__email.sql", "ALTER TABLE orders ADD COLUMN email text;");
        h.migration("V2__index.sql", "CREATE INDEX CONCURRENTLY orders_email_idx ON orders (email);");
        DeploymentPipeline pipeline = h.pipeline().build();
        // WHEN
        DeploymentOutcome outcome = pipeline.deploy(Build.of("b1", "add email"));
        // THEN
        then(outcome.status()).isEqualTo(DeploymentOutcome.Status.DEPLOYED);
        then(outcome.steps()).extracting(StepResult::step).containsExactly(StepKind.LOCK, StepKind.PREFLIGHT,
                StepKind.BACKUP, StepKind.MIGRATE, StepKind.MIGRATE, StepKind.RELEASE, StepKind.VERIFY);
        then(outcome.steps()).allSatisfy(s -> then(s.status()).isEqualTo(StepResult.Status.SUCCEEDED));
        then(h.columns("orders")).containsExactly("id", "note", "legacy", "email");
        then(h.indexes()).contains("orders_email_idx");
        then(h.applied()).containsExactly("V1__email.sql", "V2__index.sql");
        then(h.notes()).containsExactlyElementsOf(Harness.before());
        then(h.platform.servingBuild()).isEqualTo("b1");
        then(h.platform.inMaintenance(h.app)).isFalse();
        then(h.platform.log).containsExactly("release b1");
        then(pipeline.recoveryPlan()).isEmpty();
    }

    @Test
    void a_code_only_push_takes_no_backup() {
        DeploymentOutcome outcome = h.pipeline().build().deploy(Build.of("b1"));

        then(outcome.status()).isEqualTo(DeploymentOutcome.Status.DEPLOYED);
        then(outcome.steps()).filteredOn(s -> s.step() == StepKind.BACKUP)
                .singleElement().satisfies(s -> then(s.status()).isEqualTo(StepResult.Status.SKIPPED));
        then(h.platform.servingBuild()).isEqualTo("b1");
    }

    @Test
    void an_unsafe_push_is_deferred_and_changes_nothing_and_later_pushes_queue_behind_it() {
        // GIVEN
        h.migration("V1__drop_legacy.sql", "ALTER TABLE orders DROP COLUMN legacy;");
        DeploymentPipeline pipeline = h.pipeline().build();
        // WHEN
        DeploymentOutcome first = pipeline.deploy(Build.of("b1", "drop legacy"));
        // THEN
        then(first.status()).isEqualTo(DeploymentOutcome.Status.DEFERRED);
        then(((DeploymentOutcome.Deferred) first).unsafe()).extracting(c -> c.migration())
                .containsExactly("V1__drop_legacy.sql");
        then(h.columns("orders")).contains("legacy");
        then(h.platform.servingBuild()).isEqualTo("b0");
        then(h.platform.log).isEmpty();

        // WHEN a later push has only safe migrations, it still queues behind the unsafe one
        h.migration("V2__email.sql", "ALTER TABLE orders ADD COLUMN email text;");
        DeploymentOutcome second = pipeline.deploy(Build.of("b2", "add email"));
        then(second.status()).isEqualTo(DeploymentOutcome.Status.DEFERRED);
        then(((DeploymentOutcome.Deferred) second).reason()).contains("queued behind 1 build");
        then(h.columns("orders")).containsExactly("id", "note", "legacy");
        then(h.platform.servingBuild()).isEqualTo("b0");
        then(pipeline.plan(Build.of("b3")).decision()).isEqualTo(DeploymentPlan.Decision.DEFER);
        then(h.notes()).containsExactlyElementsOf(Harness.before());
    }

    @Test
    void the_nightly_build_skips_when_nothing_is_queued_and_nothing_was_committed() {
        DeploymentPipeline pipeline = h.pipeline().build();
        then(pipeline.deploy(Build.of("b1")).status()).isEqualTo(DeploymentOutcome.Status.DEPLOYED);

        DeploymentOutcome fromQueue = pipeline.nightly();
        DeploymentOutcome sameHead = pipeline.nightly(Build.of("b1"));

        then(fromQueue.status()).isEqualTo(DeploymentOutcome.Status.SKIPPED);
        then(sameHead.status()).isEqualTo(DeploymentOutcome.Status.SKIPPED);
        then(((DeploymentOutcome.Skipped) sameHead).reason())
                .contains("nothing queued and nothing committed since the last successful deployment");
        then(h.platform.log).containsExactly("release b1");
        then(h.platform.servingBuild()).isEqualTo("b1");
    }

    @Test
    void the_nightly_build_deploys_a_new_commit_even_when_nothing_was_queued() {
        DeploymentPipeline pipeline = h.pipeline().build();
        then(pipeline.deploy(Build.of("b1")).status()).isEqualTo(DeploymentOutcome.Status.DEPLOYED);
        h.migration("V1__email.sql", "ALTER TABLE orders ADD COLUMN email text;");

        DeploymentOutcome outcome = pipeline.nightly(Build.of("b2"));

        then(outcome.status()).isEqualTo(DeploymentOutcome.Status.DEPLOYED);
        then(outcome.steps()).extracting(StepResult::step).doesNotContain(StepKind.PREFLIGHT,
                StepKind.MAINTENANCE_ON);
        then(h.columns("orders")).contains("email");
        then(h.platform.servingBuild()).isEqualTo("b2");
        then(pipeline.nightly(Build.of("b2")).status()).isEqualTo(DeploymentOutcome.Status.SKIPPED);
    }

    @Test
    void the_nightly_build_ships_the_queue_inside_a_maintenance_window_when_a_migration_is_unsafe() {
        // GIVEN two deferred pushes
        h.migration("V1__drop_legacy.sql", "ALTER TABLE orders DROP COLUMN legacy;");
        DeploymentPipeline pipeline = h.pipeline().build();
        then(pipeline.deploy(Build.of("b1")).status()).isEqualTo(DeploymentOutcome.Status.DEFERRED);
        h.migration("V2__email.sql", "ALTER TABLE orders ADD COLUMN email text;");
        then(pipeline.deploy(Build.of("b2")).status()).isEqualTo(DeploymentOutcome.Status.DEFERRED);
        List<Boolean> servingDuringRelease = new ArrayList<>();
        h.platform.onRelease = () -> servingDuringRelease.add(h.write("during release"));
        // WHEN
        DeploymentOutcome outcome = pipeline.nightly();
        // THEN
        then(outcome.status()).isEqualTo(DeploymentOutcome.Status.DEPLOYED);
        then(outcome.steps()).extracting(StepResult::step).containsExactly(StepKind.LOCK, StepKind.MAINTENANCE_ON,
                StepKind.BACKUP, StepKind.MIGRATE, StepKind.MIGRATE, StepKind.RELEASE, StepKind.VERIFY,
                StepKind.MAINTENANCE_OFF, StepKind.VERIFY);
        then(outcome.steps()).filteredOn(st -> st.step() == StepKind.VERIFY).extracting(StepResult::subject)
                .containsExactly("v2", "v2 traffic");
        then(h.platform.log).containsExactly("maintenance on", "release b2", "maintenance off");
        then(h.platform.httpAnswers).as("the HTTP check waits for traffic: never asked while the router answers 503")
                .containsExactly("200 v2");
        then(servingDuringRelease).containsExactly(false);
        then(h.columns("orders")).containsExactly("id", "note", "email");
        then(h.notes()).containsExactlyElementsOf(Harness.before());
        then(h.platform.servingBuild()).isEqualTo("b2");
        then(h.platform.inMaintenance(h.app)).isFalse();
        then(pipeline.nightly().status()).isEqualTo(DeploymentOutcome.Status.SKIPPED);
    }

    @Test
    void a_healthy_nightly_release_is_verified_inside_the_window_by_processes_and_smoke_command_never_by_http() {
        // GIVEN a queued unsafe push and a smoke command
        h.migration("V1__drop_legacy.sql", "ALTER TABLE orders DROP COLUMN legacy;");
        DeploymentPipeline pipeline = h.pipeline().smokeCommand("python manage.py check --deploy").build();
        then(pipeline.deploy(Build.of("b1")).status()).isEqualTo(DeploymentOutcome.Status.DEFERRED);
        h.events.clear();
        // WHEN
        DeploymentOutcome outcome = pipeline.nightly();
        // THEN the smoke command ran on the new release while maintenance was on; HTTP only once it was off
        then(outcome.status()).as(outcome.describe()).isEqualTo(DeploymentOutcome.Status.DEPLOYED);
        then(h.platform.commands).containsExactly("run python manage.py check --deploy on v2 in maintenance");
        then(h.platform.httpAnswers).containsExactly("200 v2");
        then(outcome.steps()).filteredOn(st -> st.step() == StepKind.VERIFY).first()
                .satisfies(st -> then(st.detail()).contains("web.1 up on v2", "smoke command passed"));
        then(h.events).filteredOn(e -> e instanceof DeploymentEvent.StepProgress p && p.step() == StepKind.VERIFY)
                .isNotEmpty();
        then(h.platform.servingBuild()).isEqualTo("b1");
        then(h.platform.inMaintenance(h.app)).isFalse();
        then(pipeline.recoveryPlan()).isEmpty();
    }

    @Test
    void a_failing_smoke_command_on_a_push_rolls_the_code_back_before_the_http_check() {
        h.platform.failingSmoke.add("b1");
        DeploymentPipeline pipeline = h.pipeline().smokeCommand("./bin/smoke").build();

        DeploymentOutcome outcome = pipeline.deploy(Build.of("b1"));

        then(outcome.status()).isEqualTo(DeploymentOutcome.Status.ROLLED_BACK);
        then(((DeploymentOutcome.RolledBack) outcome).reason()).contains("smoke command failed",
                "exit status 1");
        then(h.platform.httpAnswers).isEmpty();
        then(h.platform.log).containsExactly("release b1", "rollback v1");
        then(h.platform.servingBuild()).isEqualTo("b0");
    }

    @Test
    void the_recovery_plan_of_a_finished_deployment_is_empty_and_never_rolls_back_a_healthy_release() {
        h.migration("V1__email.sql", "ALTER TABLE orders ADD COLUMN email text;");
        DeploymentPipeline pipeline = h.pipeline().build();
        then(pipeline.deploy(Build.of("b1")).status()).isEqualTo(DeploymentOutcome.Status.DEPLOYED);
        h.migration("V2__drop.sql", "ALTER TABLE orders DROP COLUMN legacy;");
        then(pipeline.deploy(Build.of("b2")).status()).isEqualTo(DeploymentOutcome.Status.DEFERRED);

        List<io.zdcd.recovery.RecoveryPlan> plans = io.zdcd.jdbc.JdbcDeploymentJournal.of(h.control)
                .recent(h.app, 10).stream().map(io.zdcd.recovery.RecoveryPlan::from).toList();

        then(plans).hasSize(2).allSatisfy(p -> {
            then(p.isEmpty()).isTrue();
            then(p.steps()).isEmpty();
            then(p.describe()).contains("nothing to recover", "has ended", "Nothing to do")
                    .doesNotContain("Roll the code back");
        });
        then(plans.get(1).failure()).contains("Build[b1]", "(deployed)");
        then(plans.get(0).failure()).contains("Build[b2]", "deferred to the nightly build");
    }

    @Test
    void the_nightly_plan_says_what_the_night_will_do_without_doing_it() {
        DeploymentPipeline pipeline = h.pipeline().smokeCommand("./smoke").build();
        then(pipeline.planNightly().decision()).isEqualTo(DeploymentPlan.Decision.SKIP);
        h.migration("V1__drop_legacy.sql", "ALTER TABLE orders DROP COLUMN legacy;");
        then(pipeline.deploy(Build.of("b1")).status()).isEqualTo(DeploymentOutcome.Status.DEFERRED);
        h.migration("V2__email.sql", "ALTER TABLE orders ADD COLUMN email text;");
        then(pipeline.deploy(Build.of("b2")).status()).isEqualTo(DeploymentOutcome.Status.DEFERRED);

        DeploymentPlan plan = pipeline.planNightly();

        then(plan.decision()).isEqualTo(DeploymentPlan.Decision.DEPLOY);
        then(plan.build().version()).isEqualTo("b2");
        then(plan.steps()).containsExactly(StepKind.LOCK, StepKind.MAINTENANCE_ON, StepKind.BACKUP, StepKind.MIGRATE,
                StepKind.MIGRATE, StepKind.RELEASE, StepKind.VERIFY, StepKind.MAINTENANCE_OFF, StepKind.VERIFY);
        then(plan.reason()).contains("the newest of 2 queued builds", "inside a maintenance window",
                "UNSAFE: V1__drop_legacy.sql (test-unsafe)", "smoke command");
        then(plan.describe()).contains("UNSAFE V1__drop_legacy.sql", "test-unsafe: unsafe in the test classifier");
        then(h.platform.log).isEmpty();
        then(h.columns("orders")).containsExactly("id", "note", "legacy");
        then(io.zdcd.jdbc.JdbcBuildQueue.of(h.control).queued(h.app)).hasSize(2);
    }

    @Test
    void plans_list_the_steps_the_flows_would_run() {
        DeploymentPipeline pipeline = h.pipeline().build();
        then(pipeline.plan(Build.of("b0")).steps()).as("code-only push")
                .containsExactly(StepKind.LOCK, StepKind.PREFLIGHT, StepKind.RELEASE, StepKind.VERIFY);
        then(pipeline.planNightly(Build.of("b0")).steps()).as("code-only nightly")
                .containsExactly(StepKind.LOCK, StepKind.RELEASE, StepKind.VERIFY);

        h.migration("V1__drop_legacy.sql", "ALTER TABLE orders DROP COLUMN legacy;");
        DeploymentPlan unsafe = pipeline.plan(Build.of("b1"));
        then(unsafe.decision()).isEqualTo(DeploymentPlan.Decision.DEFER);
        then(unsafe.steps()).containsExactly(StepKind.LOCK, StepKind.PREFLIGHT);
        then(pipeline.newBuilder().nightlyMaintenanceWindow(false).build().planNightly(Build.of("b1")).steps())
                .as("UNSAFE nightly without a window").containsExactly(StepKind.LOCK, StepKind.BACKUP,
                        StepKind.MIGRATE, StepKind.RELEASE, StepKind.VERIFY);
        then(pipeline.deploy(Build.of("b1")).status()).isEqualTo(DeploymentOutcome.Status.DEFERRED);

        h.migration("V2__email.sql", "ALTER TABLE orders ADD COLUMN email text;");
        DeploymentPlan queued = pipeline.plan(Build.of("b2"));
        then(queued.decision()).isEqualTo(DeploymentPlan.Decision.DEFER);
        then(queued.reason()).startsWith("queued behind 1 build");
        then(queued.steps()).containsExactly(StepKind.LOCK, StepKind.PREFLIGHT);
    }

    @Test
    void plan_is_a_dry_run_with_verdicts_and_steps() {
        h.migration("V1__email.sql", "ALTER TABLE orders ADD COLUMN email text;");
        DeploymentPipeline pipeline = h.pipeline().build();

        DeploymentPlan plan = pipeline.plan(Build.of("b1"));

        then(plan.decision()).isEqualTo(DeploymentPlan.Decision.DEPLOY);
        then(plan.steps()).containsExactly(StepKind.LOCK, StepKind.PREFLIGHT, StepKind.BACKUP, StepKind.MIGRATE,
                StepKind.RELEASE, StepKind.VERIFY);
        then(plan.toString()).isEqualTo("DeploymentPlan[" + h.app + " Build[b1]: DEPLOY, 1 migration, all SAFE]");
        then(h.columns("orders")).doesNotContain("email");
        then(h.platform.log).isEmpty();
    }

    @Test
    void a_throwing_listener_is_ignored_and_the_printing_listener_tells_each_step() {
        var out = new java.io.ByteArrayOutputStream();
        DeploymentPipeline pipeline = h.pipeline()
                .addListener(e -> {
                    throw new IllegalStateException("listener bug");
                })
                .addListener(DeploymentListener.printing(new java.io.PrintStream(out, true)))
                .addListener(DeploymentListener.logging())
                .build();

        DeploymentOutcome outcome = pipeline.deploy(Build.of("b1"));

        then(outcome.status()).isEqualTo(DeploymentOutcome.Status.DEPLOYED);
        then(out.toString()).contains("continuous deployment of Build[b1] started", "release: SUCCEEDED",
                "DEPLOYED " + h.app + " Build[b1] as Release[v2 build b1]");
        then(h.events).first().isInstanceOf(DeploymentEvent.DeploymentStarted.class);
        then(h.events).last().isInstanceOf(DeploymentEvent.DeploymentFinished.class);
    }

    @Test
    void a_failed_health_check_rolls_the_code_back_and_keeps_safe_migrations_and_every_row() {
        // GIVEN
        h.migration("V1__email.sql", "ALTER TABLE orders ADD COLUMN email text;");
        h.healthy = false;
        h.platform.onRelease = () -> h.write("during release");
        DeploymentPipeline pipeline = h.pipeline().build();
        // WHEN
        DeploymentOutcome outcome = pipeline.deploy(Build.of("b1"));
        // THEN
        then(outcome.status()).isEqualTo(DeploymentOutcome.Status.ROLLED_BACK);
        DeploymentOutcome.RolledBack r = (DeploymentOutcome.RolledBack) outcome;
        then(r.failedStep()).isEqualTo(StepKind.VERIFY);
        then(r.recovery().restoresDatabase()).isFalse();
        then(r.recovery().requiresDowntime()).isFalse();
        then(r.recovery().steps()).hasSize(2).first().isInstanceOf(RecoveryStep.RollbackRelease.class);
        then(h.columns("orders")).contains("email");
        List<String> expected = new ArrayList<>(Harness.before());
        expected.add("during release");
        then(h.notes()).containsExactlyElementsOf(expected);
        then(h.platform.servingBuild()).isEqualTo("b0");
        then(h.platform.log).containsExactly("release b1", "rollback v1");
        then(h.platform.inMaintenance(h.app)).isFalse();
        then(pipeline.recoveryPlan()).isEmpty();
    }
}
