package io.zdcd.examples.demo;

import io.zdcd.spi.Build;
import io.zdcd.spi.PlatformException;
import io.zdcd.spi.Progress;
import io.zdcd.spi.Release;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The {@link io.zdcd.spi.Platform} of the embedded default, for one app: the running code is one {@link AppBuild},
 * switched atomically by a release; maintenance mode makes traffic back off (the app answers with a maintenance page
 * and closes its database connections); a rollback makes an earlier release's build run again, as a new release
 * (as Heroku numbers them).
 *
 * <pre>{@code
 * LocalPlatform platform = new LocalPlatform("demo", app.v1());   // release v1 runs v1's code
 * platform.register(app.v2());                                    // a push makes the build known
 * platform.release("demo", Build.of("v2-nicknames"), Progress.none());   // v2: every later request runs v2's code
 * }</pre>
 *
 * <p>Thread-safe: the traffic generator reads {@link #current()} and {@link #inMaintenance()} on every request.
 */
public final class LocalPlatform implements io.zdcd.spi.Platform {
    private final String app;
    private final Clock clock;
    private final Map<String, AppBuild> builds = new ConcurrentHashMap<>();
    private final List<Release> releases = new ArrayList<>();
    private volatile Release current;
    private volatile AppBuild running;
    private volatile boolean maintenance;
    private Instant maintenanceSince;
    private Duration maintenanceTotal = Duration.ZERO;
    private volatile io.zdcd.spi.HealthCheck commands;

    /** A platform whose app {@code app} runs {@code initial} as release v1. */
    public LocalPlatform(String app, AppBuild initial) {
        this(app, initial, Clock.systemUTC());
    }

    LocalPlatform(String app, AppBuild initial, Clock clock) {
        this.app = Objects.requireNonNull(app, "app");
        this.clock = Objects.requireNonNull(clock, "clock");
        register(initial);
        running = initial;
        current = new Release(1, initial.version(), "initial release", clock.instant());
        releases.add(current);
    }

    /** The app's name. */
    public String app() {
        return app;
    }

    /** Makes a build known to the platform (as a push uploads its code); only known builds can be released. */
    public void register(AppBuild build) {
        builds.put(build.version(), Objects.requireNonNull(build, "build"));
    }

    /** The build with that version, if it was registered. */
    public Optional<AppBuild> build(String version) {
        return Optional.ofNullable(builds.get(version));
    }

    /** The code serving traffic now. */
    public AppBuild current() {
        return running;
    }

    /** Whether the app answers every request with the maintenance page. */
    public boolean inMaintenance() {
        return maintenance;
    }

    /** Every release made, oldest first (rollbacks included). */
    public synchronized List<Release> releases() {
        return List.copyOf(releases);
    }

    @Override
    public Optional<Release> currentRelease(String app) {
        check(app);
        return Optional.of(current);
    }

    /**
     * Makes the registered build with {@code build.version()} the running code, at once for every later request.
     *
     * @throws PlatformException if the build was never registered (nothing changes)
     */
    @Override
    public synchronized Release release(String app, Build build, Progress progress) {
        check(app);
        AppBuild code = builds.get(build.version());
        if (code == null) {
            throw new PlatformException("release " + app + " " + build, "no build " + build.version()
                    + " was pushed to the local platform (known: " + builds.keySet() + ")");
        }
        progress.report("switching " + app + " to " + code.version());
        return switchTo(code, "deploy " + code.version());
    }

    /**
     * Makes the build of release {@code target} run again, as a new release.
     *
     * @throws PlatformException if no release has that number (nothing changes)
     */
    @Override
    public synchronized Release rollback(String app, Release target, Progress progress) {
        check(app);
        Release known = releases.stream().filter(r -> r.version() == target.version()).findFirst()
                .orElseThrow(() -> new PlatformException("rollback " + app + " to v" + target.version(),
                        "no such release; made: " + releases.stream().map(r -> "v" + r.version()).toList()));
        progress.report("switching " + app + " back to " + known.buildVersion());
        return switchTo(builds.get(known.buildVersion()), "rollback to v" + known.version());
    }

    private Release switchTo(AppBuild build, String description) {
        Release next = new Release(current.version() + 1, build.version(), description, clock.instant());
        releases.add(next);
        running = build;
        current = next;
        return next;
    }

    /** Switches maintenance mode on or off; switching to the mode already in effect does nothing. */
    @Override
    public synchronized void maintenance(String app, boolean on) {
        check(app);
        if (on == maintenance) {
            return;
        }
        if (on) {
            maintenanceSince = clock.instant();
        } else {
            maintenanceTotal = maintenanceTotal.plus(Duration.between(maintenanceSince, clock.instant()));
            maintenanceSince = null;
        }
        maintenance = on;
    }

    @Override
    public boolean inMaintenance(String app) {
        check(app);
        return maintenance;
    }

    /** The time spent in maintenance mode so far (an open window included). */
    public synchronized Duration maintenanceTime() {
        Duration open = maintenanceSince == null ? Duration.ZERO : Duration.between(maintenanceSince, clock.instant());
        return maintenanceTotal.plus(open);
    }

    private void check(String app) {
        if (!this.app.equals(app)) {
            throw new PlatformException("use app " + app, "this local platform runs only " + this.app);
        }
    }

    /**
     * What a one-off command of a release (the pipeline's smoke command, run inside a maintenance window) does on
     * this platform: here, a check of the release's build, such as {@link SmokeTestHealthCheck}.
     */
    public void commands(io.zdcd.spi.HealthCheck check) {
        this.commands = Objects.requireNonNull(check, "check");
    }

    @Override
    public io.zdcd.spi.Health runCommand(String app, Release release, String command, Duration timeout,
                                         Progress progress) {
        io.zdcd.spi.HealthCheck check = commands;
        if (check == null) {
            return io.zdcd.spi.Platform.super.runCommand(app, release, command, timeout, progress);
        }
        progress.report("running " + command + " on v" + release.version());
        return check.check(app, release);
    }

    @Override
    public String toString() {
        return "LocalPlatform[" + app + " running " + current + (maintenance ? ", maintenance on" : "") + "]";
    }
}
