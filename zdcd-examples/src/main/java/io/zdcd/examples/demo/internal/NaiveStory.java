package io.zdcd.examples.demo.internal;

import io.zdcd.classify.Migration;
import io.zdcd.examples.demo.AppBuild;
import io.zdcd.examples.demo.DemoApp;
import io.zdcd.examples.demo.LocalPlatform;
import io.zdcd.examples.demo.PhaseStats;
import io.zdcd.examples.demo.SceneRun;
import io.zdcd.examples.demo.TrafficGenerator;
import io.zdcd.examples.demo.SmokeTestHealthCheck;
import io.zdcd.jdbc.LocalDatabaseBackups;
import io.zdcd.spi.Backup;
import io.zdcd.spi.Build;
import io.zdcd.spi.Health;
import io.zdcd.spi.Release;
import io.zdcd.spi.Progress;
import java.sql.Connection;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The same changes shipped the naive way, on a copy of the demo database under the same traffic: migrations sent as
 * they are, with no lock_timeout, while a long report transaction holds a lock; no preflight check, no queue, no
 * maintenance window.
 */
public final class NaiveStory {
    private final Stage stage;

    public NaiveStory(Stage stage) {
        this.stage = stage;
    }

    /** Plays the naive runs; the key is the number of the scene each one sits next to. */
    public Map<Integer, SceneRun> play() throws Exception {
        DemoApp app = stage.app();
        LocalPlatform platform = new LocalPlatform("demo-naive", app.v1());
        platform.register(app.v2());
        platform.register(app.v3());
        platform.register(app.v4());
        Map<Integer, SceneRun> runs = new LinkedHashMap<>();
        try (TrafficGenerator traffic = stage.traffic(platform)) {
            traffic.start("naive warm-up");
            Thread.sleep(300);
            runs.put(1, safePush(platform, traffic));
            runs.put(3, unsafeAtOnce(platform, traffic));
            runs.put(5, unsafeWithoutFix(platform, traffic));
        }
        return runs;
    }

    private SceneRun unsafeAtOnce(LocalPlatform platform, TrafficGenerator traffic) throws Exception {
        AppBuild v3 = stage.app().v3();
        String app = platform.app();
        stage.heading("Scene 3, the naive way: the unsafe push ships at once, in the day: backup, migration with no "
                + "lock_timeout while a report holds a lock, release, health check; on failure restore and roll back, "
                + "with no maintenance window");
        Timeline t = new Timeline(stage.out());
        traffic.phase("naive scene 3");
        LocalDatabaseBackups backups = LocalDatabaseBackups.of(stage.server().database(stage.database()));
        Release previous = platform.currentRelease(app).orElseThrow();
        Backup backup = t.step("back up the database", () -> backups.capture(app, Progress.none()));
        try (LongTransaction report = t.step("a long report transaction reads accounts and stays open "
                + Durations.seconds(stage.hold()), stage::longTransaction);
             Connection c = stage.connect()) {
            applyAll(t, c, DemoApp.V3_MIGRATIONS);
        }
        t.step("release " + v3.version(), () -> platform.release(app, Build.of(v3.version()), Progress.none()));
        Health health = t.step("health check", () -> new SmokeTestHealthCheck(platform, stage::connect)
                .check(app, platform.currentRelease(app).orElseThrow()));
        t.line(health.toString());
        String outcome = "deployed";
        if (!health.healthy()) {
            t.step("restore the backup (traffic still running: no maintenance window)", () -> {
                backups.restore(app, backup, Progress.none());
                return null;
            });
            t.step("roll back to v" + previous.version(), () -> platform.rollback(app, previous, Progress.none()));
            outcome = "rolled back, restored";
        }
        Thread.sleep(300);
        PhaseStats stats = traffic.endPhase();
        long lost = stage.rowsMissing(traffic);
        t.line("traffic: " + stats);
        stats.errors().forEach(e -> t.line("  error seen by users: " + e));
        t.line("rows whose insert users saw succeed and that the restore threw away: " + lost);
        return SceneRun.of(outcome, stats, lost, "shipped at push time");
    }

    /** Sends each migration as written, one timed step each. */
    private static void applyAll(Timeline t, Connection c, List<Migration> migrations) throws Exception {
        for (Migration m : migrations) {
            t.step("apply " + m.name() + " (no lock_timeout)", () -> {
                NaiveMigrations.apply(c, m);
                return null;
            });
        }
    }

    private SceneRun unsafeWithoutFix(LocalPlatform platform, TrafficGenerator traffic) throws Exception {
        AppBuild v4 = stage.app().v4();
        stage.heading("Scene 5, the naive way: v4's migration sent as written at push time (an index built without "
                + "CONCURRENTLY, then the drop of a column the running code reads), then the release");
        Timeline t = new Timeline(stage.out());
        traffic.phase("naive scene 5");
        long lostBefore = stage.rowsMissing(traffic); // the rows scene 3's restore threw away
        try (Connection c = stage.connect()) {
            applyAll(t, c, DemoApp.V4_MIGRATIONS);
        }
        t.step("release " + v4.version(), () -> platform.release(platform.app(), Build.of(v4.version()),
                Progress.none()));
        Thread.sleep(300);
        PhaseStats stats = traffic.endPhase();
        long lost = stage.rowsMissing(traffic) - lostBefore;
        t.line("traffic: " + stats);
        stats.errors().stream().limit(3).forEach(e -> t.line("  error seen by users: " + e));
        return SceneRun.of("deployed", stats, lost, "writes wait for the index build; the running code breaks on the "
                + "drop until the release");
    }

    private SceneRun safePush(LocalPlatform platform, TrafficGenerator traffic) throws Exception {
        AppBuild v2 = stage.app().v2();
        stage.heading("Scene 1, the naive way: the same safe migrations applied with no lock_timeout while a report "
                + "holds a lock");
        Timeline t = new Timeline(stage.out());
        traffic.phase("naive scene 1");
        try (LongTransaction report = t.step("a long report transaction reads accounts and stays open "
                + Durations.seconds(stage.hold()), stage::longTransaction);
             Connection c = stage.connect()) {
            applyAll(t, c, DemoApp.V2_MIGRATIONS);
            t.step("release " + v2.version(), () -> platform.release(platform.app(), Build.of(v2.version()), Progress.none()));
        }
        Thread.sleep(300);
        PhaseStats stats = traffic.endPhase();
        long lost = stage.rowsMissing(traffic);
        t.line("traffic: " + stats);
        return SceneRun.of("deployed", stats, lost, stats.worstStall().compareTo(Duration.ofSeconds(1)) > 0
                ? "every query on accounts queued behind the waiting ALTER" : "");
    }
}
