package io.zdcd.heroku;

import java.time.Duration;

/**
 * When zdcd stops calling Heroku for a while: once {@code failureRatePercent} of the last {@code windowSize} calls
 * (at least {@code minimumCalls} of them) failed with a {@code 5xx}, a timeout or an I/O error, every call fails
 * fast with {@link HerokuApiException} (error id {@value HerokuApiException#CIRCUIT_OPEN}) for {@code openFor},
 * after which a few trial calls decide whether to close it again. Client errors ({@code 4xx}, including
 * {@code 429}) do not count: they mean Heroku is up.
 *
 * @param failureRatePercent 1 to 100
 * @param windowSize         calls remembered
 * @param minimumCalls       calls needed before the rate is judged
 * @param openFor            how long calls fail fast
 * @since 0.1
 */
public record CircuitBreakerPolicy(int failureRatePercent, int windowSize, int minimumCalls, Duration openFor) {

    /** Open when half of the last 20 calls (at least 10) failed; stay open 30 s. */
    public static final CircuitBreakerPolicy DEFAULT = new CircuitBreakerPolicy(50, 20, 10, Duration.ofSeconds(30));

    /**
     * Checks the values; throws {@link IllegalArgumentException} for one out of range.
     *
     * @param failureRatePercent 1 to 100
     * @param windowSize calls remembered
     * @param minimumCalls calls needed before the rate is judged
     * @param openFor how long calls fail fast
     */
    public CircuitBreakerPolicy {
        if (failureRatePercent < 1 || failureRatePercent > 100) {
            throw new IllegalArgumentException("failureRatePercent must be 1..100, was " + failureRatePercent);
        }
        if (windowSize < 1) {
            throw new IllegalArgumentException("windowSize must be >= 1, was " + windowSize);
        }
        if (minimumCalls < 1 || minimumCalls > windowSize) {
            throw new IllegalArgumentException("minimumCalls must be 1..windowSize, was " + minimumCalls);
        }
        RetryPolicy.requirePositiveOrZero(openFor, "openFor");
        if (openFor.isZero()) {
            throw new IllegalArgumentException("openFor must be positive");
        }
    }

    /**
     * The default policy.
     *
     * @return {@link #DEFAULT}: opens at 50% failures among the last 20 calls (after at least 10), fails fast for 30 s
     */
    public static CircuitBreakerPolicy defaults() {
        return DEFAULT;
    }

    @Override
    public String toString() {
        return "CircuitBreakerPolicy[open at " + failureRatePercent + "% of " + windowSize + " calls (min "
                + minimumCalls + ") for " + Durations.format(openFor) + "]";
    }
}
