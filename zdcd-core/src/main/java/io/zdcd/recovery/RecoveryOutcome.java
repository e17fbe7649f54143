package io.zdcd.recovery;

import io.zdcd.pipeline.StepResult;
import java.util.List;
import java.util.Objects;

/**
 * What executing a {@link RecoveryPlan} achieved.
 *
 * @param status    recovered, stopped for consent, or failed
 * @param steps     the recovery steps that ran, with their timings
 * @param remaining what is left to do (empty when recovered)
 * @param reason    why it stopped or failed (empty when recovered)
 */
public record RecoveryOutcome(Status status, List<StepResult> steps, RecoveryPlan remaining, String reason) {

    /** How recovery ended. */
    public enum Status {
        /** Every step was done. */
        RECOVERED,
        /** Nothing was done: the plan restores the database with loss of writes and carries no consent. */
        NEEDS_CONSENT,
        /** A step failed; {@link #remaining()} lists what is left, starting with the failed step. */
        FAILED
    }

    /**
     * Copies the list; {@code status} and {@code remaining} must not be null; a null {@code reason} becomes empty.
     *
     * @param status how recovery ended; must not be null
     * @param steps the recovery steps that ran, with their timings, in order; copied
     * @param remaining what is left to do (a plan without steps when recovered); must not be null
     * @param reason why it stopped or failed; null or empty when recovered
     */
    public RecoveryOutcome {
        Objects.requireNonNull(status, "status");
        steps = List.copyOf(steps);
        Objects.requireNonNull(remaining, "remaining");
        reason = reason == null ? "" : reason;
    }

    /**
     * Whether every step was done.
     *
     * @return true when the status is {@link Status#RECOVERED}
     */
    public boolean isRecovered() {
        return status == Status.RECOVERED;
    }

    @Override
    public String toString() {
        return "RecoveryOutcome[" + status + (reason.isEmpty() ? "" : ": " + reason) + ", " + steps.size()
                + " steps run" + (remaining.steps().isEmpty() ? "" : ", left: " + remaining.summary()) + "]";
    }
}
