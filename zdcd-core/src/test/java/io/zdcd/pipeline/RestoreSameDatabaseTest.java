package io.zdcd.pipeline;

import static org.assertj.core.api.BDDAssertions.then;

import io.zdcd.jdbc.JdbcBuildQueue;
import io.zdcd.jdbc.JdbcDeploymentJournal;
import io.zdcd.jdbc.LocalDatabaseBackups;
import io.zdcd.spi.Build;
import io.zdcd.spi.DeploymentRecord;
import io.zdcd.testing.PostgresExtension;
import io.zdcd.testing.TestDatabase;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The journal and the queue in the app's own database (no control database), which a restore replaces whole, as
 * Heroku's does: after a nightly that restored, the journal still tells the whole story and the queue is right.
 */
@ExtendWith(PostgresExtension.class)
class RestoreSameDatabaseTest {
    Harness h;

    @BeforeEach
    void setUp(TestDatabase db, TestInfo info, @TempDir Path dir) {
        h = new Harness(db, info.getTestMethod().orElseThrow().getName(), dir);
    }

    @Test
    void a_restore_in_the_middle_of_a_nightly_keeps_every_journal_entry_and_the_queue() {
        // GIVEN journal, queue and backups all on the app's database
        JdbcDeploymentJournal journal = JdbcDeploymentJournal.of(h.target);
        JdbcBuildQueue queue = JdbcBuildQueue.of(h.target);
        DeploymentPipeline pipeline = h.pipeline().journal(journal).queue(queue)
                .backups(LocalDatabaseBackups.builder(h.target)
                        .otherSessions(LocalDatabaseBackups.OtherSessions.TERMINATE).keep(2).build())
                .build();
        h.migration("V1__drop_legacy.sql", "ALTER TABLE orders DROP COLUMN legacy;");
        then(pipeline.deploy(Build.of("b1", "drop legacy").withSourceUrl("https://src.test/b1.tgz")).status())
                .isEqualTo(DeploymentOutcome.Status.DEFERRED);
        h.migration("V2__email.sql", "ALTER TABLE orders ADD COLUMN email text;");
        then(pipeline.deploy(Build.of("b2", "add email").withSourceUrl("https://src.test/b2.tgz")).status())
                .isEqualTo(DeploymentOutcome.Status.DEFERRED);
        h.write("before the night");
        h.platform.crashingBuilds.add("b2");

        // WHEN the nightly's release is unhealthy and the whole database is restored
        DeploymentOutcome night = pipeline.nightly();

        // THEN
        then(night.status()).as(night.describe()).isEqualTo(DeploymentOutcome.Status.ROLLED_BACK);
        then(night.steps()).filteredOn(st -> st.step() == io.zdcd.spi.StepKind.RESTORE).singleElement()
                .satisfies(st -> then(st.detail()).contains("wrote back"));
        DeploymentRecord record = journal.recent(h.app, 1).get(0);
        then(record.build().version()).isEqualTo("b2");
        then(record.isUnfinished()).isFalse();
        then(record.succeeded()).isFalse();
        then(record.summary()).contains("rolled back", "web.1 crashed");
        String backup = record.last(io.zdcd.spi.StepKind.BACKUP).orElseThrow().subject();
        then(lines(record)).containsExactly(
                "LOCK SUCCEEDED",
                "MAINTENANCE_ON STARTED", "MAINTENANCE_ON SUCCEEDED",
                "BACKUP STARTED", "BACKUP " + backup + " SUCCEEDED",
                "MIGRATE V1__drop_legacy.sql STARTED", "MIGRATE V1__drop_legacy.sql SUCCEEDED",
                "MIGRATE V2__email.sql STARTED", "MIGRATE V2__email.sql SUCCEEDED",
                "RELEASE STARTED", "RELEASE SUCCEEDED",
                "VERIFY v2 STARTED", "VERIFY v2 FAILED",
                "RECOVER STARTED",
                "MAINTENANCE_ON STARTED", "MAINTENANCE_ON SUCCEEDED",
                "ROLLBACK v1 STARTED", "ROLLBACK v1 SUCCEEDED",
                "RESTORE " + backup + " STARTED", "RESTORE " + backup + " SUCCEEDED",
                "MAINTENANCE_OFF STARTED", "MAINTENANCE_OFF SUCCEEDED",
                "RECOVER SUCCEEDED");
        then(journal.recent(h.app, 10)).extracting(r -> r.build().version() + " " + r.summary().split(":")[0])
                .containsExactly("b2 rolled back", "b2 deferred to the nightly build", "b1 deferred to the nightly build");
        then(queue.queued(h.app)).extracting(q -> q.build().version() + " " + q.build().sourceUrl().orElse(""))
                .containsExactly("b1 https://src.test/b1.tgz", "b2 https://src.test/b2.tgz");
        then(h.columns("orders")).containsExactly("id", "note", "legacy");
        List<String> rows = new ArrayList<>(Harness.before());
        rows.add("before the night");
        then(h.notes()).containsExactlyElementsOf(rows);
        then(h.platform.servingBuild()).isEqualTo("b0");
        then(h.platform.inMaintenance(h.app)).isFalse();
        then(pipeline.recoveryPlan()).isEmpty();
    }

    @Test
    void a_queue_change_made_during_the_window_survives_the_restore() {
        JdbcBuildQueue queue = JdbcBuildQueue.of(h.target);
        DeploymentPipeline pipeline = h.pipeline().journal(JdbcDeploymentJournal.of(h.target)).queue(queue)
                .backups(LocalDatabaseBackups.builder(h.target)
                        .otherSessions(LocalDatabaseBackups.OtherSessions.TERMINATE).keep(2).build())
                .build();
        h.migration("V1__drop_legacy.sql", "ALTER TABLE orders DROP COLUMN legacy;");
        pipeline.deploy(Build.of("b1"));
        pipeline.deploy(Build.of("b2"));
        // a person drops b1 from the queue while the nightly runs (after its backup)
        h.platform.onRelease = () -> queue.drop(h.app, "b1");
        h.platform.crashingBuilds.add("b2");

        DeploymentOutcome night = pipeline.nightly();

        then(night.status()).as(night.describe()).isEqualTo(DeploymentOutcome.Status.ROLLED_BACK);
        then(night.steps()).filteredOn(st -> st.step() == io.zdcd.spi.StepKind.RESTORE).singleElement()
                .satisfies(st -> then(st.detail()).contains("wrote back the queue (1 build)"));
        then(queue.queued(h.app)).extracting(q -> q.build().version()).as("the drop is not undone by the restore")
                .containsExactly("b2");
    }

    /** The step entries (an operation a step started, such as the runner's backend pid, is an entry of its own). */
    private static List<String> lines(DeploymentRecord record) {
        return record.entries().stream().filter(e -> e.attribute("operation").isEmpty()).map(e -> e.step() + (e.subject().isEmpty() ? "" : " " + e.subject()) + " "
                + e.phase()).toList();
    }
}
