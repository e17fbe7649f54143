package io.zdcd.heroku;

import java.time.Duration;
import java.util.Objects;

/**
 * How zdcd retries a Heroku API call that failed with {@code 429}, a {@code 5xx} or an I/O error: exponential
 * backoff with jitter, capped per wait.
 *
 * <p>Idempotent calls (GET, PUT, DELETE, the absolute PATCHes) are repeated as they are. A non-idempotent POST
 * (build, release, rollback, dyno, backup, restore) is repeated as it is only after a {@code 429} (Heroku did not
 * execute it); after a {@code 5xx} or an I/O error zdcd first checks whether the first attempt took effect and
 * repeats it only if it did not (see {@link HerokuClient}).
 *
 * <pre>{@code
 * RetryPolicy p = RetryPolicy.defaults().withMaxAttempts(8);
 * // RetryPolicy[8 attempts, backoff 1s x2.0 up to 1m, jitter 25%]
 * }</pre>
 *
 * @param maxAttempts    attempts in total, the first included (&gt;= 1)
 * @param initialBackoff the wait before the second attempt
 * @param multiplier     factor applied to the wait after each attempt (&gt;= 1)
 * @param maxBackoff     the longest single wait
 * @param jitter         random fraction (0 to 1) added to or taken from each wait, so clients do not retry in step
 * @since 0.1
 */
public record RetryPolicy(int maxAttempts, Duration initialBackoff, double multiplier, Duration maxBackoff,
                          double jitter) {

    /** 6 attempts, backoff 1 s doubling up to 1 min, 25 % jitter (Heroku's rate limit refills ~75 tokens a minute). */
    public static final RetryPolicy DEFAULT = new RetryPolicy(6, Duration.ofSeconds(1), 2.0, Duration.ofMinutes(1), 0.25);

    /**
     * Checks the values: {@code maxAttempts} at least 1, backoffs not negative, {@code multiplier} at least 1, {@code
     * jitter} between 0 and 1; throws {@link IllegalArgumentException} otherwise.
     *
     * @param maxAttempts attempts in total, the first included (&gt;= 1)
     * @param initialBackoff the wait before the second attempt
     * @param multiplier factor applied to the wait after each attempt (&gt;= 1)
     * @param maxBackoff the longest single wait
     * @param jitter random fraction (0 to 1) added to or taken from each wait, so clients do not retry in step
     */
    public RetryPolicy {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be >= 1, was " + maxAttempts);
        }
        requirePositiveOrZero(initialBackoff, "initialBackoff");
        requirePositiveOrZero(maxBackoff, "maxBackoff");
        if (multiplier < 1.0 || Double.isNaN(multiplier)) {
            throw new IllegalArgumentException("multiplier must be >= 1, was " + multiplier);
        }
        if (jitter < 0 || jitter > 1 || Double.isNaN(jitter)) {
            throw new IllegalArgumentException("jitter must be between 0 and 1, was " + jitter);
        }
    }

    /**
     * {@link #DEFAULT}.
     *
     * @return {@link #DEFAULT}: 6 attempts, waits from 1 s doubling up to 1 min, 25% jitter
     */
    public static RetryPolicy defaults() {
        return DEFAULT;
    }

    /**
     * One attempt, never retried.
     *
     * @return a policy of one attempt
     */
    public static RetryPolicy none() {
        return new RetryPolicy(1, Duration.ZERO, 1.0, Duration.ZERO, 0);
    }

    /**
     * This policy with at most {@code attempts} attempts in all.
     *
     * @param attempts attempts in total, the first included; at least 1
     * @return a copy of this policy with that many attempts
     */
    public RetryPolicy withMaxAttempts(int attempts) {
        return new RetryPolicy(attempts, initialBackoff, multiplier, maxBackoff, jitter);
    }

    /**
     * This policy with a first backoff {@code initial}, multiplied by {@code factor} each attempt, never over {@code
     * max}.
     *
     * @param initial the wait before the second attempt
     * @param factor the growth factor of the wait, at least 1
     * @param max the longest single wait
     * @return a copy of this policy with those waits
     */
    public RetryPolicy withBackoff(Duration initial, double factor, Duration max) {
        return new RetryPolicy(maxAttempts, initial, factor, max, jitter);
    }

    /**
     * This policy with each backoff varied by {@code fraction} either way.
     *
     * @param fraction between 0 and 1 (0: no jitter)
     * @return a copy of this policy with that jitter
     */
    public RetryPolicy withJitter(double fraction) {
        return new RetryPolicy(maxAttempts, initialBackoff, multiplier, maxBackoff, fraction);
    }

    /**
     * The wait before attempt {@code attempt + 1} (attempt counts from 1), without jitter.
     *
     * @param attempt the attempt that failed, from 1
     * @return the wait before jitter, at most {@code maxBackoff}
     */
    public Duration backoffAfter(int attempt) {
        double nanos = initialBackoff.toNanos() * Math.pow(multiplier, Math.max(0, attempt - 1));
        long capped = (long) Math.min(nanos, (double) maxBackoff.toNanos());
        return Duration.ofNanos(capped);
    }

    @Override
    public String toString() {
        return "RetryPolicy[" + maxAttempts + " attempts, backoff " + Durations.format(initialBackoff) + " x"
                + multiplier + " up to " + Durations.format(maxBackoff) + ", jitter " + Math.round(jitter * 100) + "%]";
    }

    static Duration requirePositiveOrZero(Duration d, String name) {
        Objects.requireNonNull(d, name);
        if (d.isNegative()) {
            throw new IllegalArgumentException(name + " must not be negative, was " + d);
        }
        return d;
    }
}
