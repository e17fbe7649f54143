package io.zdcd.pipeline;

import io.zdcd.spi.Build;
import io.zdcd.spi.Platform;
import io.zdcd.spi.PlatformException;
import io.zdcd.spi.Progress;
import io.zdcd.spi.Release;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * An in-memory platform: releases numbered from 1, a maintenance flag, switchable failures, and a log of every call
 * (so tests can check what happened in which order). Traffic is simulated by the test through {@link #serving()}.
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

    /** The build that serves traffic now. */
    public synchronized String servingBuild() {
        return current.buildVersion();
    }

    /** Whether traffic gets through (not in maintenance). */
    synchronized boolean serving() {
        return !maintenance;
    }
}
