package io.zdcd.examples.demo;

import java.time.Duration;
import io.zdcd.examples.demo.internal.Durations;
import java.util.List;
import java.util.Objects;

/**
 * What live traffic saw during one phase of the demo.
 *
 * <p>{@code toString()} reads like {@code PhaseStats[scene 1: 5012 ok, 0 failed, 0 held back, worst stall 1.03s]}.
 *
 * @param phase        the phase's name
 * @param succeeded    queries that completed
 * @param failed       queries that raised an error (the app would have shown an error page)
 * @param heldBack     requests answered with the maintenance page instead of running a query
 * @param worstStall   the longest time one query took, from being sent to its answer (failed ones included)
 * @param maintenance  how long the phase spent in maintenance mode (the downtime users saw)
 * @param elapsed      how long the phase lasted
 * @param errors       up to five distinct error messages, for the reader
 */
public record PhaseStats(String phase, long succeeded, long failed, long heldBack, Duration worstStall,
                         Duration maintenance, Duration elapsed, List<String> errors) {
    public PhaseStats {
        Objects.requireNonNull(phase, "phase");
        Objects.requireNonNull(worstStall, "worstStall");
        Objects.requireNonNull(maintenance, "maintenance");
        Objects.requireNonNull(elapsed, "elapsed");
        errors = List.copyOf(errors);
    }

    /** Every query sent (successes and failures; maintenance pages are not queries). */
    public long queries() {
        return succeeded + failed;
    }

    @Override
    public String toString() {
        return "PhaseStats[" + phase + ": " + succeeded + " ok, " + failed + " failed, " + heldBack
                + " held back, worst stall " + Durations.seconds(worstStall)
                + (maintenance.isZero() ? "" : ", maintenance " + Durations.seconds(maintenance)) + "]";
    }
}
