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

    /** A report without counts. */
    default void report(String message) {
        report(message, -1, -1);
    }

    /** Progress that goes nowhere. */
    static Progress none() {
        return (message, done, total) -> { };
    }
}
