package io.zdcd.jdbc;

import static org.assertj.core.api.BDDAssertions.catchThrowable;
import static org.assertj.core.api.BDDAssertions.then;

import io.zdcd.spi.Build;
import io.zdcd.spi.BuildQueue;
import io.zdcd.spi.DeployLock;
import io.zdcd.spi.DeploymentJournal;
import io.zdcd.spi.DeploymentMode;
import io.zdcd.spi.DeploymentRecord;
import io.zdcd.spi.JournalEntry;
import io.zdcd.spi.JournalEntry.Phase;
import io.zdcd.spi.StepKind;
import io.zdcd.spi.DeployLockLostException;
import io.zdcd.spi.DeploymentLockedException;
import io.zdcd.testing.PostgresExtension;
import io.zdcd.testing.TestDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The JDBC deploy lock's proof that a holder is gone: the advisory lock (its session) and the heartbeat (its
 * process), with a fencing number that grows with every holder.
 */
@ExtendWith(PostgresExtension.class)
class DeployLockTest {
    private static final Duration LEASE = Duration.ofMillis(900);
    PostgresDatabase db;
    JdbcDeploymentJournal journal;

    @BeforeEach
    void setUp(TestDatabase test) {
        db = PostgresDatabase.of(test.host(), test.port(), test.name(), test.user(), test.password());
        journal = JdbcDeploymentJournal.of(db).withLease(LEASE);
        sql("DROP SCHEMA IF EXISTS zdcd CASCADE");
    }

    @Test
    void a_holder_whose_session_is_terminated_finds_out_at_its_next_check_and_is_live_until_it_closes() {
        DeployLock alice = journal.lock("shop", "alice@ci-1");
        alice.ensureHeld();

        sql("SELECT pg_terminate_backend(backend_pid) FROM zdcd.deploy_locks WHERE app = 'shop'");

        Throwable lost = catchThrowable(alice::ensureHeld);
        then(lost).isInstanceOf(DeployLockLostException.class)
                .hasMessageContaining("lost the deploy lock of shop: its database session ended");
        then(catchThrowable(alice::ensureHeld)).as("it stays lost").isInstanceOf(DeployLockLostException.class);
        then(journal.liveHolder("shop")).as("its process still heartbeats").hasValueSatisfying(
                v -> then(v).startsWith("alice@ci-1 since").contains("last heartbeat"));
        Throwable refused = catchThrowable(() -> journal.lock("shop", "bob@ops"));
        then(refused).isInstanceOf(DeploymentLockedException.class).hasMessageContaining("alice@ci-1")
                .hasMessageContaining("its process is alive");

        alice.close();
        then(journal.liveHolder("shop")).isEmpty();
        try (DeployLock bob = journal.lock("shop", "bob@ops")) {
            bob.ensureHeld();
        }
    }

    @Test
    void a_holder_killed_without_closing_is_taken_over_once_its_heartbeat_is_older_than_its_lease() {
        // a process that died: its row is left, its session gone, its heartbeat stopped just now
        journal.lock("shop", "warm-up").close();
        sql("INSERT INTO zdcd.deploy_locks (app, holder, since, fence, backend_pid, heartbeat_at, lease_ms) VALUES "
                + "('shop', 'ghost@ci-9', clock_timestamp(), nextval('zdcd.deploy_fence'), 999999, clock_timestamp(), "
                + LEASE.toMillis() + ")");
        then(journal.liveHolder("shop")).as("within its lease it may be alive").isPresent();

        long t0 = System.nanoTime();
        try (DeployLock bob = journal.lock("shop", "bob@ops")) {
            long waitedMs = (System.nanoTime() - t0) / 1_000_000;
            then(waitedMs).as("waited for the lease to run out").isGreaterThanOrEqualTo(LEASE.toMillis() / 2);
            bob.ensureHeld();
            then(bob.toString()).contains("held by bob@ops");
        }
    }

    @Test
    void a_row_whose_heartbeat_moves_belongs_to_a_live_process_and_is_never_taken_over() throws Exception {
        journal.lock("shop", "warm-up").close();
        sql("INSERT INTO zdcd.deploy_locks (app, holder, since, fence, backend_pid, heartbeat_at, lease_ms) VALUES "
                + "('shop', 'alice@ci-1', clock_timestamp(), nextval('zdcd.deploy_fence'), 999999, clock_timestamp(), "
                + LEASE.toMillis() + ")");
        AtomicBoolean beating = new AtomicBoolean(true);
        Thread heart = new Thread(() -> {
            while (beating.get()) {
                sql("UPDATE zdcd.deploy_locks SET heartbeat_at = clock_timestamp() WHERE app = 'shop'");
                try {
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        heart.start();
        try {
            Throwable refused = catchThrowable(() -> journal.lock("shop", "bob@ops"));
            then(refused).isInstanceOf(DeploymentLockedException.class);
            then(((DeploymentLockedException) refused).holder()).isEqualTo("alice@ci-1");
            then(((DeploymentLockedException) refused).lastHeartbeat()).isPresent();
        } finally {
            beating.set(false);
            heart.join();
        }
    }

    @Test
    void a_holder_taken_over_learns_it_from_its_fencing_number() {
        DeployLock alice = journal.lock("shop", "alice@ci-1");
        // another process took the lock over (as after alice's lease ran out): the row carries a larger fence
        sql("UPDATE zdcd.deploy_locks SET fence = nextval('zdcd.deploy_fence'), holder = 'bob@ops' WHERE app = 'shop'");

        then(catchThrowable(alice::ensureHeld)).isInstanceOf(DeployLockLostException.class)
                .hasMessageContaining("another process took the lock over");
        alice.close();
        then(count("SELECT count(*) FROM zdcd.deploy_locks WHERE holder = 'bob@ops'"))
                .as("closing a superseded lock leaves the new holder's row").isEqualTo(1);
    }

    @Test
    void a_superseded_holder_can_neither_journal_nor_change_the_queue_and_the_journal_tells_the_new_holders_story()
            throws Exception {
        // GIVEN alice deploys: her writes go through the journal and queue fenced by her lock
        JdbcBuildQueue queue = JdbcBuildQueue.of(db);
        DeployLock alice = journal.lock("shop", "alice@ci-1");
        DeploymentJournal aliceJournal = journal.fencedBy(alice);
        BuildQueue aliceQueue = queue.fencedBy(alice);
        DeploymentRecord deployment = aliceJournal.begin("shop", Build.of("a1a1a1a1"), DeploymentMode.CONTINUOUS,
                "alice@ci-1", Instant.now());
        aliceJournal.append(deployment.id(), entry(StepKind.LOCK, Phase.SUCCEEDED, "alice"));
        aliceJournal.append(deployment.id(), entry(StepKind.RELEASE, Phase.STARTED, "alice"));
        aliceQueue.enqueue("shop", Build.of("b2b2b2b2"), "UNSAFE", Instant.now());

        // WHEN alice's lock session is cut and her process stalls past its lease; bob takes the lock over and
        // recovers her deployment
        sql("SELECT pg_terminate_backend(backend_pid) FROM zdcd.deploy_locks WHERE app = 'shop'");
        ((LeasedLock) alice).stallHeartbeat();
        sql("UPDATE zdcd.deploy_locks SET heartbeat_at = clock_timestamp() - interval '1 hour' WHERE app = 'shop'");
        DeployLock bob = journal.lock("shop", "bob@ops");
        DeploymentJournal bobJournal = journal.fencedBy(bob);
        bobJournal.append(deployment.id(), entry(StepKind.RECOVER, Phase.STARTED, "bob"));

        // THEN every write of alice's is refused, each in the same transaction as the fence check
        Throwable append = catchThrowable(() -> aliceJournal.append(deployment.id(),
                entry(StepKind.VERIFY, Phase.SUCCEEDED, "alice")));
        then(append).isInstanceOf(DeployLockLostException.class).hasMessageContaining("lost the deploy lock of shop")
                .hasMessageContaining("is no longer current").hasMessageContaining("refused to journal VERIFY");
        then(catchThrowable(() -> aliceJournal.end(deployment.id(), true, "deployed", Instant.now())))
                .isInstanceOf(DeployLockLostException.class);
        then(catchThrowable(() -> aliceJournal.begin("shop", Build.of("c3c3c3c3"), DeploymentMode.CONTINUOUS,
                "alice@ci-1", Instant.now()))).isInstanceOf(DeployLockLostException.class);
        then(catchThrowable(() -> aliceQueue.enqueue("shop", Build.of("d4d4d4d4"), "UNSAFE", Instant.now())))
                .isInstanceOf(DeployLockLostException.class);
        then(catchThrowable(() -> aliceQueue.dequeue("shop", Build.of("b2b2b2b2"))))
                .isInstanceOf(DeployLockLostException.class);
        then(catchThrowable(alice::ensureHeld)).as("and she knows it").isInstanceOf(DeployLockLostException.class);
        // while bob's go through, and the journal and queue hold his story on top of alice's before the takeover
        bobJournal.append(deployment.id(), entry(StepKind.RECOVER, Phase.SUCCEEDED, "bob"));
        bobJournal.end(deployment.id(), false, "rolled back: alice's lock was taken over", Instant.now());
        then(journal.recent("shop", 5)).singleElement().satisfies(r -> {
            then(r.entries()).extracting(e -> e.step() + " " + e.phase() + " " + e.subject()).containsExactly(
                    "LOCK SUCCEEDED alice", "RELEASE STARTED alice", "RECOVER STARTED bob", "RECOVER SUCCEEDED bob");
            then(r.summary()).isEqualTo("rolled back: alice's lock was taken over");
            then(r.endedAt()).isPresent();
        });
        then(queue.queued("shop")).extracting(q -> q.build().version()).containsExactly("b2b2b2b2");
        alice.close();
        bob.close();
        then(catchThrowable(() -> bobJournal.append(deployment.id(), entry(StepKind.RECOVER, Phase.FAILED, "bob"))))
                .as("nor after the lock is released").isInstanceOf(DeployLockLostException.class)
                .hasMessageContaining("the lock was released");
    }

    private static JournalEntry entry(StepKind step, Phase phase, String subject) {
        return new JournalEntry(step, phase, Instant.now(), subject, java.util.Map.of());
    }

    private void sql(String statement) {
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            s.execute(statement);
        } catch (SQLException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    private int count(String query) {
        try (Connection c = db.connect(); PreparedStatement p = c.prepareStatement(query);
             var rs = p.executeQuery()) {
            rs.next();
            return rs.getInt(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }
}
