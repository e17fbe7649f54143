package io.zdcd.spi;

import java.time.Instant;
import java.util.Objects;

/**
 * A build waiting for the nightly deployment.
 *
 * @param build    the build
 * @param queuedAt when it was queued
 * @param reason   why it was deferred, for example {@code "UNSAFE: users/0042 (add-column-not-null@L1)"} or
 *                 {@code "queued behind 3f2c1a9"}
 */
public record QueuedBuild(Build build, Instant queuedAt, String reason) {
    /**
     * {@code build} and {@code queuedAt} must not be null; a null {@code reason} becomes empty.
     *
     * @param build    the build waiting for the nightly deployment; not null
     * @param queuedAt when it was queued; not null
     * @param reason   why it was deferred, in one line; null or empty when not given
     */
    public QueuedBuild {
        Objects.requireNonNull(build, "build");
        Objects.requireNonNull(queuedAt, "queuedAt");
        reason = reason == null ? "" : reason;
    }

    @Override
    public String toString() {
        return "QueuedBuild[" + build.shortVersion() + " at " + queuedAt + (reason.isEmpty() ? "" : ": " + reason)
                + "]";
    }
}
