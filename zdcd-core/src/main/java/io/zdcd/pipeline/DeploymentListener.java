package io.zdcd.pipeline;

import java.io.PrintStream;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Receives every {@link DeploymentEvent} of a pipeline. Called on the deploying thread, in order.
 *
 * <p>Rules (after OkHttp's {@code EventListener}): be fast, do no blocking I/O, never call back into the pipeline.
 * A listener that throws is logged at WARN and ignored: a listener can never abort or change a deployment.
 */
@FunctionalInterface
public interface DeploymentListener {

    /**
     * Called for each event, in order; a {@link RuntimeException} it throws is logged and does not stop the deployment.
     *
     * @param event what happened; never null. Switch on its type (the interface is sealed) for the details
     */
    void onEvent(DeploymentEvent event);

    /**
     * One SLF4J line per event (logger {@code io.zdcd.pipeline}): INFO, WARN for failures.
     *
     * @return a listener that logs each event's {@code toString()}: at WARN a failed step and a deployment that
     *         ended neither successfully nor deferred, at INFO everything else
     */
    static DeploymentListener logging() {
        Logger log = LoggerFactory.getLogger("io.zdcd.pipeline");
        return event -> {
            boolean bad = event instanceof DeploymentEvent.StepFinished f
                    && f.result().status() == StepResult.Status.FAILED
                    || event instanceof DeploymentEvent.DeploymentFinished d && !d.outcome().isSuccess()
                    && d.outcome().status() != DeploymentOutcome.Status.DEFERRED;
            if (bad) {
                log.warn("{}", event);
            } else {
                log.info("{}", event);
            }
        };
    }

    /**
     * One line per event on {@code out}, prefixed with the UTC time, for people (jshell, command lines).
     *
     * @param out where to print, for example {@code System.out}; flushed after each line; not closed
     * @return a listener printing {@code HH:mm:ss  <event>} lines
     */
    static DeploymentListener printing(PrintStream out) {
        DateTimeFormatter time = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneOffset.UTC);
        return event -> {
            out.println(time.format(event.at()) + "  " + event);
            out.flush();
        };
    }
}
