package io.zdcd.heroku;

import java.time.Duration;

/**
 * How zdcd spends the account's Heroku API budget (a token bucket of about 4,500 calls refilled at ~75 a minute,
 * shared by every tool using the account). Every response's {@code RateLimit-Remaining} header is read; once it
 * falls below {@code slowDownBelow}, each further call first waits {@code delayPerCall}, so the budget is not
 * exhausted mid-deploy. {@code minimumToStart} is what {@link HerokuPlatform} requires before it starts a deploy
 * ({@code GET /account/rate-limits}, which is free).
 *
 * <p>The numbers (4500/h, no {@code Retry-After} documented) come from Heroku's Dev Center text and are not
 * verified against the live API: they are configurable for that reason. A {@code Retry-After} header on a 429 is
 * honoured when present.
 *
 * @param slowDownBelow  remaining calls below which each call waits first (0 disables the slow-down)
 * @param delayPerCall   that wait (default 0.8 s = 3600 s / 4500 calls)
 * @param minimumToStart calls that must remain before a deploy starts (0 disables the check)
 * @since 0.1
 */
public record RateLimitPolicy(int slowDownBelow, Duration delayPerCall, int minimumToStart) {

    /** Slow down below 100 remaining by 800 ms a call; require 200 to start. */
    public static final RateLimitPolicy DEFAULT = new RateLimitPolicy(100, Duration.ofMillis(800), 200);

    /**
     * Checks the values; throws {@link IllegalArgumentException} for a negative one.
     *
     * @param slowDownBelow remaining calls below which each call waits first (0 disables the slow-down)
     * @param delayPerCall that wait (default 0.8 s = 3600 s / 4500 calls)
     * @param minimumToStart calls that must remain before a deploy starts (0 disables the check)
     */
    public RateLimitPolicy {
        if (slowDownBelow < 0) {
            throw new IllegalArgumentException("slowDownBelow must be >= 0, was " + slowDownBelow);
        }
        if (minimumToStart < 0) {
            throw new IllegalArgumentException("minimumToStart must be >= 0, was " + minimumToStart);
        }
        RetryPolicy.requirePositiveOrZero(delayPerCall, "delayPerCall");
    }

    /**
     * The default policy.
     *
     * @return {@link #DEFAULT}: slows down below 100 calls left by 0.8 s per call, needs 200 calls to start
     */
    public static RateLimitPolicy defaults() {
        return DEFAULT;
    }

    /**
     * Never slows down and never checks the budget.
     *
     * @return a policy with every value 0
     */
    public static RateLimitPolicy unlimited() {
        return new RateLimitPolicy(0, Duration.ZERO, 0);
    }

    @Override
    public String toString() {
        return "RateLimitPolicy[below " + slowDownBelow + " remaining wait " + Durations.format(delayPerCall)
                + " a call, need " + minimumToStart + " to start]";
    }
}
