package io.zdcd.examples.cli;

import static org.assertj.core.api.BDDAssertions.then;

import io.zdcd.heroku.FakeHeroku;
import io.zdcd.jdbc.JdbcBuildQueue;
import io.zdcd.jdbc.JdbcDeploymentJournal;
import io.zdcd.jdbc.JdbcMigrationRunner;
import io.zdcd.jdbc.PostgresDatabase;
import io.zdcd.spi.DeploymentMode;
import io.zdcd.spi.DeploymentRecord;
import io.zdcd.spi.QueuedBuild;
import io.zdcd.testing.PostgresExtension;
import io.zdcd.testing.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 11's week played through the {@code zdcd} command line, as a team's CI and scheduler run it, against
 * {@link FakeHeroku} whose Postgres backups are real copies and whose restores replace the WHOLE app database (schema
 * {@code zdcd} included), and whose router answers 503 while maintenance mode is on. The database URL comes from
 * {@code DATABASE_URL}, as on Heroku; each build is verified by its dynos, the smoke command and the health URL.
 *
 * <p>Played twice, with one story: the journal and the queue in the app database (the restore replaces them and the
 * pipeline must write back what it removed, and keep its deploy lock), and in a control database given with
 * {@code --control-database-url}.
 */
@ExtendWith(PostgresExtension.class)
class HerokuCliWeekTest {
    private static final String APP = "acme";
    private static final String SMOKE = "python manage.py check --deploy";
    /** The week's commits: Monday's safe push, Tuesday's unsafe one, Wednesday's safe one, Thursday's broken one. */
    private static final String MON = "10e1c0ffee";
    private static final String TUE = "20e2deadbe";
    private static final String WED = "30e3cafe01";
    private static final String THU = "40e4beef02";

    @TempDir
    Path dir;
    private HerokuCli kit;

    @AfterEach
    void close() {
        if (kit != null) {
            kit.close();
        }
    }

    @Test
    void the_week_through_the_cli_with_the_journal_in_the_app_database(TestDatabase db) throws Exception {
        Week week = new Week(db, "app", false);
        week.play();
    }

    @Test
    void the_week_through_the_cli_with_a_control_database(TestDatabase db) throws Exception {
        Week week = new Week(db, "ctl", true);
        week.play();
    }

    /** One team's week on app {@value APP}, with or without a control database. */
    private final class Week {
        private final PostgresDatabase shop;
        private final PostgresDatabase control;
        private final boolean separateControl;
        private final Path migrations;
        private final FakeHeroku heroku;
        private final FakeHeroku.App app;
        private final String[] common;
        private final List<Integer> exits = new ArrayList<>();

        Week(TestDatabase db, String variant, boolean separateControl) throws Exception {
            this.separateControl = separateControl;
            String shopName = db.name() + "_" + variant + "_shop";
            String controlName = db.name() + "_" + variant + "_zdcd";
            db.execute("DROP DATABASE IF EXISTS " + shopName, "CREATE DATABASE " + shopName,
                    "DROP DATABASE IF EXISTS " + controlName, "CREATE DATABASE " + controlName);
            PostgresDatabase server = PostgresDatabase.fromUrl(db.jdbcUrlWithCredentials());
            shop = server.withName(shopName);
            control = separateControl ? server.withName(controlName) : shop;
            sql(shop, "CREATE TABLE shop_order (id bigint PRIMARY KEY, total numeric NOT NULL, legacy text)",
                    "INSERT INTO shop_order SELECT g, g * 2.5, 'x' FROM generate_series(1, 300) g");
            migrations = Files.createDirectories(dir.resolve("migrations-" + variant));
            kit = new HerokuCli(dir);
            heroku = kit.heroku;
            app = heroku.addApp(APP, 3);
            app.database = shop; // backups copy it, restores replace it whole
            kit.env.put("DATABASE_URL", url(db, shopName));
            List<String> args = new ArrayList<>(List.of("--app", APP, "--migrations", migrations.toString(),
                    "--smoke-command", SMOKE, "--health-url", heroku.appUrl(APP, "/healthz"),
                    "--verify-timeout", "1"));
            if (separateControl) {
                args.addAll(List.of("--control-database-url", url(db, controlName)));
            }
            common = args.toArray(String[]::new);
        }

        private int zdcd(String... args) {
            kit.resetOut();
            int exit = kit.run(HerokuCli.concat(args, common));
            exits.add(exit);
            return exit;
        }

        private int push(String version, String description) {
            return zdcd("deploy", "--commit", version, "--description", description,
                    "--source-url", "https://ci.example.com/acme-" + version + ".tar.gz");
        }

        void play() throws Exception {
            // Sunday: nothing deployed by zdcd yet; plan, queue and recover --plan read and create nothing
            then(zdcd("plan", "--nightly")).as(kit.out() + kit.err).isZero();
            then(kit.out()).contains("SKIP", "nothing queued");
            then(zdcd("queue")).isZero();
            then(zdcd("recover", "--plan")).isZero();
            then(kit.out()).contains("nothing to recover");
            then(tableExists(control, "zdcd.deployments")).as("plan/queue/recover --plan create no table").isFalse();
            then(tableExists(control, "zdcd.build_queue")).isFalse();
            then(heroku.lines()).allSatisfy(l -> then(l).startsWith("GET "));

            // Monday: a safe push ships at once, verified by its dynos, the smoke command and the health URL
            Files.writeString(migrations.resolve("V1__order_note.sql"),
                    "ALTER TABLE shop_order ADD COLUMN note text;\n");
            then(push(MON, "order notes")).as(kit.out() + kit.err).isZero();
            then(kit.out()).contains("DEPLOYED acme Build[" + MON.substring(0, 7), "smoke command passed");
            then(app.current().version).isEqualTo(4);

            // Tuesday: an unsafe push is deferred, each finding printed with its reason and its safe alternative
            Files.writeString(migrations.resolve("V2__drop_legacy.sql"),
                    "ALTER TABLE shop_order DROP COLUMN legacy;\n");
            then(push(TUE, "drop legacy")).as(kit.out() + kit.err).isEqualTo(3);
            then(kit.out()).contains("DEFERRED acme Build[" + TUE.substring(0, 7),
                    "UNSAFE: V2__drop_legacy.sql (drop-column",
                    "V2__drop_legacy.sql: UNSAFE", "drop-column: ", "instead: ").doesNotContain("Classification[")
                    .doesNotContain(" 1 statements");
            then(kit.out().split("DEFERRED acme", -1)).as("the outcome is printed once").hasSize(2);

            // Wednesday: a safe push queues behind it
            Files.writeString(migrations.resolve("V3__order_gift.sql"),
                    "ALTER TABLE shop_order ADD COLUMN gift boolean;\n");
            then(push(WED, "gift orders")).as(kit.out() + kit.err).isEqualTo(3);
            then(kit.out()).contains("DEFERRED acme Build[" + WED.substring(0, 7),
                    "queued behind 1 build waiting for the nightly");
            then(app.current().version).isEqualTo(4);
            then(app.builds).hasSize(1);
            String mondaySlug = app.current().slugId;

            // Wednesday evening: plan --nightly says what the night will do, and changes nothing anywhere
            List<String> rowsBefore = controlRows();
            int callsBefore = heroku.calls().size();
            int transfersBefore = app.transfers.size();
            then(zdcd("plan", "--nightly")).as(kit.out() + kit.err).isZero();
            then(kit.out()).contains("DEPLOY", "Build[" + WED.substring(0, 7), "the newest of 2 queued builds",
                    "inside a maintenance window", "maintenance on -> backup -> migrate -> migrate -> release -> "
                            + "verify -> maintenance off -> verify");
            then(heroku.calls().subList(callsBefore, heroku.calls().size())).as("plan only reads Heroku")
                    .allSatisfy(c -> then(c.line()).startsWith("GET "));
            then(controlRows()).as("plan writes no journal or queue row").isEqualTo(rowsBefore);
            then(app.maintenance).isFalse();
            then(app.current().slugId).isEqualTo(mondaySlug);
            then(app.transfers).as("no backup").hasSize(transfersBefore);
            then(JdbcMigrationRunner.of(shop).applied()).containsExactly("V1__order_note.sql");

            // Night 1: the scheduler runs the nightly with no build flags; the queue is deployed in a window
            heroku.clearCalls();
            then(zdcd("nightly")).as(kit.out() + kit.err).isZero();
            then(kit.out()).contains("DEPLOYED acme Build[" + WED.substring(0, 7), "smoke command passed");
            then(app.current().version).isEqualTo(5);
            then(app.builds.get(app.builds.size() - 1).version).isEqualTo(WED);
            then(app.builds.get(app.builds.size() - 1).url).isEqualTo("https://ci.example.com/acme-" + WED + ".tar.gz");
            then(app.maintenance).isFalse();
            then(app.restoredFrom).isEmpty();
            then(JdbcMigrationRunner.of(shop).applied())
                    .containsExactly("V1__order_note.sql", "V2__drop_legacy.sql", "V3__order_gift.sql");
            then(JdbcBuildQueue.of(control).queued(APP)).isEmpty();
            List<String> lines = heroku.lines();
            int on = lines.indexOf("PATCH /apps/acme");
            int off = lines.lastIndexOf("PATCH /apps/acme");
            then(on).as("maintenance on before the backup")
                    .isLessThan(lines.indexOf("POST /client/v11/databases/" + app.addonId + "/backups"));
            then(lines.subList(on, off)).as("inside the window: the dynos and the smoke command, no HTTP check")
                    .contains("GET /apps/acme/dynos", "POST /apps/acme/dynos").doesNotContain("GET /app/acme/healthz");
            then(lines.subList(off, lines.size())).as("the health URL once traffic is back")
                    .contains("GET /app/acme/healthz");
            String wednesdaySlug = app.current().slugId;

            // Night 2: nothing new
            then(zdcd("nightly")).as(kit.out() + kit.err).isZero();
            then(kit.out()).contains("SKIPPED acme", "nothing queued");

            // Thursday: an unsafe push whose code is broken on Heroku; the shop writes rows all day
            Files.writeString(migrations.resolve("V4__drop_gift.sql"), "ALTER TABLE shop_order DROP COLUMN gift;\n");
            FakeHeroku.Behaviour broken = heroku.behaviour(THU);
            broken.httpStatus = 500;
            if (separateControl) {
                broken.crashes = true; // its web dynos crash after booting
            } else {
                broken.smokeExit = 1; // its dynos stay up, the smoke command fails
                broken.smokeOutput = List.of("SystemCheckError: shop.Order.gift is referenced but missing");
            }
            then(push(THU, "drop gift")).as(kit.out() + kit.err).isEqualTo(3);
            then(kit.out()).contains("DEFERRED acme Build[" + THU.substring(0, 7),
                    "UNSAFE: V4__drop_gift.sql (drop-column");
            sql(shop, "INSERT INTO shop_order (id, total, note, gift) SELECT g, g, 'thursday', true "
                    + "FROM generate_series(301, 340) g", "UPDATE shop_order SET note = 'paid' WHERE id <= 10");
            int recordsBefore = journal().recent(APP, 100).size();

            // Night 3: the release is unhealthy inside the window: rolled back and restored, exit 1 as documented
            then(zdcd("nightly")).as(kit.out() + kit.err).isEqualTo(1);
            then(kit.commandLine().getSubcommands().get("nightly").getUsageMessage())
                    .as("exit 1 is what nightly --help documents").contains("1 failed and recovered");
            String night3 = kit.out();
            then(night3).contains("ROLLED_BACK acme Build[" + THU.substring(0, 7), "Recovery done:")
                    .contains(separateControl ? "crashed" : "smoke command failed").doesNotContain(": 503")
                    .as("the deploy lock held through the restore of its own database")
                    .doesNotContain("lost the deploy lock");
            then(night3.split("ROLLED_BACK acme", -1)).as("the outcome is printed once").hasSize(2);
            if (separateControl) {
                then(night3).as("the restore left the control database alone").doesNotContain("wrote back");
            } else {
                then(night3).as("what the restore removed from the journal is written back")
                        .containsPattern("restore b003: SUCCEEDED .*; wrote back \\d+ journal entries");
            }
            then(app.maintenance).as("maintenance off").isFalse();
            then(app.current().slugId).as("the previous build runs again").isEqualTo(wednesdaySlug);
            then(app.current().description).startsWith("Rollback to v5");
            then(app.restoredFrom).as("the database restored once").hasSize(1);
            try (Connection c = shop.connect()) {
                then(query(c, "SELECT count(*) FROM shop_order")).as("every row written before the window")
                        .isEqualTo("340");
                then(query(c, "SELECT count(*) FROM shop_order WHERE note = 'paid'")).isEqualTo("10");
                then(query(c, "SELECT count(*) FROM information_schema.columns WHERE table_name = 'shop_order' "
                        + "AND column_name = 'gift'")).as("the unsafe migration undone by the restore").isEqualTo("1");
            }
            then(JdbcMigrationRunner.of(shop).applied()).doesNotContain("V4__drop_gift.sql");

            // The journal tells the whole week, the night 3 entries written after the backup included
            List<DeploymentRecord> records = journal().recent(APP, 100);
            then(records).hasSize(recordsBefore + 1);
            then(records).extracting(r -> r.build().version() + " " + r.mode() + " " + r.succeeded())
                    .containsExactly(THU + " NIGHTLY false", THU + " CONTINUOUS false", WED + " NIGHTLY true",
                            WED + " CONTINUOUS false", TUE + " CONTINUOUS false", MON + " CONTINUOUS true");
            then(records).allSatisfy(r -> then(r.isUnfinished()).isFalse());
            DeploymentRecord last = records.get(0);
            then(last.mode()).isEqualTo(DeploymentMode.NIGHTLY);
            then(last.summary()).startsWith("rolled back: ");
            then(steps(last)).as("every step entry, in order, once: none lost to the restore, none doubled")
                    .containsExactly("LOCK SUCCEEDED", "MAINTENANCE_ON STARTED", "MAINTENANCE_ON SUCCEEDED",
                            "BACKUP STARTED", "BACKUP SUCCEEDED b003", "MIGRATE STARTED V4__drop_gift.sql",
                            "MIGRATE SUCCEEDED V4__drop_gift.sql", "RELEASE STARTED", "RELEASE SUCCEEDED",
                            "VERIFY STARTED v6", "VERIFY FAILED v6", "RECOVER STARTED", "MAINTENANCE_ON STARTED",
                            "MAINTENANCE_ON SUCCEEDED", "ROLLBACK STARTED v5", "ROLLBACK SUCCEEDED v5",
                            "RESTORE STARTED b003", "RESTORE SUCCEEDED b003",
                            "MAINTENANCE_OFF STARTED", "MAINTENANCE_OFF SUCCEEDED", "RECOVER SUCCEEDED");
            List<QueuedBuild> queued = JdbcBuildQueue.of(control).queued(APP);
            then(queued).as("a build whose nightly failed stays queued, source URL included").singleElement()
                    .satisfies(q -> then(q.build().sourceUrl())
                            .hasValue("https://ci.example.com/acme-" + THU + ".tar.gz"));

            // and there is nothing left to recover; the queue says what the next night would retry
            then(zdcd("recover", "--plan")).as(kit.out() + kit.err).isZero();
            then(kit.out()).contains("nothing to recover");
            then(zdcd("queue")).isZero();
            then(kit.out()).contains("1 build queued for acme", THU.substring(0, 7) + "  \"drop gift\"",
                    "source URL kept");
            then(exits).containsExactly(0, 0, 0, 0, 3, 3, 0, 0, 0, 3, 1, 0, 0);
            then(kit.out() + kit.err).doesNotContain(FakeHeroku.TOKEN);
        }

        private JdbcDeploymentJournal journal() {
            return JdbcDeploymentJournal.of(control);
        }

        /** The rows of zdcd's journal, queue and lock tables in the control database (the app's without one). */
        private List<String> controlRows() throws SQLException {
            try (Connection c = control.connect()) {
                return List.of(query(c, "SELECT count(*) FROM zdcd.deployments"),
                        query(c, "SELECT count(*) FROM zdcd.journal_entries"),
                        query(c, "SELECT count(*) FROM zdcd.build_queue"),
                        query(c, "SELECT count(*) || ' ' || coalesce(max(fence), 0) FROM zdcd.deploy_locks"));
            }
        }
    }

    /** {@code STEP PHASE subject} of each entry of a record, in order. */
    private static List<String> steps(DeploymentRecord r) {
        return r.entries().stream().filter(e -> e.attribute("operation").isEmpty())
                .map(e -> (e.step() + " " + e.phase() + " " + e.subject()).strip()).toList();
    }

    private static String url(TestDatabase db, String name) {
        return db.jdbcUrlWithCredentials().replace("/" + db.name() + "?", "/" + name + "?");
    }

    private static boolean tableExists(PostgresDatabase db, String table) throws SQLException {
        try (Connection c = db.connect()) {
            return query(c, "SELECT to_regclass('" + table + "') IS NOT NULL").equals("t");
        }
    }

    private static void sql(PostgresDatabase db, String... statements) throws SQLException {
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            for (String each : statements) {
                s.execute(each);
            }
        }
    }

    private static String query(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }
}
