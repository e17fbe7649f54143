package io.zdcd.heroku;

import java.time.Duration;
import java.time.Instant;

/**
 * What the Heroku adapter reports while it works: retries, rate-limit slow-downs, build and release progress,
 * maintenance changes, backup and restore progress. Each {@code toString()} reads as a log line and never
 * contains the API token or a database password.
 *
 * @since 0.1
 */
public sealed interface HerokuEvent {

    /**
     * When it happened.
     *
     * @return the instant, from the client's clock
     */
    Instant at();

    /** A call failed transiently and is repeated after {@code wait}. */
    record ApiCallRetried(Instant at, String operation, int attempt, Duration delay, String reason) implements HerokuEvent {
        @Override
        public String toString() {
            return "Heroku " + operation + " failed (" + reason + "), attempt " + attempt + ", retrying in "
                    + Durations.format(delay);
        }
    }

    /** The account's API budget is low: zdcd waits before the next call. */
    record RateLimitSlowdown(Instant at, int remaining, Duration delay) implements HerokuEvent {
        @Override
        public String toString() {
            return "Heroku API budget low (" + remaining + " calls left), waiting " + Durations.format(delay);
        }
    }

    /** A build changed status. */
    record BuildProgressed(Instant at, String app, String buildId, HerokuBuild.Status status) implements HerokuEvent {
        @Override
        public String toString() {
            return "Build " + buildId + " of " + app + " is " + status.name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** A release changed status (a pending release is running its release phase). */
    record ReleaseProgressed(Instant at, String app, int version, HerokuRelease.Status status) implements HerokuEvent {
        @Override
        public String toString() {
            return "Release v" + version + " of " + app + " is " + status.name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** Maintenance mode was switched. */
    record MaintenanceChanged(Instant at, String app, boolean on) implements HerokuEvent {
        @Override
        public String toString() {
            return "Maintenance mode of " + app + " is " + (on ? "on" : "off");
        }
    }

    /** A backup or restore made progress. */
    record TransferProgressed(Instant at, String app, String name, PgTransfer.State state, long processedBytes,
                              long sourceBytes) implements HerokuEvent {
        @Override
        public String toString() {
            return "Heroku Postgres " + name + " of " + app + " " + state.name().toLowerCase(java.util.Locale.ROOT)
                    + ": " + processedBytes + (sourceBytes > 0 ? " of " + sourceBytes : "") + " bytes";
        }
    }

    /** Something the user should fix, for example a {@code ~/.netrc} others can read. */
    record Warning(Instant at, String message) implements HerokuEvent {
        @Override
        public String toString() {
            return "Warning: " + message;
        }
    }
}
