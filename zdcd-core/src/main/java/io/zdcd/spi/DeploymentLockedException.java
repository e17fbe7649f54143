package io.zdcd.spi;

import io.zdcd.ZdcdException;
import java.time.Instant;
import java.util.Optional;

/**
 * Another deployment of the app is running, or an earlier one is unfinished (crashed, or its recovery is owed).
 * Says who holds it and since when.
 */
public final class DeploymentLockedException extends ZdcdException {
    private static final long serialVersionUID = 1L;
    /** The app whose deployment is locked. */
    private final String app;
    /** Who holds the lock. */
    private final String holder;
    private final transient Optional<Instant> since;
    private final transient Optional<Instant> lastHeartbeat;

    /** The lock of {@code app} is held by {@code holder} since {@code since} (when known). */
    public DeploymentLockedException(String app, String holder, Optional<Instant> since, String detail) {
        this(app, holder, since, Optional.empty(), detail);
    }

    /**
     * @param lastHeartbeat when the holder last said it is alive, where the journal keeps heartbeats
     */
    public DeploymentLockedException(String app, String holder, Optional<Instant> since,
                                     Optional<Instant> lastHeartbeat, String detail) {
        super("app " + app + " is locked by " + holder + since.map(s -> " since " + s).orElse("")
                + lastHeartbeat.map(h -> ", last heartbeat " + h).orElse("")
                + (detail == null || detail.isEmpty() ? "" : ": " + detail));
        this.app = app;
        this.holder = holder;
        this.since = since;
        this.lastHeartbeat = lastHeartbeat;
    }

    /** The app whose deployment is locked. */
    public String app() {
        return app;
    }

    /** Who holds the lock (user@host, CI job...). */
    public String holder() {
        return holder;
    }

    /** Since when, where known. */
    public Optional<Instant> since() {
        return since;
    }

    /** When the holder last said it is alive (its heartbeat), where known. */
    public Optional<Instant> lastHeartbeat() {
        return lastHeartbeat;
    }
}
