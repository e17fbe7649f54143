package io.zdcd.heroku;

import java.time.Duration;

/**
 * How zdcd waits for something Heroku does in the background (a build, a release phase, dynos, a backup or a
 * restore): poll every {@code interval}, give up with {@link HerokuApiException} (error id
 * {@value HerokuApiException#DEADLINE_EXCEEDED}) after {@code deadline}. Heroku's own CLI polls backups every 3 s
 * and dynos every 10 s "to avoid hitting rate limits"; the defaults here stay at or above that.
 *
 * @param interval time between two polls
 * @param deadline the longest the whole wait may take
 * @since 0.1
 */
public record WaitPolicy(Duration interval, Duration deadline) {

    /** Builds: every 10 s, up to 30 min. */
    public static final WaitPolicy BUILD = new WaitPolicy(Duration.ofSeconds(10), Duration.ofMinutes(30));
    /** Release phase: every 5 s, up to 65 min (Heroku stops a release command after 1 h). */
    public static final WaitPolicy RELEASE = new WaitPolicy(Duration.ofSeconds(5), Duration.ofMinutes(65));
    /** Dynos up on a release: every 10 s, up to 10 min. */
    public static final WaitPolicy DYNOS = new WaitPolicy(Duration.ofSeconds(10), Duration.ofMinutes(10));
    /** Backups and restores: every 5 s, up to 2 h. */
    public static final WaitPolicy TRANSFER = new WaitPolicy(Duration.ofSeconds(5), Duration.ofHours(2));

    /**
     * Checks that {@code interval} and {@code deadline} are not negative; throws {@link IllegalArgumentException}
     * otherwise.
     *
     * @param interval time between two polls
     * @param deadline the longest the whole wait may take
     */
    public WaitPolicy {
        RetryPolicy.requirePositiveOrZero(interval, "interval");
        RetryPolicy.requirePositiveOrZero(deadline, "deadline");
    }

    /**
     * A policy that polls every {@code interval}, for up to {@code deadline}.
     *
     * @param interval time between two polls; zero or positive
     * @param deadline the longest the whole wait may take; zero or positive
     * @return the policy
     */
    public static WaitPolicy of(Duration interval, Duration deadline) {
        return new WaitPolicy(interval, deadline);
    }

    @Override
    public String toString() {
        return "WaitPolicy[every " + Durations.format(interval) + ", at most " + Durations.format(deadline) + "]";
    }
}
