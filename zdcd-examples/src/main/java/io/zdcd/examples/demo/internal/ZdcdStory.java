package io.zdcd.examples.demo.internal;

import io.zdcd.analyzer.fix.FixRewriter;
import io.zdcd.analyzer.fix.MigrationFixer;
import io.zdcd.classify.MigrationClassifier;
import io.zdcd.examples.demo.AppBuild;
import io.zdcd.examples.demo.DemoApp;
import io.zdcd.examples.demo.LocalPlatform;
import io.zdcd.examples.demo.PhaseStats;
import io.zdcd.examples.demo.SceneResult;
import io.zdcd.examples.demo.SceneRun;
import io.zdcd.examples.demo.SmokeTestHealthCheck;
import io.zdcd.examples.demo.TrafficGenerator;
import io.zdcd.pipeline.DeploymentEvent;
import io.zdcd.pipeline.DeploymentListener;
import io.zdcd.pipeline.DeploymentOutcome;
import io.zdcd.pipeline.DeploymentPipeline;
import io.zdcd.jdbc.JdbcBuildQueue;
import io.zdcd.jdbc.JdbcDeploymentJournal;
import io.zdcd.jdbc.JdbcMigrationRunner;
import io.zdcd.jdbc.LocalDatabaseBackups;
import io.zdcd.jdbc.PostgresDatabase;
import io.zdcd.pipeline.StepResult;
import io.zdcd.spi.Build;
import io.zdcd.spi.StepKind;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The five scenes played by zdcd's deployment pipeline under live traffic. */
public final class ZdcdStory {
    private final Stage stage;
    private final String controlDatabase;
    private final MigrationClassifier classifier;
    private volatile Timeline timeline;
    private volatile boolean reportAfterBackup;
    private volatile LongTransaction report;

    public ZdcdStory(Stage stage, String controlDatabase, MigrationClassifier classifier) {
        this.stage = stage;
        this.controlDatabase = controlDatabase;
        this.classifier = classifier;
    }

    private DeploymentPipeline pipeline(LocalPlatform platform, BuildMigrations migrations) {
        PostgresDatabase target = stage.server().database(stage.database());
        PostgresDatabase control = stage.server().database(controlDatabase);
        SmokeTestHealthCheck smokeTest = new SmokeTestHealthCheck(platform, stage::connect);
        platform.commands(smokeTest);                                 // the smoke command runs the build's smoke test
        return DeploymentPipeline.builder()
                .app(platform.app())
                .platform(platform)
                .migrations(migrations, JdbcMigrationRunner.of(target))   // lock_timeout 50-80 ms, retried with backoff
                .classifier(classifier)
                .backups(LocalDatabaseBackups.of(target))                 // a copy of the database on the server
                .smokeCommand("smoke-test")                               // inside the maintenance window
                .healthCheck(smokeTest)                                   // and again once traffic is back
                .verifyTimeout(Duration.ofSeconds(3))
                .verifyInterval(Duration.ofMillis(500))
                .journal(JdbcDeploymentJournal.of(control))
                .queue(JdbcBuildQueue.of(control))
                .holder("zdcd demo")
                .addListener(this::onEvent)
                .build();
    }

    public List<SceneResult> play() throws Exception {
        DemoApp app = stage.app();
        AppBuild v2 = app.v2();
        AppBuild v3 = app.v3();
        AppBuild v4 = app.v4();
        LocalPlatform platform = new LocalPlatform("demo", app.v1());
        platform.register(v2);
        platform.register(v3);
        platform.register(v4);
        List<SceneResult> scenes = new ArrayList<>();
        try (BuildMigrations migrations = new BuildMigrations(stage.server().database(stage.database()),
                List.of(app.v1(), v2, v3, v4));
             TrafficGenerator traffic = stage.traffic(platform)) {
            DeploymentPipeline pipeline = pipeline(platform, migrations);
            traffic.start("warm-up");
            Thread.sleep(300);
            scenes.add(safePush(pipeline, platform, traffic, v2));
            scenes.add(quietNight(pipeline, platform, traffic, v2));
            scenes.add(unsafePush(pipeline, platform, traffic, v3));
            scenes.add(nightly(pipeline, platform, traffic, v3));
            scenes.add(fixedPush(pipeline, platform, traffic, v3, v4));
        }
        return scenes;
    }

    private SceneResult safePush(DeploymentPipeline pipeline, LocalPlatform platform, TrafficGenerator traffic,
                                 AppBuild v2) throws Exception {
        String title = "safe push, deployed at once";
        stage.heading("Scene 1 (Monday 10:00): a push with only safe migrations (" + v2.version() + ": "
                + names(v2, 0) + ") is deployed at once under traffic, while a report transaction holds a lock");
        Timeline t = begin(traffic, "scene 1");
        reportAfterBackup = true;   // a report starts right after the backup, before the migrations
        DeploymentOutcome outcome;
        try {
            outcome = pipeline.deploy(Build.of(v2.version(), v2.description()));
        } finally {
            reportAfterBackup = false;
            if (report != null) {
                report.close();
                report = null;
            }
        }
        PhaseStats stats = end(traffic, t);
        long lost = stage.rowsMissing(traffic);
        boolean ok = outcome.status() == DeploymentOutcome.Status.DEPLOYED && stats.failed() == 0 && lost == 0
                && platform.current().version().equals(v2.version());
        return new SceneResult(1, title, "deployed, 0 failed queries, 0 rows lost", ok,
                SceneRun.of(label(outcome), stats, lost, ""), Optional.empty());
    }

    private SceneResult quietNight(DeploymentPipeline pipeline, LocalPlatform platform, TrafficGenerator traffic,
                                   AppBuild head) throws Exception {
        stage.heading("Scene 2 (Monday night): the nightly build, with nothing queued and nothing committed since "
                + head.version() + " shipped");
        Timeline t = begin(traffic, "scene 2");
        DeploymentOutcome outcome = pipeline.nightly(Build.of(head.version(), head.description()));
        PhaseStats stats = end(traffic, t);
        long lost = stage.rowsMissing(traffic);
        boolean ok = outcome.status() == DeploymentOutcome.Status.SKIPPED && stats.failed() == 0
                && platform.current().version().equals(head.version());
        return new SceneResult(2, "quiet night", "skipped, nothing changed", ok,
                SceneRun.of(label(outcome), stats, lost, ""), Optional.empty());
    }

    private SceneResult unsafePush(DeploymentPipeline pipeline, LocalPlatform platform, TrafficGenerator traffic,
                                   AppBuild v3) throws Exception {
        stage.heading("Scene 3 (Tuesday 10:00): a push with an unsafe migration (" + v3.version() + ": "
                + names(v3, DemoApp.V2_MIGRATIONS.size()) + ")");
        Timeline t = begin(traffic, "scene 3");
        String before = schema();
        DeploymentOutcome outcome = pipeline.deploy(Build.of(v3.version(), v3.description()));
        String after = schema();
        t.line("schema of accounts before: " + before);
        t.line("schema of accounts after:  " + after);
        PhaseStats stats = end(traffic, t);
        long lost = stage.rowsMissing(traffic);
        boolean ok = outcome.status() == DeploymentOutcome.Status.DEFERRED && before.equals(after)
                && stats.failed() == 0 && !platform.current().version().equals(v3.version());
        return new SceneResult(3, "unsafe push", "deferred to the nightly build, nothing changed", ok,
                SceneRun.of(label(outcome), stats, lost, before.equals(after) ? "schema unchanged" : "SCHEMA CHANGED"),
                Optional.empty());
    }

    private SceneResult nightly(DeploymentPipeline pipeline, LocalPlatform platform, TrafficGenerator traffic,
                                AppBuild v3) throws Exception {
        stage.heading("Scene 4 (Tuesday night): the nightly build ships the queued " + v3.version()
                + " in a maintenance window; its health check fails");
        Timeline t = begin(traffic, "scene 4");
        String before = schema();
        int rowsBefore = traffic.insertedRows().size();
        DeploymentOutcome outcome = pipeline.nightly(Build.of(v3.version(), v3.description()));
        String after = schema();
        t.line("schema of accounts after recovery: " + after + (before.equals(after) ? " (as before)" : ""));
        PhaseStats stats = end(traffic, t);
        long lost = stage.rowsMissing(traffic);
        t.line("every row: " + String.format(java.util.Locale.ROOT, "%,d", stage.rows()) + " generated and "
                + traffic.insertedRows().size() + " inserted by traffic (" + rowsBefore
                + " of them before the window): " + (lost == 0 ? "all present" : lost + " MISSING"));
        boolean restored = outcome instanceof DeploymentOutcome.RolledBack r && r.recovery().restoresDatabase();
        boolean ok = restored && lost == 0 && before.equals(after) && !platform.inMaintenance()
                && !platform.current().version().equals(v3.version());
        return new SceneResult(4, "nightly, release fails its health check",
                "rolled back with the database restored in maintenance, 0 rows lost", ok,
                SceneRun.of(label(outcome) + (restored ? ", restored" : ""), stats, lost, ""), Optional.empty());
    }

    private SceneResult fixedPush(DeploymentPipeline pipeline, LocalPlatform platform, TrafficGenerator traffic,
                                  AppBuild v3, AppBuild v4) throws Exception {
        stage.heading("Scene 5 (Wednesday 10:00): the team drops the broken " + v3.version() + " from the queue and "
                + "pushes " + v4.version() + " with an unsafe migration (" + names(v4, DemoApp.V2_MIGRATIONS.size())
                + ": an index built without CONCURRENTLY, a column the running code reads dropped); zdcd deploy --fix "
                + "ships it at once as expand, release, verify, contract");
        Timeline t = begin(traffic, "scene 5");
        long lostBefore = stage.rowsMissing(traffic); // 0 unless scene 4 lost rows: count this scene's own
        JdbcBuildQueue.of(stage.server().database(controlDatabase)).drop(platform.app(), v3.version());
        DeploymentPipeline fixing = pipeline.newBuilder()
                .expandContract(FixRewriter.of(MigrationFixer.defaults()))   // zdcd deploy --fix
                .build();
        String before = schema();
        DeploymentOutcome outcome = fixing.deploy(Build.of(v4.version(), v4.description()));
        String after = schema();
        boolean indexed = validIndex("accounts_email_idx");
        t.line("schema of accounts before: " + before);
        t.line("schema of accounts after:  " + after + (indexed ? "; index accounts_email_idx VALID" : ""));
        PhaseStats stats = end(traffic, t);
        long lost = stage.rowsMissing(traffic) - lostBefore;
        boolean contract = outcome.steps().stream().anyMatch(r -> r.step() == StepKind.CONTRACT
                && r.status() == StepResult.Status.SUCCEEDED);
        boolean ok = outcome.status() == DeploymentOutcome.Status.DEPLOYED && contract && indexed
                && !after.contains("nickname") && stats.failed() == 0 && lost == 0 && !platform.inMaintenance()
                && platform.current().version().equals(v4.version());
        return new SceneResult(5, "unsafe push with --fix", "deployed at once by expand/contract, 0 failed queries, "
                + "0 rows lost", ok, SceneRun.of(label(outcome) + (contract ? ", contract applied" : ""), stats, lost,
                "expand: CREATE INDEX CONCURRENTLY; contract: DROP COLUMN after the release"), Optional.empty());
    }

    private boolean validIndex(String name) throws SQLException {
        try (Connection c = stage.connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT indisvalid FROM pg_index WHERE indexrelid = to_regclass('"
                     + name + "')")) {
            return rs.next() && rs.getBoolean(1);
        }
    }

    private Timeline begin(TrafficGenerator traffic, String phase) {
        Timeline t = new Timeline(stage.out());
        timeline = t;
        traffic.phase(phase);
        return t;
    }

    private PhaseStats end(TrafficGenerator traffic, Timeline t) throws InterruptedException {
        Thread.sleep(300);   // let traffic run on the outcome for a moment
        PhaseStats stats = traffic.endPhase();
        t.line("traffic: " + stats);
        return stats;
    }

    private void onEvent(DeploymentEvent event) {
        Timeline t = timeline;
        if (t == null) {
            return;
        }
        if (event instanceof DeploymentEvent.StepStarted s) {
            t.line(s.step().label() + (s.subject().isEmpty() ? "" : " " + s.subject()) + " ...");
        } else if (event instanceof DeploymentEvent.StepProgress p) {
            t.line("    " + p.message() + (p.total() > 0 && p.done() >= 0 ? " (" + p.done() + "/" + p.total() + ")" : ""));
        } else if (event instanceof DeploymentEvent.StepFinished f) {
            t.line("  " + f.result());
            if (reportAfterBackup && f.result().step() == StepKind.BACKUP
                    && f.result().status() == StepResult.Status.SUCCEEDED) {
                reportAfterBackup = false;
                report = stage.longTransaction();
                t.line("a long report transaction reads accounts and stays open " + Durations.seconds(stage.hold())
                        + " (it holds a lock every ALTER TABLE accounts must wait for)");
            }
        } else if (event instanceof DeploymentEvent.DeploymentStarted s) {
            t.line(s.mode().name().toLowerCase(java.util.Locale.ROOT) + " deployment of " + s.build());
        } else if (event instanceof DeploymentEvent.DeploymentFinished f) {
            t.line("=> " + f.outcome());
        }
    }

    private static String label(DeploymentOutcome o) {
        return o.status().name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
    }

    private static String names(AppBuild b, int skip) {
        return String.join(", ", b.migrations().stream().skip(skip).map(m -> m.name()).toList());
    }

    /** The columns of accounts with their types, e.g. {@code id bigint, email text, ...}. */
    private String schema() throws SQLException {
        try (Connection c = stage.connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT string_agg(column_name || ' ' || data_type, ', ' ORDER BY "
                     + "ordinal_position) FROM information_schema.columns WHERE table_name = 'accounts' "
                     + "AND table_schema = current_schema()")) {
            rs.next();
            return rs.getString(1);
        }
    }
}
