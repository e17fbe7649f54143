package io.zdcd.pipeline;

import static org.assertj.core.api.BDDAssertions.then;

import io.zdcd.jdbc.JdbcDeploymentJournal;
import io.zdcd.spi.Build;
import io.zdcd.spi.DeploymentRecord;
import io.zdcd.spi.JournalEntry;
import io.zdcd.spi.StepKind;
import io.zdcd.testing.PostgresExtension;
import io.zdcd.testing.TestDatabase;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Fencing on a real PostgreSQL: the deploy lock's session is terminated ({@code pg_terminate_backend}, as a pooler or
 * a failover would) in the middle of each step; {@code recover} runs from another pipeline at that moment. One story
 * must come out: recover refuses (the deployment is live), the deployment stops before its next side effect and
 * reports FAILED (exit 4), a later recover rolls back, and the platform, the journal and both outcomes agree.
 */
@ExtendWith(PostgresExtension.class)
class FencingTest {
    private static final Duration LEASE = Duration.ofMillis(900);
    Harness h;

    @BeforeEach
    void setUp(TestDatabase db, TestInfo info, @TempDir Path dir) {
        h = new Harness(db, info.getTestMethod().orElseThrow().getName() + info.getDisplayName().replaceAll("\\W", ""),
                dir);
    }

    /** Where the lock session is terminated: in the middle of a step (after it passed its fence). */
    enum Fault {
        LOCK(DeploymentMode.CONTINUOUS), PREFLIGHT(DeploymentMode.CONTINUOUS), BACKUP(DeploymentMode.CONTINUOUS),
        MIGRATE(DeploymentMode.CONTINUOUS), RELEASE_POLLING(DeploymentMode.CONTINUOUS),
        VERIFY(DeploymentMode.CONTINUOUS), MAINTENANCE_ON(DeploymentMode.NIGHTLY),
        NIGHTLY_MIGRATE(DeploymentMode.NIGHTLY), NIGHTLY_RELEASE(DeploymentMode.NIGHTLY),
        MAINTENANCE_OFF(DeploymentMode.NIGHTLY);

        final DeploymentMode mode;

        Fault(DeploymentMode mode) {
            this.mode = mode;
        }

        boolean at(DeploymentEvent e) {
            return switch (this) {
                case LOCK -> e instanceof DeploymentEvent.StepFinished f && f.result().step() == StepKind.LOCK;
                case RELEASE_POLLING, NIGHTLY_RELEASE -> e instanceof DeploymentEvent.StepProgress p
                        && p.step() == StepKind.RELEASE;
                case NIGHTLY_MIGRATE -> started(e, StepKind.MIGRATE);
                default -> started(e, StepKind.valueOf(name()));
            };
        }

        private static boolean started(DeploymentEvent e, StepKind step) {
            return e instanceof DeploymentEvent.StepStarted s && s.step() == step;
        }
    }

    enum DeploymentMode { CONTINUOUS, NIGHTLY }

    private DeploymentPipeline.Builder pipeline(String holder) {
        return h.pipeline().holder(holder).journal(JdbcDeploymentJournal.of(h.control).withLease(LEASE));
    }

    @ParameterizedTest
    @EnumSource(Fault.class)
    void a_deployment_whose_lock_session_is_terminated_stops_and_recover_never_races_it(Fault fault) {
        // GIVEN a deployment (a SAFE migration continuously, an UNSAFE one at night) whose lock session is killed
        // mid-step, and a recover run from elsewhere at that very moment
        h.migration("V1__change.sql", fault.mode == DeploymentMode.CONTINUOUS
                ? "ALTER TABLE orders ADD COLUMN email text;" : "ALTER TABLE orders DROP COLUMN legacy;");
        AtomicReference<DeploymentOutcome> concurrent = new AtomicReference<>();
        AtomicReference<Optional<String>> liveDuring = new AtomicReference<>();
        AtomicReference<Integer> platformCallsAtFault = new AtomicReference<>();
        JdbcDeploymentJournal journal = JdbcDeploymentJournal.of(h.control);
        DeploymentPipeline deploying = pipeline("alice@ci-1").addListener(e -> {
            if (platformCallsAtFault.get() == null && fault.at(e)) {
                platformCallsAtFault.set(h.platform.log.size());
                terminateLockSession();
                concurrent.set(pipeline("bob@ops").build().recover());
                liveDuring.set(journal.liveHolder(h.app));
            }
        }).build();

        // WHEN
        DeploymentOutcome outcome = fault.mode == DeploymentMode.CONTINUOUS
                ? deploying.deploy(Build.of("b1")) : deploying.nightly(Build.of("b1"));
        List<String> callsAfterFault = new ArrayList<>(h.platform.log.subList(platformCallsAtFault.get(),
                h.platform.log.size()));
        DeploymentOutcome recovered = pipeline("bob@ops").build().recover();
        if (fault == Fault.MAINTENANCE_OFF) {
            // maintenance went off before the lock was lost: writes may have reached the app since, so recover rolls
            // the code back and restores the database only with consent (RecoveryPlan's no-data-loss rule)
            then(recovered.status()).as(recovered.describe()).isEqualTo(DeploymentOutcome.Status.FAILED);
            then(recovered.describe()).contains("without consent");
            then(h.platform.servingBuild()).isEqualTo("b0");
            then(journal.unfinished(h.app)).isPresent();
            recovered = pipeline("bob@ops").build().recoverAcceptingWriteLoss();
        }

        // THEN recover refused while the deployment lived, and said it was live
        then(platformCallsAtFault.get()).as("the fault was injected").isNotNull();
        then(concurrent.get().status()).isEqualTo(DeploymentOutcome.Status.REFUSED);
        then(((DeploymentOutcome.Refused) concurrent.get()).reason()).contains("is live", "alice@ci-1");
        then(liveDuring.get()).hasValueSatisfying(v -> then(v).contains("alice@ci-1", "last heartbeat"));
        // the deployment stopped before its next side effect, said so and failed (exit 4)
        then(outcome.status()).as(outcome.describe()).isEqualTo(DeploymentOutcome.Status.FAILED);
        then(((DeploymentOutcome.Failed) outcome).reason()).contains("lost the deploy lock", "run recover");
        then(callsAfterFault).as("platform calls after the lock was lost")
                .isSubsetOf(fault == Fault.RELEASE_POLLING || fault == Fault.NIGHTLY_RELEASE ? List.of("release b1")
                        : fault == Fault.MAINTENANCE_ON ? List.of("maintenance on")
                        : fault == Fault.MAINTENANCE_OFF ? List.of("maintenance off") : List.of());
        // the later recover put the app back, and the platform, the journal and the outcomes tell the same story
        then(recovered.status()).as(recovered.describe()).isEqualTo(DeploymentOutcome.Status.ROLLED_BACK);
        then(h.platform.servingBuild()).isEqualTo("b0");
        then(h.platform.inMaintenance(h.app)).isFalse();
        DeploymentRecord last = journal.recent(h.app, 1).get(0);
        then(journal.unfinished(h.app)).isEmpty();
        then(last.succeeded()).isFalse();
        then(last.summary()).startsWith("rolled back: ").contains("lost the deploy lock");
        then(last.entries()).anyMatch(en -> en.step() == StepKind.LOCK && en.phase() == JournalEntry.Phase.FAILED
                && en.attribute("reason").contains("lost the deploy lock"));
        then(journal.liveHolder(h.app)).isEmpty();
        if (fault.mode == DeploymentMode.NIGHTLY) {
            then(h.columns("orders")).as("the unsafe migration is undone (or never ran)")
                    .containsExactly("id", "note", "legacy");
        }
        then(pipeline("carol@ci-2").build().deploy(Build.of("b2")).status()).isNotEqualTo(
                DeploymentOutcome.Status.REFUSED);
    }

    @org.junit.jupiter.api.Test
    void a_lock_lost_during_automatic_recovery_stops_it_before_its_next_action_and_recover_finishes_it() {
        // GIVEN a nightly whose release fails after an UNSAFE migration, and whose lock session is terminated as its
        // own recovery starts the rollback
        h.migration("V1__drop_legacy.sql", "ALTER TABLE orders DROP COLUMN legacy;");
        h.platform.failRelease = true;
        AtomicReference<DeploymentOutcome> concurrent = new AtomicReference<>();
        AtomicReference<Integer> callsAtFault = new AtomicReference<>();
        DeploymentPipeline nightly = pipeline("alice@ci-1").addListener(e -> {
            if (callsAtFault.get() == null && e instanceof DeploymentEvent.StepStarted st
                    && st.step() == StepKind.ROLLBACK) {
                callsAtFault.set(h.platform.log.size());
                terminateLockSession();
                concurrent.set(pipeline("bob@ops").build().recover());
            }
        }).build();

        // WHEN
        DeploymentOutcome outcome = nightly.nightly(Build.of("b1"));
        List<String> callsAfterFault = List.copyOf(h.platform.log.subList(callsAtFault.get(), h.platform.log.size()));
        boolean maintenanceWhenStopped = h.platform.inMaintenance(h.app);
        h.platform.failRelease = false;
        DeploymentOutcome recovered = pipeline("bob@ops").build().recover();

        // THEN the automatic recovery stopped before its next action (no rollback, restore or maintenance off)
        then(concurrent.get().status()).isEqualTo(DeploymentOutcome.Status.REFUSED);
        then(outcome.status()).as(outcome.describe()).isEqualTo(DeploymentOutcome.Status.FAILED);
        then(outcome.toString()).contains("lost the deploy lock");
        then(callsAfterFault).isEmpty();
        then(maintenanceWhenStopped).as("the app stays in maintenance, as the journal says").isTrue();
        // and the later recover finished it: restored, rolled back, maintenance off
        then(recovered.status()).as(recovered.describe()).isEqualTo(DeploymentOutcome.Status.ROLLED_BACK);
        then(h.columns("orders")).containsExactly("id", "note", "legacy");
        then(h.platform.servingBuild()).isEqualTo("b0");
        then(h.platform.inMaintenance(h.app)).isFalse();
        then(JdbcDeploymentJournal.of(h.control).unfinished(h.app)).isEmpty();
    }

    @org.junit.jupiter.api.Test
    void a_deployment_taken_over_mid_step_cannot_journal_anything_after_the_takeover() {
        // GIVEN a deployment that stalls in the release while another process takes its lock over (as after its
        // lease ran out): the lock row gets the newcomer's fencing number
        h.migration("V1__email.sql", "ALTER TABLE orders ADD COLUMN email text;");
        JdbcDeploymentJournal journal = JdbcDeploymentJournal.of(h.control);
        AtomicReference<Integer> entriesAtTakeover = new AtomicReference<>();
        DeploymentPipeline deploying = pipeline("alice@ci-1").addListener(e -> {
            if (entriesAtTakeover.get() == null && e instanceof DeploymentEvent.StepProgress p
                    && p.step() == StepKind.RELEASE) {
                sql("UPDATE zdcd.deploy_locks SET fence = nextval('zdcd.deploy_fence'), holder = 'bob@ops', "
                        + "heartbeat_at = clock_timestamp() WHERE app = '" + h.app + "'");
                entriesAtTakeover.set(journal.unfinished(h.app).orElseThrow().entries().size());
            }
        }).build();

        // WHEN the release returns to the superseded deployment
        DeploymentOutcome outcome = deploying.deploy(Build.of("b1"));

        // THEN its next journal write (the release's success) was refused in the write's own transaction: it
        // stopped, FAILED, and the journal has nothing of it after the takeover, not even its end
        then(entriesAtTakeover.get()).as("the takeover happened").isNotNull();
        then(outcome.status()).as(outcome.describe()).isEqualTo(DeploymentOutcome.Status.FAILED);
        then(((DeploymentOutcome.Failed) outcome).reason()).contains("lost the deploy lock", "is no longer current",
                "refused to journal RELEASE SUCCEEDED", "stopped during release");
        DeploymentRecord record = journal.unfinished(h.app).orElseThrow();
        then(record.entries()).as("no entry of the superseded holder after the takeover")
                .hasSize(entriesAtTakeover.get());
        then(record.entries()).noneMatch(en -> en.step() == StepKind.RELEASE
                && en.phase() == JournalEntry.Phase.SUCCEEDED);
        sql("DELETE FROM zdcd.deploy_locks WHERE app = '" + h.app + "'");
    }

    private void sql(String statement) {
        try (Connection c = h.control.connect(); java.sql.Statement s = c.createStatement()) {
            s.execute(statement);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** pg_terminate_backend on the session that holds the deploy lock, as recorded in zdcd.deploy_locks. */
    private void terminateLockSession() {
        try (Connection c = h.control.connect(); PreparedStatement p = c.prepareStatement(
                "SELECT pg_terminate_backend(backend_pid) FROM zdcd.deploy_locks WHERE app = ?")) {
            p.setString(1, h.app);
            try (ResultSet rs = p.executeQuery()) {
                then(rs.next() && rs.getBoolean(1)).as("the lock session was terminated").isTrue();
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
