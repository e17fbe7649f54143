package io.zdcd.spi;

import java.time.Duration;
import java.util.Optional;

/**
 * Where the application's code runs: Heroku ({@code HerokuPlatform}), the embedded demo's local platform, or a fake
 * in tests. Every method names the app, so one instance may serve several apps.
 *
 * <p>Methods block until the operation is done (or failed) and throw {@link PlatformException} when it failed.
 */
public interface Platform {

    /**
     * The release serving traffic now, or empty for an app that was never released.
     *
     * @param app the app
     * @return the current release, or empty
     */
    Optional<Release> currentRelease(String app);

    /**
     * Makes the build the running code: Heroku builds the source, runs the release phase and waits for the new
     * release; a local platform switches atomically. Returns only once the new release serves traffic.
     *
     * @param app      the app to release
     * @param build    the build to make live
     * @param progress where to report progress (build output, the platform's operation ids)
     * @return the new release, serving traffic
     * @throws PlatformException when the build or the release failed (the previous release keeps serving)
     */
    Release release(String app, Build build, Progress progress);

    /**
     * Why this platform cannot release {@code build}, asked before any side effect of a deployment (no lock, no
     * maintenance mode, no backup): for example Heroku builds from a source URL, so a build without one cannot be
     * released. The pipeline refuses such a build at once and changes nothing.
     *
     * <p>Default: empty (every build can be released). Never includes the source URL itself (it may carry a token).
     *
     * @param app   the app
     * @param build the build to be released
     * @return empty when {@link #release} can be tried; otherwise one line saying what is missing
     */
    default Optional<String> cannotRelease(String app, Build build) {
        return Optional.empty();
    }

    /**
     * Makes a previous release serve traffic again (Heroku creates a new release that copies {@code target}).
     *
     * @param app      the app
     * @param target   the previous release to serve again
     * @param progress where to report progress
     * @return the release serving traffic afterwards
     */
    Release rollback(String app, Release target, Progress progress);

    /**
     * Switches maintenance mode on (all incoming traffic is turned away with a maintenance page) or off.
     *
     * @param app the app
     * @param on  {@code true} to switch it on, {@code false} to switch it off
     */
    void maintenance(String app, boolean on);

    /**
     * Whether maintenance mode is on.
     *
     * @param app the app
     * @return whether maintenance mode is on
     */
    boolean inMaintenance(String app);

    /**
     * Whether every process of the release is up, asked by the verify step while maintenance mode may still be on
     * (the router then answers 503 to every HTTP request, so an HTTP health check cannot tell). Heroku answers from
     * {@code GET /apps/{app}/dynos}: every web dyno {@code up} on the release. Never throws for an unhealthy answer.
     *
     * <p>Default: healthy, for platforms whose {@link #release} returns only once the release serves.
     *
     * @param app     the app
     * @param release the release whose processes to check
     * @return healthy when every process is up; otherwise unhealthy, saying which are not
     */
    default Health processesUp(String app, Release release) {
        return Health.healthy("release " + release + " is serving");
    }

    /**
     * Runs a command in a one-off process of the release (Heroku: a one-off dyno, {@code POST /apps/{app}/dynos})
     * and waits at most {@code timeout} for it to exit: the verify step's smoke command, run before maintenance mode
     * goes off.
     *
     * @param app      the app
     * @param release  the release to run the command in
     * @param command  the shell command to run
     * @param timeout  the longest wait for it to exit
     * @param progress where to report progress (the one-off process's output)
     * @return healthy when the command exited 0; unhealthy with its exit status and the last lines of its output
     *         (never a secret) when it exited otherwise or did not exit in time
     * @throws UnsupportedOperationException when the platform cannot run one-off commands (the default)
     */
    default Health runCommand(String app, Release release, String command, Duration timeout, Progress progress) {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " cannot run one-off commands");
    }

    /**
     * Waits for a long operation this platform started and reported through {@link Progress#operationStarted} (for
     * example by a {@link #release} whose process then crashed) to settle, and says what it made live. Recovery calls
     * it before rolling back, because an operation that cannot be cancelled (a Heroku build) would otherwise make a
     * release live after the rollback. Heroku: kind {@code build} (waits for the build, then for the release it
     * creates) and {@code release} (waits for its release phase).
     *
     * <p>Default: empty at once, for platforms whose operations cannot outlive the process that started them.
     *
     * @param app      the app
     * @param kind     the kind given to {@code operationStarted}
     * @param id       the id given to {@code operationStarted}
     * @param progress where to report progress while waiting
     * @return the release the operation made live, if it did
     * @throws PlatformException when the platform cannot tell (recovery stops there, to be run again)
     */
    default Optional<Release> awaitOperation(String app, String kind, String id, Progress progress) {
        return Optional.empty();
    }
}
