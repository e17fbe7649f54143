package io.zdcd.pipeline;

import static org.assertj.core.api.BDDAssertions.catchThrowable;
import static org.assertj.core.api.BDDAssertions.then;

import io.zdcd.jdbc.SqlMigrationSource;
import io.zdcd.recovery.RecoveryPlan;
import io.zdcd.recovery.RecoveryStep;
import io.zdcd.spi.Build;
import io.zdcd.spi.MigrationRunner;
import io.zdcd.spi.StepKind;
import io.zdcd.testing.PostgresExtension;
import io.zdcd.testing.TestDatabase;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * An orphaned statement: the process dies while its migration's session runs a long statement under ACCESS
 * EXCLUSIVE (here {@code pg_sleep(300)} after {@code LOCK TABLE}); the server session runs on and every read of the
 * table waits. The runner reported the session's backend pid, so the journal has it: {@code recover} (or a deployment
 * that finds the unfinished one) ends that session before anything else, and says so.
 */
@ExtendWith(PostgresExtension.class)
class OrphanSessionTest {
    Harness h;
    Connection orphan;
    int pid;

    /** The process dies here. */
    static final class Crash extends Error {
        private static final long serialVersionUID = 1L;

        Crash() {
            super("killed");
        }
    }

    @BeforeEach
    void setUp(TestDatabase db, TestInfo info, @TempDir Path dir) throws Exception {
        h = new Harness(db, info.getTestMethod().orElseThrow().getName(), dir);
        h.migration("V1__email.sql", "ALTER TABLE orders ADD COLUMN email text;");
        MigrationRunner dying = (m, progress) -> {
            try {
                orphan = h.target.connect(); // left open: the dead process's server session runs on
                orphan.setAutoCommit(false);
                Statement s = orphan.createStatement();
                s.execute("LOCK TABLE orders IN ACCESS EXCLUSIVE MODE");
                try (ResultSet rs = s.executeQuery("SELECT pg_backend_pid()")) {
                    rs.next();
                    pid = rs.getInt(1);
                }
                progress.operationStarted("backend", String.valueOf(pid));
                CompletableFuture.runAsync(() -> {
                    try {
                        s.execute("SELECT pg_sleep(300)");
                    } catch (SQLException ended) {
                        // terminated by recover, as the test expects
                    }
                });
                while (!running()) {
                    Thread.sleep(10);
                }
            } catch (SQLException | InterruptedException e) {
                throw new IllegalStateException(e);
            }
            throw new Crash();
        };
        DeploymentPipeline crashing = h.pipeline().migrations(SqlMigrationSource.of(h.target, h.migrations), dying)
                .build();
        then(catchThrowable(() -> crashing.deploy(Build.of("b1")))).isInstanceOf(Crash.class);
        then(running()).as("the orphaned statement runs on").isTrue();
        then(catchThrowable(this::readOrders)).as("reads of orders wait for the orphan's lock")
                .hasMessageContaining("lock timeout");
    }

    @AfterEach
    void tearDown() throws SQLException {
        if (orphan != null) {
            orphan.close();
        }
    }

    @Test
    void recover_ends_the_orphaned_session_before_anything_else_and_says_so() throws Exception {
        DeploymentPipeline restarted = h.pipeline().build();
        RecoveryPlan plan = restarted.recoveryPlan().orElseThrow();

        DeploymentOutcome recovered = restarted.recover();

        then(plan.steps().get(0)).isEqualTo(new RecoveryStep.EndSession(String.valueOf(pid), "V1__email.sql"));
        then(plan.describe()).contains("End the orphaned database session " + pid + " of migration V1__email.sql");
        then(recovered.status()).as(recovered.describe()).isEqualTo(DeploymentOutcome.Status.ROLLED_BACK);
        then(recovered.steps()).filteredOn(s -> s.step() == StepKind.END_SESSION).singleElement()
                .satisfies(s -> then(s.detail()).isEqualTo("ended the orphaned session " + pid + " of V1__email.sql"));
        then(running()).isFalse();
        then(readOrders()).isEqualTo(100);
        then(h.columns("orders")).doesNotContain("email");
        then(h.platform.servingBuild()).isEqualTo("b0");
        then(restarted.deploy(Build.of("b1")).status()).isEqualTo(DeploymentOutcome.Status.DEPLOYED);
    }

    @Test
    void a_deployment_that_finds_the_unfinished_one_ends_its_orphaned_session_and_says_so() throws Exception {
        DeploymentPipeline next = h.pipeline().build();

        DeploymentOutcome refused = next.deploy(Build.of("b2"));

        then(refused.status()).isEqualTo(DeploymentOutcome.Status.REFUSED);
        then(((DeploymentOutcome.Refused) refused).reason()).contains("is unfinished: run recover()",
                "ended its orphaned database session " + pid + " (V1__email.sql)");
        then(running()).isFalse();
        then(readOrders()).isEqualTo(100);
        DeploymentOutcome recovered = next.recover();
        then(recovered.status()).isEqualTo(DeploymentOutcome.Status.ROLLED_BACK);
        then(recovered.steps()).filteredOn(s -> s.step() == StepKind.END_SESSION).singleElement()
                .satisfies(s -> then(s.detail()).isEqualTo("session " + pid + " had already ended"));
    }

    private boolean running() {
        return !h.strings("SELECT pid FROM pg_stat_activity WHERE pid = " + pid
                + " AND query LIKE '%pg_sleep%' AND state = 'active'").isEmpty();
    }

    private int readOrders() throws SQLException {
        try (Connection c = h.target.connect(); Statement s = c.createStatement()) {
            s.execute("SET lock_timeout = '300ms'");
            try (ResultSet rs = s.executeQuery("SELECT count(*) FROM orders")) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }
}
