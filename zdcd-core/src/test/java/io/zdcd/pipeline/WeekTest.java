package io.zdcd.pipeline;

import static org.assertj.core.api.BDDAssertions.then;

import io.zdcd.jdbc.JdbcBuildQueue;
import io.zdcd.jdbc.JdbcDeploymentJournal;
import io.zdcd.jdbc.LocalDatabaseBackups;
import io.zdcd.jdbc.PostgresDatabase;
import io.zdcd.spi.Build;
import io.zdcd.spi.DeploymentRecord;
import io.zdcd.spi.JournalEntry;
import io.zdcd.spi.StepKind;
import io.zdcd.testing.PostgresExtension;
import io.zdcd.testing.TestDatabase;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A team's week through the public API, on a real PostgreSQL with whole-database restores and a platform that
 * answers 503 while maintenance is on (as Heroku's router does), with the journal and queue in a control database
 * and, as harder case, in the app's own database (which each restore replaces whole).
 */
@ExtendWith(PostgresExtension.class)
class WeekTest {
    static String source(String version) {
        return "https://sources.example.test/" + version + ".tar.gz?sig=t0k3n";
    }

    static Build push(String version, String subject) {
        return new Build(version, java.util.Optional.of(source(version)), subject, java.time.Instant.now());
    }

    @ParameterizedTest(name = "journal and queue in the app database: {0}")
    @ValueSource(booleans = {false, true})
    void a_week_of_pushes_and_nights(boolean inAppDatabase, TestDatabase db, @TempDir Path dir) {
        Harness h = new Harness(db, "week" + inAppDatabase, dir);
        h.platform.needsSourceUrl = true;
        PostgresDatabase control = inAppDatabase ? h.target : h.control;
        JdbcDeploymentJournal journal = JdbcDeploymentJournal.of(control);
        JdbcBuildQueue queue = JdbcBuildQueue.of(control);
        DeploymentPipeline pipeline = h.pipeline().journal(journal).queue(queue)
                .healthCheck(h.platform.httpCheck())
                .smokeCommand("python manage.py check --deploy")
                .backups(LocalDatabaseBackups.builder(h.target).keep(2).waitForSessions(Duration.ofSeconds(10))
                        // the deploy lock's session is connected to the app database when the journal is there
                        .otherSessions(inAppDatabase ? LocalDatabaseBackups.OtherSessions.TERMINATE
                                : LocalDatabaseBackups.OtherSessions.WAIT).build())
                .build();
        List<String> rows = new ArrayList<>(Harness.before());

        // Monday: a safe push ships at once
        h.migration("V1__email.sql", "ALTER TABLE orders ADD COLUMN email text;");
        DeploymentOutcome monday = pipeline.deploy(push("b1", "add email"));
        then(monday.status()).as(monday.describe()).isEqualTo(DeploymentOutcome.Status.DEPLOYED);
        then(h.platform.servingBuild()).isEqualTo("b1");
        write(h, rows, "monday");

        // Tuesday: an unsafe push is deferred, changing nothing
        h.migration("V2__drop_legacy.sql", "ALTER TABLE orders DROP COLUMN legacy;");
        DeploymentOutcome tuesday = pipeline.deploy(push("b2", "drop legacy"));
        then(tuesday.status()).isEqualTo(DeploymentOutcome.Status.DEFERRED);
        then(tuesday.describe()).contains("V2__drop_legacy.sql: UNSAFE", "test-unsafe");
        then(h.columns("orders")).contains("legacy");
        write(h, rows, "tuesday");

        // Wednesday: a safe push queues behind it
        h.migration("V3__note_index.sql", "CREATE INDEX CONCURRENTLY orders_note_idx ON orders (note);");
        DeploymentOutcome wednesday = pipeline.deploy(push("b3", "index notes"));
        then(wednesday.status()).isEqualTo(DeploymentOutcome.Status.DEFERRED);
        then(((DeploymentOutcome.Deferred) wednesday).reason()).contains("queued behind 1 build");
        then(h.platform.servingBuild()).isEqualTo("b1");
        write(h, rows, "wednesday");

        // Night 1: the queue alone ships inside a maintenance window, verified before it ends
        then(pipeline.planNightly().decision()).isEqualTo(DeploymentPlan.Decision.DEPLOY);
        List<Boolean> acceptedInWindow = new ArrayList<>();
        h.platform.onRelease = () -> acceptedInWindow.add(h.write("in the window"));
        DeploymentOutcome night1 = pipeline.nightly();
        then(night1.status()).as(night1.describe()).isEqualTo(DeploymentOutcome.Status.DEPLOYED);
        then(night1.steps()).extracting(StepResult::step).containsExactly(StepKind.LOCK, StepKind.MAINTENANCE_ON,
                StepKind.BACKUP, StepKind.MIGRATE, StepKind.MIGRATE, StepKind.RELEASE, StepKind.VERIFY,
                StepKind.MAINTENANCE_OFF, StepKind.VERIFY);
        then(acceptedInWindow).containsExactly(false);
        then(h.platform.commands).containsExactly("run python manage.py check --deploy on v2",
                "run python manage.py check --deploy on v3 in maintenance");
        then(h.platform.httpAnswers).as("no health check during maintenance").doesNotContain("503 v3");
        then(h.platform.sourceUrls).containsExactly(source("b1"), source("b3"));
        then(h.platform.servingBuild()).isEqualTo("b3");
        then(h.platform.inMaintenance(h.app)).isFalse();
        then(h.columns("orders")).containsExactly("id", "note", "email");
        then(queue.queued(h.app)).isEmpty();
        then(h.notes()).containsExactlyElementsOf(rows);

        // Night 2: nothing new, skipped
        then(pipeline.nightly().status()).isEqualTo(DeploymentOutcome.Status.SKIPPED);

        // Thursday: an unsafe push whose release will crash
        h.migration("V4__note_type.sql", "ALTER TABLE orders ALTER COLUMN note TYPE varchar(300);");
        then(pipeline.deploy(push("b4", "narrow note")).status()).isEqualTo(DeploymentOutcome.Status.DEFERRED);
        write(h, rows, "thursday");
        h.platform.crashingBuilds.add("b4");

        // Night 3: the unhealthy release is rolled back and the database restored, losing no write
        DeploymentOutcome night3 = pipeline.nightly();
        then(night3.status()).as(night3.describe()).isEqualTo(DeploymentOutcome.Status.ROLLED_BACK);
        then(((DeploymentOutcome.RolledBack) night3).recovery().writesLostSince()).isEmpty();
        then(night3.steps()).filteredOn(st -> st.step() == StepKind.RESTORE).singleElement()
                .satisfies(st -> then(st.detail().contains("wrote back")).as(st.detail()).isEqualTo(inAppDatabase));
        then(h.notes()).as("every row written before the window").containsExactlyElementsOf(rows);
        then(h.strings("SELECT data_type FROM information_schema.columns WHERE table_name = 'orders' "
                + "AND column_name = 'note'")).containsExactly("text");
        then(h.platform.inMaintenance(h.app)).isFalse();
        then(h.platform.servingBuild()).isEqualTo("b3");
        then(queue.queued(h.app)).extracting(q -> q.build().version() + " " + q.build().sourceUrl().orElse(""))
                .as("b4 waits, whole, for a fixed build").containsExactly("b4 " + source("b4"));

        // The journal tells the whole week; nothing is left to recover
        List<DeploymentRecord> week = journal.recent(h.app, 20);
        then(week).extracting(r -> r.mode() + " " + r.build().version() + " " + (r.succeeded() ? "deployed"
                : r.summary().replaceAll(":.*", ""))).containsExactly(
                "NIGHTLY b4 rolled back", "CONTINUOUS b4 deferred to the nightly build", "NIGHTLY b3 deployed",
                "CONTINUOUS b3 deferred to the nightly build", "CONTINUOUS b2 deferred to the nightly build",
                "CONTINUOUS b1 deployed");
        then(week).noneMatch(DeploymentRecord::isUnfinished);
        then(week.get(0).entries()).extracting(e -> e.step() + " " + e.phase()).contains("BACKUP SUCCEEDED",
                "MIGRATE SUCCEEDED", "RELEASE SUCCEEDED", "VERIFY FAILED", "ROLLBACK SUCCEEDED", "RESTORE SUCCEEDED",
                "MAINTENANCE_OFF SUCCEEDED").last().isEqualTo("RECOVER SUCCEEDED");
        then(week.get(0).entries()).filteredOn(e -> e.phase() == JournalEntry.Phase.FAILED).singleElement()
                .satisfies(e -> then(e.attribute("reason")).contains("web.1 crashed on v"));
        then(pipeline.recoveryPlan()).isEmpty();
        then(pipeline.recover().status()).isEqualTo(DeploymentOutcome.Status.SKIPPED);
        then(week.stream().map(DeploymentRecord::toString).toList().toString()).doesNotContain("t0k3n");
    }

    private static void write(Harness h, List<String> rows, String note) {
        then(h.write(note)).isTrue();
        rows.add(note);
    }
}
