package io.zdcd.internal;

import io.zdcd.pipeline.DeploymentEvent;
import io.zdcd.pipeline.DeploymentListener;
import io.zdcd.pipeline.DeploymentOutcome;
import io.zdcd.spi.Progress;
import io.zdcd.spi.StepKind;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** Delivers events to the listeners; a listener that throws is logged at WARN and ignored. */
final class Events {
    private final String app;
    private final List<DeploymentListener> listeners;
    private final Clock clock;

    Events(String app, List<DeploymentListener> listeners, Clock clock) {
        this.app = app;
        this.listeners = listeners;
        this.clock = clock;
    }

    Instant now() {
        return clock.instant();
    }

    /** The time since {@code t} by the clock (zero if the clock went back). */
    Duration since(Instant t) {
        Duration d = Duration.between(t, now());
        return d.isNegative() ? Duration.ZERO : d;
    }

    void emit(DeploymentEvent event) {
        for (DeploymentListener l : listeners) {
            try {
                l.onEvent(event);
            } catch (RuntimeException e) {
                PipelineEngine.listenerFailed(l, e);
            }
        }
    }

    DeploymentOutcome finish(DeploymentOutcome outcome) {
        emit(new DeploymentEvent.DeploymentFinished(app, now(), outcome));
        return outcome;
    }

    Progress progress(StepKind step, String subject) {
        return (message, done, total) -> emit(new DeploymentEvent.StepProgress(app, now(), step, subject,
                PipelineEngine.oneLine(message), done, total));
    }
}
