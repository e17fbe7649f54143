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

    /**
     * The lock of {@code app} is held by {@code holder} since {@code since} (when known); no heartbeat is known.
     *
     * @param app    the app whose deployment is locked
     * @param holder who holds the lock (user@host, CI job...)
     * @param since  when the holder took the lock; empty (never null) when not known
     * @param detail what is going on, for people, for example {@code a deployment is running}; null or empty adds
     *               nothing to the message
     */
    public DeploymentLockedException(String app, String holder, Optional<Instant> since, String detail) {
        this(app, holder, since, Optional.empty(), detail);
    }

    /**
     * The lock of {@code app} is held by {@code holder} since {@code since}, and its holder last said it is alive at
     * {@code lastHeartbeat} (each when known). The message reads {@code app <app> is locked by <holder> since <since>,
     * last heartbeat <lastHeartbeat>: <detail>}, leaving out the parts not known.
     *
     * @param app           the app whose deployment is locked
     * @param holder        who holds the lock (user@host, CI job...)
     * @param since         when the holder took the lock; empty (never null) when not known
     * @param lastHeartbeat when the holder last said it is alive, where the journal keeps heartbeats; empty (never
     *                      null) otherwise
     * @param detail        what is going on, for people, for example {@code a deployment is running}; null or empty
     *                      adds nothing to the message
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

    /**
     * The app whose deployment is locked.
     *
     * @return the app given to the constructor
     */
    public String app() {
        return app;
    }

    /**
     * Who holds the lock (user@host, CI job...).
     *
     * @return the holder given to the constructor, as the lock records it
     */
    public String holder() {
        return holder;
    }

    /**
     * Since when, where known.
     *
     * @return when the holder took the lock; empty when not known, and null after deserialization (not serialized)
     */
    public Optional<Instant> since() {
        return since;
    }

    /**
     * When the holder last said it is alive (its heartbeat), where known.
     *
     * @return the holder's last heartbeat; empty when not known, and null after deserialization (not serialized)
     */
    public Optional<Instant> lastHeartbeat() {
        return lastHeartbeat;
    }
}
