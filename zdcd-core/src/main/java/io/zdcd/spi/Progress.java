package io.zdcd.spi;

/**
 * Progress of a long operation (a build, a backup, a restore, a migration's retries), reported by a port to the
 * pipeline, which turns each report into a {@link io.zdcd.pipeline.DeploymentEvent.StepProgress} event.
 *
 * <p>Calls must be cheap; an implementation never throws (the pipeline's does not).
 */
@FunctionalInterface
public interface Progress {

    /**
     * One report.
     *
     * @param message what is happening now, for people (never a secret)
     * @param done    units done so far (bytes, rows, percent...), or -1 when unknown
     * @param total   units in all, or -1 when unknown
     */
    void report(String message, long done, long total);

    /**
     * A report without counts.
     *
     * @param message what is happening now, for people (never a secret)
     */
    default void report(String message) {
        report(message, -1, -1);
    }

    /**
     * The port started a long platform operation that must be found again after a crash (Heroku: a build id, a
     * release id, a backup or restore transfer id), as soon as the platform returned its id and before waiting for
     * it. The pipeline's implementation journals it before this returns, so {@code recover()} can wait for the
     * operation to settle. Default: nothing.
     *
     * @param kind what it is, for example {@code build}, {@code release}, {@code transfer}
     * @param id   the platform's id for it (never a secret)
     */
    default void operationStarted(String kind, String id) {
    }

    /**
     * Progress that goes nowhere.
     *
     * @return progress that ignores every report
     */
    static Progress none() {
        return (message, done, total) -> { };
    }
}
