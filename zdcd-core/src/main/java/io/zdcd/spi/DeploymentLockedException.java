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
    private final String app;
    private final String holder;
    private final transient Optional<Instant> since;

    public DeploymentLockedException(String app, String holder, Optional<Instant> since, String detail) {
        super("app " + app + " is locked by " + holder + since.map(s -> " since " + s).orElse("")
                + (detail == null || detail.isEmpty() ? "" : ": " + detail));
        this.app = app;
        this.holder = holder;
        this.since = since;
    }

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
}
