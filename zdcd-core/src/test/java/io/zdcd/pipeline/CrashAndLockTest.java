package io.zdcd.pipeline;

import static org.assertj.core.api.BDDAssertions.catchThrowable;
import static org.assertj.core.api.BDDAssertions.then;

import io.zdcd.recovery.RecoveryPlan;
import io.zdcd.spi.Build;
import io.zdcd.spi.MigrationResult;
import io.zdcd.spi.MigrationRunner;
import io.zdcd.spi.PendingMigration;
import io.zdcd.spi.Progress;
import io.zdcd.spi.StepKind;
import io.zdcd.testing.PostgresExtension;
import io.zdcd.testing.TestDatabase;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Crash safety and the deploy lock. A crash is simulated by an {@link Error} thrown from inside the migrate step: the
 * pipeline does not catch it, so the journal is left with the step started and not finished, as after a kill; the
 * "restarted process" is a new pipeline over the same journal tables.
 */
@ExtendWith(PostgresExtension.class)
class CrashAndLockTest {
    Harness h;

    /** The process dies here. */
    static final class Crash extends Error {
        private static final long serialVersionUID = 1L;

        Crash() {
            super("killed");
        }
    }

    @BeforeEach
    void setUp(TestDatabase db, TestInfo info, @TempDir Path dir) {
        h = new Harness(db, info.getTestMethod().orElseThrow().getName(), dir);
    }

    @Test
    void a_crash_after_an_unsafe_migration_committed_is_recovered_by_restoring_the_backup() {
        // GIVEN a queued unsafe build, and a nightly run that dies right after the migration committed
        h.migration("V1__drop_legacy.sql", "ALTER TABLE orders DROP COLUMN legacy;");
        h.pipeline().build().deploy(Build.of("b1"));
        MigrationRunner real = h.runner();
        MigrationRunner dying = (m, p) -> {
            real.apply(m, p);
            throw new Crash();
        };
        DeploymentPipeline crashing = h.pipeline().migrations(
                io.zdcd.jdbc.SqlMigrationSource.of(h.target, h.migrations), dying).build();
        then(catchThrowable(crashing::nightly)).isInstanceOf(Crash.class);
        then(h.columns("orders")).containsExactly("id", "note");
        then(h.platform.inMaintenance(h.app)).isTrue();

        // WHEN the process restarts
        DeploymentPipeline restarted = h.pipeline().build();
        DeploymentOutcome refused = restarted.deploy(Build.of("b2"));
        RecoveryPlan plan = restarted.recoveryPlan().orElseThrow();
        DeploymentOutcome recovered = restarted.recover();

        // THEN
        then(refused.status()).isEqualTo(DeploymentOutcome.Status.REFUSED);
        then(((DeploymentOutcome.Refused) refused).reason()).contains("is unfinished: run recover()",
                "test@" + h.app);
        then(plan.failure()).contains("migrate V1__drop_legacy.sql was interrupted");
        then(plan.restoresDatabase()).isTrue();
        then(plan.writesLostSince()).isEmpty();
        then(recovered.status()).isEqualTo(DeploymentOutcome.Status.ROLLED_BACK);
        then(((DeploymentOutcome.RolledBack) recovered).failedStep()).isEqualTo(StepKind.MIGRATE);
        then(h.columns("orders")).containsExactly("id", "note", "legacy");
        then(h.notes()).containsExactlyElementsOf(Harness.before());
        then(h.platform.inMaintenance(h.app)).isFalse();
        then(h.platform.servingBuild()).isEqualTo("b0");
        then(restarted.recoveryPlan()).isEmpty();
    }

    @Test
    void a_crash_mid_transaction_is_rolled_back_by_postgresql_and_recover_closes_the_deployment() {
        // GIVEN a migration whose process dies inside its transaction
        h.migration("V1__email.sql", "ALTER TABLE orders ADD COLUMN email text;");
        MigrationRunner dying = new MigrationRunner() {
            @Override
            public MigrationResult apply(PendingMigration m, Progress p) {
                try {
                    Connection c = h.target.connect();
                    c.setAutoCommit(false);
                    try (Statement s = c.createStatement()) {
                        s.execute(m.sql());
                    }
                    c.close(); // the process dies: the session ends without COMMIT
                } catch (java.sql.SQLException e) {
                    throw new IllegalStateException(e);
                }
                throw new Crash();
            }
        };
        DeploymentPipeline crashing = h.pipeline().migrations(
                io.zdcd.jdbc.SqlMigrationSource.of(h.target, h.migrations), dying).build();
        h.write("before the crash");
        then(catchThrowable(() -> crashing.deploy(Build.of("b1")))).isInstanceOf(Crash.class);

        // WHEN
        DeploymentPipeline restarted = h.pipeline().build();
        RecoveryPlan plan = restarted.recoveryPlan().orElseThrow();
        DeploymentOutcome recovered = restarted.recover();

        // THEN
        then(plan.restoresDatabase()).isFalse();
        then(plan.requiresDowntime()).isFalse();
        then(recovered.status()).isEqualTo(DeploymentOutcome.Status.ROLLED_BACK);
        then(h.columns("orders")).containsExactly("id", "note", "legacy");
        then(h.notes()).endsWith("before the crash").hasSize(101);
        then(h.platform.servingBuild()).isEqualTo("b0");
        then(h.platform.inMaintenance(h.app)).isFalse();
        then(restarted.deploy(Build.of("b1")).status()).isEqualTo(DeploymentOutcome.Status.DEPLOYED);
        then(h.columns("orders")).contains("email");
    }

    @Test
    void a_second_deploy_of_the_same_app_is_refused_with_who_holds_the_lock() throws Exception {
        // GIVEN alice's deployment is in its release step
        CountDownLatch releasing = new CountDownLatch(1);
        CountDownLatch finish = new CountDownLatch(1);
        h.platform.onRelease = () -> {
            releasing.countDown();
            try {
                finish.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        };
        DeploymentPipeline alice = h.pipeline().holder("alice@ci-1").build();
        DeploymentPipeline bob = h.pipeline().holder("bob@laptop").build();
        CompletableFuture<DeploymentOutcome> first = CompletableFuture.supplyAsync(() -> alice.deploy(Build.of("b1")));
        then(releasing.await(30, TimeUnit.SECONDS)).isTrue();

        // WHEN bob deploys meanwhile
        DeploymentOutcome second = bob.deploy(Build.of("b2"));
        DeploymentOutcome recover = bob.recover();
        finish.countDown();

        // THEN
        then(second.status()).isEqualTo(DeploymentOutcome.Status.REFUSED);
        then(((DeploymentOutcome.Refused) second).holder()).isEqualTo("alice@ci-1");
        then(((DeploymentOutcome.Refused) second).reason()).contains("locked by alice@ci-1 since");
        then(recover.status()).isEqualTo(DeploymentOutcome.Status.REFUSED);
        then(first.get(30, TimeUnit.SECONDS).status()).isEqualTo(DeploymentOutcome.Status.DEPLOYED);
        then(h.platform.log).containsExactly("release b1");
        then(h.platform.servingBuild()).isEqualTo("b1");
        then(bob.deploy(Build.of("b2")).status()).isEqualTo(DeploymentOutcome.Status.DEPLOYED);
    }
}
