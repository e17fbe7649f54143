package io.zdcd.heroku;

import static io.zdcd.heroku.HerokuRestoreTest.query;
import static io.zdcd.heroku.HerokuRestoreTest.sql;
import static org.assertj.core.api.BDDAssertions.then;

import io.zdcd.analyzer.SqlMigrationClassifier;
import io.zdcd.jdbc.JdbcBuildQueue;
import io.zdcd.jdbc.JdbcDeploymentJournal;
import io.zdcd.jdbc.JdbcMigrationRunner;
import io.zdcd.jdbc.PostgresDatabase;
import io.zdcd.jdbc.SqlMigrationSource;
import io.zdcd.pipeline.DeploymentOutcome;
import io.zdcd.pipeline.DeploymentOutcome.Status;
import io.zdcd.pipeline.DeploymentPipeline;
import io.zdcd.spi.Build;
import io.zdcd.spi.DeploymentRecord;
import io.zdcd.spi.JournalEntry;
import io.zdcd.spi.StepKind;
import io.zdcd.testing.PostgresExtension;
import io.zdcd.testing.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A team's week on Heroku through the public API: {@link HerokuPlatform} + {@link DeploymentPipeline} against
 * {@link FakeHeroku} (builds and releases in time, dynos that boot or crash, a router answering 503 during
 * maintenance, backups and restores of a real PostgreSQL database), with zdcd's JDBC migration runner on the app's
 * database and the journal and queue in a separate control database that restores never touch.
 *
 * <p>It asserts the intended behaviour of issue 11: the nightly verifies inside the maintenance window through
 * {@link HerokuPlatform#processesUp} (the HTTP health check runs once maintenance is off), and runs from the queue
 * alone ({@code nightly()}, no source flags), so the queue must keep each build's source URL.
 */
@ExtendWith(PostgresExtension.class)
class HerokuWeekTest {
    private static final String APP = "shop";
    private final HerokuTestKit kit = new HerokuTestKit();
    private final FakeHeroku heroku = kit.heroku;
    private final FakeHeroku.App app = heroku.addApp(APP, 3);

    @AfterEach
    void close() {
        kit.close();
    }

    private static Build push(String version) {
        return Build.of(version, "push " + version).withSourceUrl("https://ci.example.com/shop-" + version + ".tar.gz");
    }

    @Test
    void a_week_of_pushes_and_nightlies_on_heroku_with_a_restore_that_keeps_every_row(TestDatabase db,
            @TempDir Path migrations) throws Exception {
        PostgresDatabase server = PostgresDatabase.fromUrl(db.jdbcUrlWithCredentials());
        db.execute("DROP DATABASE IF EXISTS " + db.name() + "_shop", "CREATE DATABASE " + db.name() + "_shop",
                "DROP DATABASE IF EXISTS " + db.name() + "_ctl", "CREATE DATABASE " + db.name() + "_ctl");
        PostgresDatabase shop = server.withName(db.name() + "_shop");
        PostgresDatabase control = server.withName(db.name() + "_ctl");
        app.database = shop;
        sql(shop, "CREATE TABLE shop_order (id bigint PRIMARY KEY, total numeric NOT NULL, legacy text)",
                "INSERT INTO shop_order SELECT g, g * 2.5, 'x' FROM generate_series(1, 300) g");
        HerokuPlatform platform = kit.platform();
        JdbcDeploymentJournal journal = JdbcDeploymentJournal.of(control);
        JdbcBuildQueue queue = JdbcBuildQueue.of(control);
        DeploymentPipeline pipeline = DeploymentPipeline.builder().app(APP).platform(platform)
                .migrations(SqlMigrationSource.of(shop, migrations), JdbcMigrationRunner.of(shop))
                .classifier(SqlMigrationClassifier.builder().postgresVersion(db.majorVersion()).build())
                .backups(platform.backups())
                .journal(journal).queue(queue)
                .healthCheck(HttpHealthCheck.of(heroku.appUrl(APP, "/healthz")))
                .verifyTimeout(Duration.ofSeconds(3)).verifyInterval(Duration.ofMillis(100))
                .build();

        // Monday: a safe push ships at once
        Files.writeString(migrations.resolve("V1__order_note.sql"), "ALTER TABLE shop_order ADD COLUMN note text;\n");
        DeploymentOutcome monday = pipeline.deploy(push("mon0001aa"));
        then(monday.status()).as(monday.toString()).isEqualTo(Status.DEPLOYED);
        then(app.current().version).isEqualTo(4);
        String mondaySlug = app.current().slugId;

        // Tuesday: an unsafe push is deferred to the nightly; Heroku is not touched
        Files.writeString(migrations.resolve("V2__drop_legacy.sql"), "ALTER TABLE shop_order DROP COLUMN legacy;\n");
        DeploymentOutcome tuesday = pipeline.deploy(push("tue0002bb"));
        then(tuesday.status()).as(tuesday.toString()).isEqualTo(Status.DEFERRED);
        then(app.builds).hasSize(1);

        // Wednesday: a safe push queues behind it
        Files.writeString(migrations.resolve("V3__order_gift.sql"), "ALTER TABLE shop_order ADD COLUMN gift boolean;\n");
        DeploymentOutcome wednesday = pipeline.deploy(push("wed0003cc"));
        then(wednesday.status()).as(wednesday.toString()).isEqualTo(Status.DEFERRED);
        then(queue.queued(APP)).hasSize(2);
        then(app.current().slugId).isEqualTo(mondaySlug);

        // Wednesday night: the nightly, from the queue alone, deploys inside a maintenance window
        heroku.clearCalls();
        DeploymentOutcome night1 = pipeline.nightly();
        then(night1.status()).as(night1.toString()).isEqualTo(Status.DEPLOYED);
        then(app.current().version).isEqualTo(5);
        then(app.builds.get(app.builds.size() - 1).version).isEqualTo("wed0003cc");
        then(app.maintenance).isFalse();
        then(app.restoredFrom).isEmpty();
        then(JdbcMigrationRunner.of(shop).applied())
                .containsExactly("V1__order_note.sql", "V2__drop_legacy.sql", "V3__order_gift.sql");
        then(queue.queued(APP)).isEmpty();
        List<String> lines = heroku.lines();
        int on = lines.indexOf("PATCH /apps/shop");
        int off = lines.lastIndexOf("PATCH /apps/shop");
        int dynosChecked = lines.lastIndexOf("GET /apps/shop/dynos");
        then(on).isLessThan(lines.indexOf("POST /client/v11/databases/" + app.addonId + "/backups"));
        then(dynosChecked).as("processes checked inside the window").isBetween(on, off);
        then(lines.subList(off, lines.size())).as("the HTTP check once traffic is back")
                .contains("GET /app/shop/healthz");
        then(lines.subList(on, off)).as("no HTTP check while the router answers 503")
                .doesNotContain("GET /app/shop/healthz");
        String wednesdaySlug = app.current().slugId;

        // the second nightly has nothing to do
        DeploymentOutcome night2 = pipeline.nightly();
        then(night2.status()).as(night2.toString()).isEqualTo(Status.SKIPPED);

        // Thursday: an unsafe push whose code crashes on Heroku; rows are written all day
        Files.writeString(migrations.resolve("V4__drop_gift.sql"), "ALTER TABLE shop_order DROP COLUMN gift;\n");
        heroku.behaviour("thu0004dd").crashes = true;
        heroku.behaviour("thu0004dd").httpStatus = 500;
        heroku.behaviour("thu0004dd").smokeExit = 1; // for a pipeline given a smoke command
        DeploymentOutcome thursday = pipeline.deploy(push("thu0004dd"));
        then(thursday.status()).as(thursday.toString()).isEqualTo(Status.DEFERRED);
        sql(shop, "INSERT INTO shop_order (id, total, note, gift) SELECT g, g, 'thursday', true "
                + "FROM generate_series(301, 340) g", "UPDATE shop_order SET note = 'paid' WHERE id <= 10");

        DeploymentOutcome night3 = pipeline.nightly();

        then(night3.status()).as(night3.toString()).isEqualTo(Status.ROLLED_BACK);
        then(night3.toString()).as("judged by its dynos inside the window, not by the maintenance page")
                .contains("crashed").doesNotContain(": 503");
        then(app.maintenance).isFalse();
        then(app.current().slugId).as("the previous build runs again").isEqualTo(wednesdaySlug);
        then(app.current().description).startsWith("Rollback to v5");
        then(app.restoredFrom).hasSize(1);
        try (Connection c = shop.connect()) {
            then(query(c, "SELECT count(*) FROM shop_order")).as("every row written before the window")
                    .isEqualTo("340");
            then(query(c, "SELECT count(*) FROM shop_order WHERE note = 'paid'")).isEqualTo("10");
            then(query(c, "SELECT count(*) FROM information_schema.columns WHERE table_name = 'shop_order' "
                    + "AND column_name = 'gift'")).as("the unsafe migration undone by the restore").isEqualTo("1");
        }
        then(JdbcMigrationRunner.of(shop).applied()).doesNotContain("V4__drop_gift.sql");
        DeploymentRecord last = journal.recent(APP, 1).get(0);
        then(last.isUnfinished()).isFalse();
        then(last.entries()).extracting(JournalEntry::step).contains(StepKind.MAINTENANCE_ON, StepKind.BACKUP,
                StepKind.MIGRATE, StepKind.RELEASE, StepKind.VERIFY, StepKind.RESTORE);
        then(pipeline.recoveryPlan()).as("nothing left to recover").isEmpty();
        kit.assertApiHeaders();
    }
}
