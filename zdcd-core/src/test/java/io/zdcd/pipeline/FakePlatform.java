package io.zdcd.pipeline;

import io.zdcd.spi.Build;
import io.zdcd.spi.Health;
import io.zdcd.spi.HealthCheck;
import io.zdcd.spi.Platform;
import io.zdcd.spi.PlatformException;
import io.zdcd.spi.Progress;
import io.zdcd.spi.Release;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * An in-memory platform: releases numbered from 1, a maintenance flag, switchable failures, and a log of every call
 * (so tests can check what happened in which order). Traffic is simulated by the test through {@link #serving()}.
 *
 * <p>It behaves like Heroku's router: while maintenance mode is on, every HTTP request ({@link #http}) answers 503
 * whatever the release; builds listed in {@link #crashingBuilds} never get their processes up, those in
 * {@link #failingSmoke} fail the smoke command, those in {@link #brokenBuilds} answer 500 once traffic reaches them.
 */
public final class FakePlatform implements Platform {
    private final List<Release> releases = new ArrayList<>();
    private Release current;
    private boolean maintenance;
    public final List<String> log = new ArrayList<>();
    boolean failRelease;
    boolean failRollback;
    boolean failMaintenance;
    Runnable onRelease = () -> { };
    /** Builds whose web processes crash on boot ({@link #processesUp} unhealthy). */
    public final Set<String> crashingBuilds = new HashSet<>();
    /** Builds whose smoke command exits 1. */
    public final Set<String> failingSmoke = new HashSet<>();
    /** Builds whose HTTP answer is 500 once maintenance is off. */
    public final Set<String> brokenBuilds = new HashSet<>();
    /** Whether releasing needs the build's source URL (as Heroku's builds do). */
    public boolean needsSourceUrl;
    /** The source URL of each release, in order (empty string for none). */
    public final List<String> sourceUrls = new ArrayList<>();
    /** Every HTTP answer given, as {@code "503 v2"}. */
    public final List<String> httpAnswers = new ArrayList<>();
    /** Smoke commands run, as {@code "run CMD on v2"} (with {@code " in maintenance"} while it is on). */
    public final List<String> commands = new ArrayList<>();

    public FakePlatform(String initialBuild) {
        current = new Release(1, initialBuild, "initial", Instant.now());
        releases.add(current);
    }

    @Override
    public synchronized Optional<Release> currentRelease(String app) {
        return Optional.ofNullable(current);
    }

    @Override
    public Release release(String app, Build build, Progress progress) {
        onRelease.run();
        synchronized (this) {
            log.add("release " + build.version());
            sourceUrls.add(build.sourceUrl().orElse(""));
            progress.report("building " + build.shortVersion());
            if (failRelease) {
                throw new PlatformException("release " + app + " " + build, "release phase exited with status 1");
            }
            current = new Release(releases.size() + 1, build.version(), "deploy", Instant.now());
            releases.add(current);
            return current;
        }
    }

    @Override
    public synchronized Release rollback(String app, Release target, Progress progress) {
        log.add("rollback v" + target.version());
        if (failRollback) {
            throw new PlatformException("roll back " + app + " to v" + target.version(), "503 service unavailable");
        }
        current = new Release(releases.size() + 1, target.buildVersion(), "rollback to v" + target.version(),
                Instant.now());
        releases.add(current);
        return current;
    }

    @Override
    public synchronized void maintenance(String app, boolean on) {
        log.add("maintenance " + (on ? "on" : "off"));
        if (failMaintenance) {
            throw new PlatformException("maintenance " + (on ? "on" : "off") + " for " + app, "401 unauthorized");
        }
        maintenance = on;
    }

    @Override
    public synchronized boolean inMaintenance(String app) {
        return maintenance;
    }

    @Override
    public Optional<String> cannotRelease(String app, Build build) {
        return needsSourceUrl && build.sourceUrl().isEmpty()
                ? Optional.of("the fake platform builds from a source URL and " + build + " has none")
                : Optional.empty();
    }

    @Override
    public synchronized Health processesUp(String app, Release release) {
        if (crashingBuilds.contains(release.buildVersion())) {
            return Health.unhealthy("web.1 crashed on v" + release.version() + " (exit status 1)");
        }
        return Health.healthy("web.1 up on v" + release.version());
    }

    @Override
    public synchronized Health runCommand(String app, Release release, String command, Duration timeout,
                                          Progress progress) {
        commands.add("run " + command + " on v" + release.version() + (maintenance ? " in maintenance" : ""));
        progress.report("one-off process run.1 of v" + release.version() + " up");
        return failingSmoke.contains(release.buildVersion())
                ? Health.unhealthy("exit status 1: ImportError in shop.settings")
                : Health.healthy("exit status 0");
    }

    /** Heroku's router: 503 while maintenance mode is on, else the running build's answer. */
    public synchronized Health http(String path) {
        int code = maintenance ? 503 : brokenBuilds.contains(current.buildVersion()) ? 500 : 200;
        httpAnswers.add(code + " v" + current.version());
        return code == 200 ? Health.healthy("GET " + path + ": 200")
                : Health.unhealthy("GET " + path + ": " + code + (code == 503 ? " (maintenance mode)" : ""));
    }

    /** A health check asking {@link #http} for {@code /healthz}. */
    public HealthCheck httpCheck() {
        return (app, release) -> http("/healthz");
    }

    /** The build that serves traffic now. */
    public synchronized String servingBuild() {
        return current.buildVersion();
    }

    /** Whether traffic gets through (not in maintenance). */
    synchronized boolean serving() {
        return !maintenance;
    }
}
