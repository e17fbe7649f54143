package io.zdcd.pipeline;

import io.zdcd.spi.Build;
import io.zdcd.spi.DeploymentMode;
import io.zdcd.spi.StepKind;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * Something that happened during a deployment, delivered to every {@link DeploymentListener}. Events are immutable,
 * and each {@code toString()} reads as a log sentence. None contains a secret.
 */
public sealed interface DeploymentEvent {

    /**
     * The app deployed.
     *
     * @return the platform's name of the app the deployment is for
     */
    String app();

    /**
     * When it happened.
     *
     * @return the instant the pipeline's clock read when it emitted the event
     */
    Instant at();

    /**
     * A deployment (or a recovery run by {@code recover()}) started.
     *
     * @param app   the app deployed
     * @param at    when it started
     * @param build the build it ships (for a recovery, the build of the deployment recovered)
     * @param mode  continuous or nightly
     */
    record DeploymentStarted(String app, Instant at, Build build, DeploymentMode mode) implements DeploymentEvent {
        /**
         * {@code build} and {@code mode} must not be null.
         *
         * @param app   the app deployed
         * @param at    when it started
         * @param build the build it ships; not null
         * @param mode  continuous or nightly; not null
         */
        public DeploymentStarted {
            Objects.requireNonNull(build, "build");
            Objects.requireNonNull(mode, "mode");
        }

        @Override
        public String toString() {
            return app + ": " + mode.name().toLowerCase(java.util.Locale.ROOT) + " deployment of " + build
                    + " started";
        }
    }

    /**
     * A step started.
     *
     * @param app     the app deployed
     * @param at      when the step started
     * @param step    which step
     * @param subject what it acts on (a migration name, a release, a backup id); empty, not null, when nothing in
     *                particular
     */
    record StepStarted(String app, Instant at, StepKind step, String subject) implements DeploymentEvent {
        @Override
        public String toString() {
            return app + ": " + step.label() + (subject.isEmpty() ? "" : " " + subject) + " ...";
        }
    }

    /**
     * A long step reports progress (a backup's bytes, a migration's lock retry, a build's output).
     *
     * @param app     the app deployed
     * @param at      when the progress was reported
     * @param step    the step running
     * @param subject what it acts on; empty, not null, when nothing in particular
     * @param message what is happening now, for people (never a secret)
     * @param done    units done so far (bytes, rows, percent...), or -1 when unknown
     * @param total   units in all, or -1 when unknown; {@code toString()} shows {@code (done/total)} only when both
     *                are known
     * @see io.zdcd.spi.Progress#report(String, long, long)
     */
    record StepProgress(String app, Instant at, StepKind step, String subject, String message, long done, long total)
            implements DeploymentEvent {
        @Override
        public String toString() {
            return app + ": " + step.label() + (subject.isEmpty() ? "" : " " + subject) + ": " + message
                    + (total > 0 && done >= 0 ? " (" + done + "/" + total + ")" : "");
        }
    }

    /**
     * A step ended; {@link StepResult#status()} says how.
     *
     * @param app    the app deployed
     * @param at     when the step ended
     * @param result the step, how it went and how long it took
     */
    record StepFinished(String app, Instant at, StepResult result) implements DeploymentEvent {
        /**
         * {@code result} must not be null.
         *
         * @param app    the app deployed
         * @param at     when the step ended
         * @param result the step, how it went and how long it took; not null
         */
        public StepFinished {
            Objects.requireNonNull(result, "result");
        }

        @Override
        public String toString() {
            return app + ": " + result;
        }
    }

    /**
     * A deployment ended.
     *
     * @param app     the app deployed
     * @param at      when it ended
     * @param outcome how it ended, with every step; {@code toString()} is the outcome's
     */
    record DeploymentFinished(String app, Instant at, DeploymentOutcome outcome) implements DeploymentEvent {
        /**
         * {@code outcome} must not be null.
         *
         * @param app     the app deployed
         * @param at      when it ended
         * @param outcome how it ended; not null
         */
        public DeploymentFinished {
            Objects.requireNonNull(outcome, "outcome");
        }

        @Override
        public String toString() {
            return outcome.toString();
        }
    }

    /**
     * Elapsed time, for listeners that print.
     *
     * @param d the time to format; not null
     * @return whole milliseconds below one second ({@code 87ms}), otherwise seconds with one decimal ({@code 1.3s})
     */
    static String format(Duration d) {
        return StepResult.format(d);
    }
}
