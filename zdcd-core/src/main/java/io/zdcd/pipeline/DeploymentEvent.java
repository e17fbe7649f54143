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

    /** The app deployed. */
    String app();

    /** When it happened. */
    Instant at();

    /** A deployment (or a recovery run by {@code recover()}) started. */
    record DeploymentStarted(String app, Instant at, Build build, DeploymentMode mode) implements DeploymentEvent {
        /** {@code build} and {@code mode} must not be null. */
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

    /** A step started. */
    record StepStarted(String app, Instant at, StepKind step, String subject) implements DeploymentEvent {
        @Override
        public String toString() {
            return app + ": " + step.label() + (subject.isEmpty() ? "" : " " + subject) + " ...";
        }
    }

    /** A long step reports progress (a backup's bytes, a migration's lock retry, a build's output). */
    record StepProgress(String app, Instant at, StepKind step, String subject, String message, long done, long total)
            implements DeploymentEvent {
        @Override
        public String toString() {
            return app + ": " + step.label() + (subject.isEmpty() ? "" : " " + subject) + ": " + message
                    + (total > 0 && done >= 0 ? " (" + done + "/" + total + ")" : "");
        }
    }

    /** A step ended; {@link StepResult#status()} says how. */
    record StepFinished(String app, Instant at, StepResult result) implements DeploymentEvent {
        /** {@code result} must not be null. */
        public StepFinished {
            Objects.requireNonNull(result, "result");
        }

        @Override
        public String toString() {
            return app + ": " + result;
        }
    }

    /** A deployment ended. */
    record DeploymentFinished(String app, Instant at, DeploymentOutcome outcome) implements DeploymentEvent {
        /** {@code outcome} must not be null. */
        public DeploymentFinished {
            Objects.requireNonNull(outcome, "outcome");
        }

        @Override
        public String toString() {
            return outcome.toString();
        }
    }

    /** Elapsed time, for listeners that print. */
    static String format(Duration d) {
        return StepResult.format(d);
    }
}
