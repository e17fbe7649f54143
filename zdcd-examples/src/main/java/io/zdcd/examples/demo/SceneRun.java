package io.zdcd.examples.demo;

import java.time.Duration;
import io.zdcd.examples.demo.internal.Durations;
import java.util.Objects;

/**
 * One run of a scene, by zdcd or the naive way: what happened and what traffic saw.
 *
 * @param outcome       what happened, in a few words ({@code deployed}, {@code deferred}, {@code rolled back}...)
 * @param downtime      time the app spent in maintenance mode
 * @param queries       queries traffic sent during the scene
 * @param failedQueries queries that failed
 * @param worstStall    the longest time one query waited
 * @param rowsLost      rows whose insert the app saw commit and that are gone at the end of the scene
 * @param note          one line for the reader (what stalled, which error), may be empty
 */
public record SceneRun(String outcome, Duration downtime, long queries, long failedQueries, Duration worstStall,
                       long rowsLost, String note) {
    public SceneRun {
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(downtime, "downtime");
        Objects.requireNonNull(worstStall, "worstStall");
        Objects.requireNonNull(note, "note");
    }

    /** A run built from what the traffic saw during it. */
    public static SceneRun of(String outcome, PhaseStats stats, long rowsLost, String note) {
        return new SceneRun(outcome, stats.maintenance(), stats.queries(), stats.failed(), stats.worstStall(),
                rowsLost, note);
    }

    @Override
    public String toString() {
        return outcome + ": downtime " + Durations.seconds(downtime) + ", " + failedQueries + " of " + queries
                + " queries failed, worst stall " + Durations.seconds(worstStall) + ", " + rowsLost + " rows lost";
    }
}
