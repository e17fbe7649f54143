package io.zdcd.pipeline;

import static org.assertj.core.api.BDDAssertions.then;

import io.zdcd.analyzer.SqlMigrationClassifier;
import io.zdcd.analyzer.fix.FixRewriter;
import io.zdcd.analyzer.fix.MigrationFixer;
import io.zdcd.jdbc.JdbcBuildQueue;
import io.zdcd.jdbc.JdbcDeploymentJournal;
import io.zdcd.spi.Build;
import io.zdcd.spi.DeploymentRecord;
import io.zdcd.spi.JournalEntry;
import io.zdcd.spi.MigrationResult;
import io.zdcd.spi.MigrationRunner;
import io.zdcd.spi.PendingMigration;
import io.zdcd.spi.Progress;
import io.zdcd.spi.StepKind;
import io.zdcd.testing.PostgresExtension;
import io.zdcd.testing.TestDatabase;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code DeploymentPipeline.Builder#expandContract} with zdcd-analyzer's real classifier and {@link FixRewriter} over
 * {@link MigrationFixer}, on a real PostgreSQL with the JDBC ports and a fake platform.
 */
@ExtendWith(PostgresExtension.class)
class ExpandContractPipelineTest {
    Harness h;

    @BeforeEach
    void setUp(TestDatabase db, TestInfo info, @TempDir Path dir) {
        h = new Harness(db, info.getTestMethod().orElseThrow().getName(), dir);
    }

    private DeploymentPipeline.Builder pipeline() {
        return h.pipeline().classifier(SqlMigrationClassifier.defaults());
    }

    private DeploymentPipeline fixing() {
        return pipeline().expandContract(FixRewriter.of(MigrationFixer.defaults())).build();
    }

    private DeploymentPipeline fixingWith(MigrationRunner runner) {
        return pipeline().migrations(io.zdcd.jdbc.SqlMigrationSource.of(h.target, h.migrations), runner)
                .expandContract(FixRewriter.of(MigrationFixer.defaults())).build();
    }

    @Test
    void an_unsafe_create_index_is_deferred_without_expand_contract_and_ships_at_once_with_it() {
        // GIVEN a push with an index built without CONCURRENTLY (UNSAFE: it blocks writes while it builds)
        h.migration("V1__note_idx.sql", "CREATE INDEX orders_note_idx ON orders (note);");
        // WHEN expand/contract is off: deferred, nothing changed
        DeploymentOutcome off = pipeline().build().deploy(Build.of("b1", "index notes"));
        then(off.status()).isEqualTo(DeploymentOutcome.Status.DEFERRED);
        then(h.indexes()).doesNotContain("orders_note_idx");
        then(h.platform.servingBuild()).isEqualTo("b0");
        JdbcBuildQueue.of(h.control).drop(h.app, "b1"); // the team ships it with --fix instead

        // WHEN expand/contract is on
        DeploymentPipeline pipeline = fixing();
        DeploymentPlan plan = pipeline.plan(Build.of("b1"));
        then(plan.decision()).isEqualTo(DeploymentPlan.Decision.DEPLOY);
        then(plan.steps()).containsExactly(StepKind.LOCK, StepKind.PREFLIGHT, StepKind.BACKUP, StepKind.MIGRATE,
                StepKind.RELEASE, StepKind.VERIFY);
        DeploymentOutcome on = pipeline.deploy(Build.of("b1", "index notes"));

        // THEN it ships at once: the expand part (CREATE INDEX CONCURRENTLY) in place of the migration
        then(on.status()).as(on.describe()).isEqualTo(DeploymentOutcome.Status.DEPLOYED);
        then(on.steps()).extracting(StepResult::step).containsExactly(StepKind.LOCK, StepKind.PREFLIGHT,
                StepKind.BACKUP, StepKind.MIGRATE, StepKind.RELEASE, StepKind.VERIFY);
        then(on.steps().get(1).detail()).contains("1 UNSAFE migration rewritten by expand/contract");
        then(on.steps().get(3).subject()).isEqualTo("V1__note_idx_001_expand.sql");
        then(on.steps().get(3).detail()).contains("V1__note_idx.sql recorded as applied");
        then(h.indexes()).contains("orders_note_idx");
        then(h.applied()).containsExactly("V1__note_idx_001_expand.sql", "V1__note_idx.sql");
        then(h.platform.servingBuild()).isEqualTo("b1");
        then(pipeline.plan(Build.of("b2")).migrations()).isEmpty(); // nothing pending any more
        // the journal tells the same story
        DeploymentRecord record = last();
        then(record.succeeded()).isTrue();
        then(story(record)).containsExactly("LOCK SUCCEEDED", "PREFLIGHT STARTED", "PREFLIGHT SUCCEEDED",
                "BACKUP STARTED", "BACKUP SUCCEEDED", "MIGRATE V1__note_idx_001_expand.sql STARTED",
                "MIGRATE V1__note_idx_001_expand.sql SUCCEEDED", "RELEASE STARTED", "RELEASE SUCCEEDED",
                "VERIFY v2 STARTED", "VERIFY v2 SUCCEEDED");
        then(entry(record, StepKind.PREFLIGHT, JournalEntry.Phase.SUCCEEDED).attribute("rewrites"))
                .isEqualTo("Rewrite[V1__note_idx.sql: expand V1__note_idx_001_expand.sql; contract none]");
        JournalEntry migrated = entry(record, StepKind.MIGRATE, JournalEntry.Phase.SUCCEEDED);
        then(migrated.attribute("rewriteOf")).isEqualTo("V1__note_idx.sql");
        then(migrated.attribute("verdict")).isEqualTo("SAFE");
        then(migrated.attribute("records")).isEqualTo("V1__note_idx.sql");
    }

    @Test
    void a_push_with_an_unsafe_statement_without_a_recipe_is_still_deferred_whole() {
        // GIVEN an index that has a recipe, and a table rewrite that has none
        h.migration("V1__note_idx.sql", "CREATE INDEX orders_note_idx ON orders (note);");
        h.migration("V2__vacuum.sql", "VACUUM FULL orders;");
        // WHEN
        DeploymentOutcome outcome = fixing().deploy(Build.of("b1"));
        // THEN nothing of it ships, and the reason names what has no recipe
        then(outcome.status()).as(outcome.describe()).isEqualTo(DeploymentOutcome.Status.DEFERRED);
        then(((DeploymentOutcome.Deferred) outcome).reason()).contains("expand/contract is not possible for")
                .contains("V2__vacuum.sql: ").contains("no recipe");
        then(h.indexes()).doesNotContain("orders_note_idx");
        then(h.platform.servingBuild()).isEqualTo("b0");
        then(JdbcBuildQueue.of(h.control).queued(h.app)).hasSize(1);
    }

    @Test
    void a_runner_that_cannot_apply_rewritten_sql_defers_as_without_expand_contract_and_says_why() {
        // GIVEN a runner that applies migrations but cannot apply rewritten SQL (as Django's manage.py migrate)
        h.migration("V1__note_idx.sql", "CREATE INDEX orders_note_idx ON orders (note);");
        MigrationRunner migrateOnly = h.runner()::apply; // no isApplied / recordApplied
        DeploymentPipeline pipeline = fixingWith(migrateOnly);
        // WHEN
        DeploymentOutcome outcome = pipeline.deploy(Build.of("b1"));
        // THEN
        then(outcome.status()).isEqualTo(DeploymentOutcome.Status.DEFERRED);
        then(((DeploymentOutcome.Deferred) outcome).reason()).contains("expand/contract is not possible")
                .contains("cannot apply the SQL of an expand/contract rewrite");
        then(h.indexes()).doesNotContain("orders_note_idx");
    }

    @Test
    void a_failing_contract_keeps_the_verified_release_and_the_next_deploy_runs_it() {
        // GIVEN a push that drops a column the running code reads (UNSAFE; its recipe: drop it in the contract),
        // and a view on that column that makes the DROP fail
        h.sql("CREATE VIEW legacy_report AS SELECT id, legacy FROM orders");
        h.migration("V1__drop_legacy.sql", "ALTER TABLE orders DROP COLUMN legacy;");
        DeploymentPipeline pipeline = fixing();
        // WHEN
        DeploymentOutcome outcome = pipeline.deploy(Build.of("b1", "stop reading legacy"));
        // THEN the release is live and verified, the contract failed, nothing was rolled back
        then(outcome.status()).as(outcome.describe()).isEqualTo(DeploymentOutcome.Status.CONTRACT_FAILED);
        then(outcome.isSuccess()).isFalse();
        then(outcome.toString()).contains("the release is live and verified")
                .contains("contract V1__drop_legacy_001_contract.sql failed").contains("stays pending");
        then(outcome.describe()).contains("deploy again with expand/contract");
        then(outcome.steps()).extracting(StepResult::step).containsSubsequence(StepKind.BACKUP, StepKind.RELEASE,
                StepKind.VERIFY, StepKind.CONTRACT);
        then(outcome.steps()).extracting(StepResult::step).doesNotContain(StepKind.ROLLBACK, StepKind.RESTORE);
        then(h.platform.servingBuild()).isEqualTo("b1");
        then(h.columns("orders")).contains("legacy");
        then(h.applied()).doesNotContain("V1__drop_legacy.sql", "V1__drop_legacy_001_contract.sql");
        then(pipeline.recoveryPlan()).isEmpty(); // the deployment ended: nothing to recover
        DeploymentRecord record = last();
        then(record.succeeded()).isFalse();
        then(record.summary()).contains("the release stays live and verified").contains("stays pending");
        then(story(record)).containsSubsequence("VERIFY v2 SUCCEEDED",
                "CONTRACT V1__drop_legacy_001_contract.sql STARTED", "CONTRACT V1__drop_legacy_001_contract.sql FAILED",
                "RECOVER STARTED", "RECOVER SUCCEEDED");
        then(story(record)).doesNotContain("ROLLBACK STARTED");

        // WHEN the cause is fixed and the next push deploys with expand/contract
        h.sql("DROP VIEW legacy_report");
        DeploymentOutcome next = pipeline.deploy(Build.of("b2", "next push"));
        // THEN its contract step runs the pending contract and records the migration
        thenTheContractRanAfterVerify(next);
        then(entry(last(), StepKind.CONTRACT, JournalEntry.Phase.SUCCEEDED).attribute("records"))
                .isEqualTo("V1__drop_legacy.sql");
    }

    @Test
    void a_later_migration_the_runner_would_apply_only_after_a_rewrite_with_a_contract_defers_the_push() {
        // GIVEN a push: V1 rewritten with a contract (the column dropped in contract), then V2
        h.migration("V1__drop_legacy.sql", "ALTER TABLE orders DROP COLUMN legacy;");
        h.migration("V2__memo.sql", "ALTER TABLE orders ADD COLUMN memo text;");
        // JdbcMigrationRunner applies exactly the file it is given: V2 ships in the same push
        then(fixing().plan(Build.of("b1")).decision()).isEqualTo(DeploymentPlan.Decision.DEPLOY);
        // a runner that would apply V1 first when asked for V2 (as Django applies unapplied dependencies first)
        MigrationRunner real = h.runner();
        MigrationRunner dependent = withAppliedBefore(real, m -> m.name().equals("V2__memo.sql")
                ? List.of("V1__drop_legacy.sql") : List.of());

        // WHEN it is pushed
        DeploymentOutcome outcome = fixingWith(dependent).deploy(Build.of("b1"));

        // THEN deferred at preflight, nothing changed
        then(outcome.status()).as(outcome.describe()).isEqualTo(DeploymentOutcome.Status.DEFERRED);
        then(((DeploymentOutcome.Deferred) outcome).reason()).contains("expand/contract is not possible for "
                + "V1__drop_legacy.sql: V2__memo.sql, later in this push, depends on it");
        then(outcome.steps()).extracting(StepResult::step).containsExactly(StepKind.LOCK, StepKind.PREFLIGHT);
        then(h.columns("orders")).containsExactly("id", "note", "legacy");
        then(h.strings("SELECT to_regclass('zdcd.applied_migrations')::text")).containsExactly((String) null);
        then(story(last())).containsExactly("LOCK SUCCEEDED", "PREFLIGHT STARTED", "PREFLIGHT SUCCEEDED");
        then(last().summary()).isEqualTo("deferred to the nightly build: "
                + ((DeploymentOutcome.Deferred) outcome).reason());
        then(JdbcBuildQueue.of(h.control).queued(h.app)).hasSize(1);
        JdbcBuildQueue.of(h.control).drop(h.app, "b1");

        // and a runner that cannot tell fails closed: deferred with why
        MigrationRunner unsure = withAppliedBefore(real, m -> {
            throw new IllegalStateException("plan unavailable");
        });
        then(fixingWith(unsure).plan(Build.of("b1")).reason()).contains("V1__drop_legacy.sql: cannot tell whether "
                + "V2__memo.sql, later in this push, depends on it: plan unavailable");
    }

    private static MigrationRunner withAppliedBefore(MigrationRunner real,
                                                     java.util.function.Function<PendingMigration, List<String>> f) {
        return new MigrationRunner() {
            @Override
            public MigrationResult apply(PendingMigration migration, Progress progress) {
                return real.apply(migration, progress);
            }

            @Override
            public boolean isApplied(String name) {
                return real.isApplied(name);
            }

            @Override
            public void recordApplied(PendingMigration migration) {
                real.recordApplied(migration);
            }

            @Override
            public List<String> appliedBefore(PendingMigration migration) {
                return f.apply(migration);
            }
        };
    }

    @Test
    void a_crash_mid_contract_is_recovered_without_rolling_the_verified_release_back() {
        // GIVEN a deployment whose process dies as its contract part starts
        h.migration("V1__drop_legacy.sql", "ALTER TABLE orders DROP COLUMN legacy;");
        MigrationRunner real = h.runner();
        MigrationRunner dying = new MigrationRunner() {
            @Override
            public MigrationResult apply(PendingMigration migration, Progress progress) {
                if (migration.name().endsWith("_contract.sql")) {
                    throw new Killed();
                }
                return real.apply(migration, progress);
            }

            @Override
            public boolean isApplied(String name) {
                return real.isApplied(name);
            }

            @Override
            public void recordApplied(PendingMigration migration) {
                real.recordApplied(migration);
            }
        };
        DeploymentPipeline crashing = fixingWith(dying);
        Throwable crash = null;
        try {
            crashing.deploy(Build.of("b1"));
        } catch (Killed e) {
            crash = e;
        }
        then(crash).isNotNull();
        then(h.platform.servingBuild()).isEqualTo("b1");

        // WHEN the process restarts and recovers
        DeploymentPipeline restarted = fixing();
        io.zdcd.recovery.RecoveryPlan plan = restarted.recoveryPlan().orElseThrow();
        DeploymentOutcome recovered = restarted.recover();

        // THEN the verified release stays, the contract stays pending, and the next deploy runs it
        then(plan.failure()).isEqualTo("contract V1__drop_legacy_001_contract.sql was interrupted (the deployment "
                + "stopped mid-step: crash or kill)");
        then(plan.steps()).noneMatch(st -> st instanceof io.zdcd.recovery.RecoveryStep.RollbackRelease);
        then(recovered.status()).as(recovered.describe()).isEqualTo(DeploymentOutcome.Status.CONTRACT_FAILED);
        then(h.platform.servingBuild()).isEqualTo("b1");
        then(h.columns("orders")).contains("legacy");
        then(restarted.recoveryPlan()).isEmpty();
        DeploymentOutcome next = restarted.deploy(Build.of("b2"));
        then(next.status()).as(next.describe()).isEqualTo(DeploymentOutcome.Status.DEPLOYED);
        then(h.columns("orders")).doesNotContain("legacy");
        then(h.applied()).containsExactly("V1__drop_legacy_001_contract.sql", "V1__drop_legacy.sql");
    }

    /** The process dies here. */
    static final class Killed extends Error {
        private static final long serialVersionUID = 1L;

        Killed() {
            super("killed");
        }
    }

    @Test
    void a_failing_expand_part_is_recovered_like_a_failed_safe_migration() {
        // GIVEN a unique index over data that is not unique: its CREATE UNIQUE INDEX CONCURRENTLY fails
        h.sql("INSERT INTO orders (note) VALUES ('before 1')");
        h.migration("V1__unique_note.sql", "CREATE UNIQUE INDEX orders_note_key ON orders (note);");
        DeploymentPipeline pipeline = fixing();
        // WHEN
        DeploymentOutcome outcome = pipeline.deploy(Build.of("b1"));
        // THEN the INVALID index it left is dropped, the code was never released, nothing is recorded
        then(outcome.status()).as(outcome.describe()).isEqualTo(DeploymentOutcome.Status.ROLLED_BACK);
        DeploymentOutcome.RolledBack r = (DeploymentOutcome.RolledBack) outcome;
        then(r.failedStep()).isEqualTo(StepKind.MIGRATE);
        then(r.reason()).contains("V1__unique_note_001_expand.sql");
        then(r.recovery().restoresDatabase()).isFalse();
        then(outcome.steps()).extracting(StepResult::step).contains(StepKind.DROP_INVALID_INDEX)
                .doesNotContain(StepKind.RELEASE, StepKind.CONTRACT);
        then(h.indexes()).noneMatch(i -> i.startsWith("orders_note_key"));
        then(h.applied()).isEmpty();
        then(h.platform.servingBuild()).isEqualTo("b0");
        then(pipeline.recoveryPlan()).isEmpty();
        then(story(last())).containsSubsequence("MIGRATE V1__unique_note_001_expand.sql STARTED",
                "MIGRATE V1__unique_note_001_expand.sql FAILED", "RECOVER STARTED",
                "DROP_INVALID_INDEX orders_note_key STARTED", "DROP_INVALID_INDEX orders_note_key SUCCEEDED",
                "RECOVER SUCCEEDED");

        // WHEN the data is fixed, the same push ships with a retry
        h.sql("DELETE FROM orders WHERE id = (SELECT max(id) FROM orders)");
        DeploymentOutcome retry = pipeline.deploy(Build.of("b1"));
        then(retry.status()).as(retry.describe()).isEqualTo(DeploymentOutcome.Status.DEPLOYED);
        then(h.indexes()).contains("orders_note_key");
        then(h.applied()).containsExactly("V1__unique_note_001_expand.sql", "V1__unique_note.sql");
    }

    @Test
    void a_release_that_fails_verify_keeps_the_expand_and_the_next_deploy_skips_it_and_runs_the_contract() {
        // GIVEN a migration with an expand part (the index) and a contract part (the drop), and a build that crashes
        h.migration("V1__idx_drop.sql", "CREATE INDEX orders_note_idx ON orders (note);\n"
                + "ALTER TABLE orders DROP COLUMN legacy;");
        h.platform.crashingBuilds.add("b1");
        DeploymentPipeline pipeline = fixing();
        // WHEN
        DeploymentOutcome first = pipeline.deploy(Build.of("b1"));
        // THEN the code is rolled back, the additive expand stays, no contract ran, nothing is restored
        then(first.status()).as(first.describe()).isEqualTo(DeploymentOutcome.Status.ROLLED_BACK);
        then(((DeploymentOutcome.RolledBack) first).failedStep()).isEqualTo(StepKind.VERIFY);
        then(((DeploymentOutcome.RolledBack) first).recovery().restoresDatabase()).isFalse();
        then(first.steps()).extracting(StepResult::step).contains(StepKind.ROLLBACK).doesNotContain(StepKind.CONTRACT);
        then(h.platform.servingBuild()).isEqualTo("b0");
        then(h.indexes()).contains("orders_note_idx");
        then(h.columns("orders")).contains("legacy");
        then(h.applied()).containsExactly("V1__idx_drop_001_expand.sql");

        // WHEN a fixed build is pushed
        DeploymentOutcome next = pipeline.deploy(Build.of("b2"));
        // THEN the expand part is skipped (applied by the earlier deployment), the contract runs after verify
        then(next.status()).as(next.describe()).isEqualTo(DeploymentOutcome.Status.DEPLOYED);
        then(next.steps()).filteredOn(r -> r.step() == StepKind.MIGRATE).singleElement().satisfies(r -> {
            then(r.status()).isEqualTo(StepResult.Status.SKIPPED);
            then(r.detail()).isEqualTo("applied by an earlier deployment");
        });
        then(next.steps()).extracting(StepResult::step).endsWith(StepKind.RELEASE, StepKind.VERIFY,
                StepKind.CONTRACT);
        then(h.columns("orders")).doesNotContain("legacy");
        then(h.applied()).containsExactly("V1__idx_drop_001_expand.sql", "V1__idx_drop_002_contract.sql",
                "V1__idx_drop.sql");
        then(h.platform.servingBuild()).isEqualTo("b2");
    }

    @Test
    void a_contract_left_pending_runs_after_release_and_verify_on_the_next_deploy_without_expand_contract() {
        // GIVEN a deployment with expand/contract whose contract failed (a view reads the dropped column)
        contractLeftPending();
        DeploymentPipeline plain = pipeline().build(); // expand/contract off
        // WHEN the next push deploys without expand/contract
        DeploymentPlan plan = plain.plan(Build.of("b2"));
        DeploymentOutcome next = plain.deploy(Build.of("b2", "next push"));
        // THEN the journal's rewrite finishes: the contract runs once b2 is verified, no deferral, no window
        then(plan.decision()).as(plan.describe()).isEqualTo(DeploymentPlan.Decision.DEPLOY);
        then(plan.reason()).contains("V1__drop_legacy.sql: expand none; contract V1__drop_legacy_001_contract.sql");
        then(plan.steps()).containsExactly(StepKind.LOCK, StepKind.PREFLIGHT, StepKind.BACKUP, StepKind.RELEASE,
                StepKind.VERIFY, StepKind.CONTRACT);
        thenTheContractRanAfterVerify(next);
        // AND once recorded, nothing is pending: the push after is code-only
        then(plain.plan(Build.of("b3")).reason()).isEqualTo("no pending migration: code-only deploy");
    }

    @Test
    void a_shipped_expand_is_skipped_and_its_contract_runs_on_a_nightly_without_expand_contract() {
        // GIVEN an expand (the index) shipped by a deployment whose release then failed verify
        h.migration("V1__idx_drop.sql", "CREATE INDEX orders_note_idx ON orders (note);\n"
                + "ALTER TABLE orders DROP COLUMN legacy;");
        h.platform.crashingBuilds.add("b1");
        then(fixing().deploy(Build.of("b1")).status()).isEqualTo(DeploymentOutcome.Status.ROLLED_BACK);
        then(h.applied()).containsExactly("V1__idx_drop_001_expand.sql");
        // WHEN the nightly deploys a fixed build without expand/contract
        DeploymentOutcome night = pipeline().build().nightly(Build.of("b2"));
        // THEN no maintenance window: the expand is skipped, the contract runs after verify
        then(night.status()).as(night.describe()).isEqualTo(DeploymentOutcome.Status.DEPLOYED);
        then(night.steps()).extracting(StepResult::step).doesNotContain(StepKind.MAINTENANCE_ON)
                .endsWith(StepKind.RELEASE, StepKind.VERIFY, StepKind.CONTRACT);
        then(night.steps()).filteredOn(r -> r.step() == StepKind.MIGRATE).singleElement()
                .satisfies(r -> then(r.status()).isEqualTo(StepResult.Status.SKIPPED));
        then(h.columns("orders")).doesNotContain("legacy");
        then(h.applied()).containsExactly("V1__idx_drop_001_expand.sql", "V1__idx_drop_002_contract.sql",
                "V1__idx_drop.sql");
    }

    @Test
    void a_pending_contract_whose_migration_changed_since_is_unsafe_again_without_expand_contract() {
        // GIVEN a contract left pending, then the migration edited (its journaled rewrite no longer matches it)
        contractLeftPending();
        h.migration("V1__drop_legacy.sql", "ALTER TABLE orders DROP COLUMN legacy, DROP COLUMN note;");
        // WHEN
        DeploymentOutcome next = pipeline().build().deploy(Build.of("b2"));
        // THEN it is judged as any UNSAFE migration: deferred, nothing dropped
        then(next.status()).as(next.describe()).isEqualTo(DeploymentOutcome.Status.DEFERRED);
        then(h.columns("orders")).contains("legacy", "note");
    }

    @Test
    void the_nightly_uses_the_rewrite_and_needs_no_maintenance_window() {
        h.migration("V1__note_idx.sql", "CREATE INDEX orders_note_idx ON orders (note);");
        DeploymentPipeline pipeline = fixing();

        DeploymentOutcome outcome = pipeline.nightly(Build.of("b1"));

        then(outcome.status()).as(outcome.describe()).isEqualTo(DeploymentOutcome.Status.DEPLOYED);
        then(outcome.steps()).extracting(StepResult::step).doesNotContain(StepKind.MAINTENANCE_ON);
        then(h.indexes()).contains("orders_note_idx");
        then(h.applied()).containsExactly("V1__note_idx_001_expand.sql", "V1__note_idx.sql");
    }

    /** A deployment with expand/contract whose contract (the drop of a column a view read) failed; the view gone. */
    private void contractLeftPending() {
        h.sql("CREATE VIEW legacy_report AS SELECT id, legacy FROM orders");
        h.migration("V1__drop_legacy.sql", "ALTER TABLE orders DROP COLUMN legacy;");
        then(fixing().deploy(Build.of("b1")).status()).isEqualTo(DeploymentOutcome.Status.CONTRACT_FAILED);
        h.sql("DROP VIEW legacy_report");
    }

    /** {@code next} (b2) deployed, ran V1__drop_legacy's contract after verify and recorded the migration. */
    private void thenTheContractRanAfterVerify(DeploymentOutcome next) {
        then(next.status()).as(next.describe()).isEqualTo(DeploymentOutcome.Status.DEPLOYED);
        then(next.steps()).extracting(StepResult::step).containsExactly(StepKind.LOCK, StepKind.PREFLIGHT,
                StepKind.BACKUP, StepKind.RELEASE, StepKind.VERIFY, StepKind.CONTRACT);
        then(h.columns("orders")).doesNotContain("legacy");
        then(h.applied()).containsExactly("V1__drop_legacy_001_contract.sql", "V1__drop_legacy.sql");
        then(h.platform.servingBuild()).isEqualTo("b2");
    }

    private DeploymentRecord last() {
        return JdbcDeploymentJournal.of(h.control).recent(h.app, 1).get(0);
    }

    private static List<String> story(DeploymentRecord record) {
        return record.entries().stream().filter(e -> e.attribute("operation").isEmpty())
                .map(e -> e.step() + (e.subject().isEmpty() || e.step() == StepKind.BACKUP ? "" : " " + e.subject())
                        + " " + e.phase()).toList();
    }

    private static JournalEntry entry(DeploymentRecord record, StepKind step, JournalEntry.Phase phase) {
        return record.entries().stream().filter(e -> e.step() == step && e.phase() == phase
                        && e.attribute("operation").isEmpty()).reduce((a, b) -> b).orElseThrow();
    }
}
