package io.zdcd.spi;

import java.util.Optional;

/**
 * Where the application's code runs: Heroku ({@code HerokuPlatform}), the embedded demo's local platform, or a fake
 * in tests. Every method names the app, so one instance may serve several apps.
 *
 * <p>Methods block until the operation is done (or failed) and throw {@link PlatformException} when it failed.
 */
public interface Platform {

    /** The release serving traffic now, or empty for an app that was never released. */
    Optional<Release> currentRelease(String app);

    /**
     * Makes the build the running code: Heroku builds the source, runs the release phase and waits for the new
     * release; a local platform switches atomically. Returns only once the new release serves traffic.
     *
     * @throws PlatformException when the build or the release failed (the previous release keeps serving)
     */
    Release release(String app, Build build, Progress progress);

    /**
     * Makes a previous release serve traffic again (Heroku creates a new release that copies {@code target}).
     *
     * @return the release serving traffic afterwards
     */
    Release rollback(String app, Release target, Progress progress);

    /** Switches maintenance mode on (all incoming traffic is turned away with a maintenance page) or off. */
    void maintenance(String app, boolean on);

    /** Whether maintenance mode is on. */
    boolean inMaintenance(String app);
}
