package io.zdcd.examples.demo;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The platform of the embedded default, for one app: the running code is one {@link AppBuild}, switched atomically
 * by a release; maintenance mode makes traffic back off (the app answers with a maintenance page and closes its
 * database connections); a rollback makes an earlier release's build run again, as a new release (as on Heroku).
 *
 * <p>Thread-safe: the traffic generator reads {@link #current()} and {@link #inMaintenance()} on every request.
 */
public final class LocalPlatform {
    /**
     * One release: a number (increasing), the build it runs and what made it.
     *
     * @param number      {@code v1}, {@code v2}... as the platform numbers them
     * @param build       the build it runs
     * @param description {@code "deploy v2-nicknames"} or {@code "rollback to v2"}
     * @param createdAt   when it was made
     */
    public record LocalRelease(int number, AppBuild build, String description, Instant createdAt) {
        public LocalRelease {
            Objects.requireNonNull(build, "build");
            Objects.requireNonNull(description, "description");
            Objects.requireNonNull(createdAt, "createdAt");
        }

        @Override
        public String toString() {
            return "v" + number + " " + build.version() + " (" + description + ")";
        }
    }

    private final String app;
    private final Clock clock;
    private final Map<String, AppBuild> builds = new ConcurrentHashMap<>();
    private final List<LocalRelease> releases = new ArrayList<>();
    private volatile LocalRelease current;
    private volatile boolean maintenance;
    private Instant maintenanceSince;
    private Duration maintenanceTotal = Duration.ZERO;

    /** A platform whose app {@code app} runs {@code initial} as release v1. */
    public LocalPlatform(String app, AppBuild initial) {
        this(app, initial, Clock.systemUTC());
    }

    LocalPlatform(String app, AppBuild initial, Clock clock) {
        this.app = Objects.requireNonNull(app, "app");
        this.clock = Objects.requireNonNull(clock, "clock");
        register(initial);
        current = new LocalRelease(1, initial, "initial release", clock.instant());
        releases.add(current);
    }

    /** The app's name. */
    public String app() {
        return app;
    }

    /** Makes a build known to the platform (as a push uploads a slug); only known builds can be released. */
    public void register(AppBuild build) {
        builds.put(build.version(), Objects.requireNonNull(build, "build"));
    }

    /** The code serving traffic now. */
    public AppBuild current() {
        return current.build();
    }

    /** The release serving traffic now. */
    public LocalRelease currentRelease() {
        return current;
    }

    /** Whether the app answers every request with the maintenance page. */
    public boolean inMaintenance() {
        return maintenance;
    }

    /** Every release made, oldest first (rollbacks included). */
    public synchronized List<LocalRelease> releases() {
        return List.copyOf(releases);
    }

    /**
     * Makes the build with the given version the running code, at once for every later request.
     *
     * @throws IllegalArgumentException if the build was never registered
     */
    public synchronized LocalRelease release(String buildVersion) {
        AppBuild build = builds.get(buildVersion);
        if (build == null) {
            throw new IllegalArgumentException("no build " + buildVersion + " was pushed to the local platform; known: "
                    + builds.keySet());
        }
        return switchTo(build, "deploy " + build.version());
    }

    /**
     * Makes the build of an earlier release run again, as a new release.
     *
     * @throws IllegalArgumentException if no release has that number
     */
    public synchronized LocalRelease rollback(int releaseNumber) {
        LocalRelease target = releases.stream().filter(r -> r.number() == releaseNumber).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no release v" + releaseNumber
                        + " to roll back to; made: " + releases.stream().map(r -> "v" + r.number()).toList()));
        return switchTo(target.build(), "rollback to v" + releaseNumber);
    }

    private LocalRelease switchTo(AppBuild build, String description) {
        LocalRelease next = new LocalRelease(current.number() + 1, build, description, clock.instant());
        releases.add(next);
        current = next;
        return next;
    }

    /** Switches maintenance mode on or off; switching to the mode already in effect does nothing. */
    public synchronized void maintenance(boolean on) {
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

    /** The time spent in maintenance mode so far (an open window included). */
    public synchronized Duration maintenanceTime() {
        Duration open = maintenanceSince == null ? Duration.ZERO : Duration.between(maintenanceSince, clock.instant());
        return maintenanceTotal.plus(open);
    }

    @Override
    public String toString() {
        return "LocalPlatform[" + app + " running " + current + (maintenance ? ", maintenance on" : "") + "]";
    }
}
