package io.zdcd.heroku;

import java.time.Duration;

/**
 * Timeouts of every single HTTP call to Heroku (a whole wait, such as a release phase, has its own deadline in
 * {@link WaitPolicy}). A timed-out call counts as an I/O error: an idempotent one is retried, a non-idempotent one
 * is checked before it is repeated.
 *
 * @param connect establishing the connection
 * @param read    between two reads of the response
 * @param write   between two writes of the request
 * @param call    the whole call, redirects included
 * @since 0.1
 */
public record Timeouts(Duration connect, Duration read, Duration write, Duration call) {

    /** connect 10 s, read 30 s, write 30 s, whole call 60 s. */
    public static final Timeouts DEFAULT = new Timeouts(Duration.ofSeconds(10), Duration.ofSeconds(30),
            Duration.ofSeconds(30), Duration.ofSeconds(60));

    /**
     * Checks that every timeout is positive; throws {@link IllegalArgumentException} otherwise.
     *
     * @param connect establishing the connection
     * @param read between two reads of the response
     * @param write between two writes of the request
     * @param call the whole call, redirects included
     */
    public Timeouts {
        for (Duration d : new Duration[] {connect, read, write, call}) {
            RetryPolicy.requirePositiveOrZero(d, "timeout");
            if (d.isZero()) {
                throw new IllegalArgumentException("timeouts must be positive (zero would mean: wait forever)");
            }
        }
    }

    /**
     * The default timeouts.
     *
     * @return {@link #DEFAULT}: connect 10 s, read and write 30 s, whole call 60 s
     */
    public static Timeouts defaults() {
        return DEFAULT;
    }

    /**
     * The same timeout for everything.
     *
     * @param each the timeout of connect, read, write and the whole call; positive
     * @return timeouts all equal to {@code each}
     */
    public static Timeouts of(Duration each) {
        return new Timeouts(each, each, each, each);
    }

    @Override
    public String toString() {
        return "Timeouts[connect " + Durations.format(connect) + ", read " + Durations.format(read) + ", write "
                + Durations.format(write) + ", call " + Durations.format(call) + "]";
    }
}
