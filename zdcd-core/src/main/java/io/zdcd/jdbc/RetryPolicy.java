package io.zdcd.jdbc;

import java.time.Duration;
import java.util.Objects;

/**
 * How a migration runner retries a statement whose lock was not granted within {@code lock_timeout}: exponential
 * backoff with jitter, until a deadline. The pauses and budget of a {@link LockPolicy}, which also holds the lock
 * timeouts; kept so that {@code JdbcMigrationRunner.Builder#retry(RetryPolicy)} works as before.
 *
 * @param initialBackoff the first pause (default 200 ms)
 * @param multiplier     each pause is this many times the last (default 2.0)
 * @param jitter         randomization factor: a pause varies by this fraction either way (default 0.5)
 * @param maxBackoff     no pause is longer (default 10 s)
 * @param deadline       no retry starts after this much time since the first attempt (default 10 min)
 * @deprecated {@link LockPolicy} holds the same pauses and budget and the lock timeouts: use
 *             {@code JdbcMigrationRunner.Builder#lockPolicy(LockPolicy)}. (One name for one thing: the other
 *             {@code RetryPolicy}, {@code io.zdcd.heroku.RetryPolicy}, is about Heroku API calls.)
 */
@Deprecated(since = "0.1", forRemoval = true)
public record RetryPolicy(Duration initialBackoff, double multiplier, double jitter, Duration maxBackoff,
                          Duration deadline) {

    /**
     * Checks the values: backoffs and deadline positive, {@code multiplier} at least 1.0; throws {@link
     * IllegalArgumentException} otherwise.
     *
     * @param initialBackoff the first pause; positive
     * @param multiplier each pause is this many times the last; at least 1.0
     * @param jitter a pause varies by this fraction either way; in [0, 1)
     * @param maxBackoff no pause is longer; at least {@code initialBackoff}
     * @param deadline no retry starts after this much time since the first attempt; zero never retries
     */
    public RetryPolicy {
        Objects.requireNonNull(initialBackoff, "initialBackoff");
        Objects.requireNonNull(maxBackoff, "maxBackoff");
        Objects.requireNonNull(deadline, "deadline");
        if (initialBackoff.isNegative() || initialBackoff.isZero()) {
            throw new IllegalArgumentException("initialBackoff must be > 0, was " + initialBackoff);
        }
        if (multiplier < 1.0) {
            throw new IllegalArgumentException("multiplier must be >= 1, was " + multiplier);
        }
        if (jitter < 0 || jitter >= 1) {
            throw new IllegalArgumentException("jitter must be in [0, 1), was " + jitter);
        }
        if (maxBackoff.compareTo(initialBackoff) < 0) {
            throw new IllegalArgumentException("maxBackoff must be >= initialBackoff, was " + maxBackoff);
        }
        if (deadline.isNegative()) {
            throw new IllegalArgumentException("deadline must be >= 0, was " + deadline);
        }
    }

    /**
     * 200 ms doubling with ±50% jitter, at most 10 s apart, for up to 10 minutes.
     *
     * @return the default policy
     */
    public static RetryPolicy defaults() {
        return new RetryPolicy(Duration.ofMillis(200), 2.0, 0.5, Duration.ofSeconds(10), Duration.ofMinutes(10));
    }

    /**
     * Never retry.
     *
     * @return a policy whose deadline allows no retry
     */
    public static RetryPolicy none() {
        return new RetryPolicy(Duration.ofMillis(1), 1.0, 0, Duration.ofMillis(1), Duration.ZERO);
    }

    /**
     * {@code base} with this policy's pauses and deadline (its lock timeouts unchanged).
     *
     * @param base the policy whose lock timeouts are kept; must not be null
     * @return a lock policy with {@code base}'s lock timeouts and this policy's pauses, jitter and deadline
     */
    public LockPolicy applyTo(LockPolicy base) {
        Duration initial = Duration.ofMillis(Math.max(1, initialBackoff.toMillis()));
        return LockPolicy.from(base).initialBackoff(initial)
                .maxBackoff(Duration.ofMillis(Math.max(initial.toMillis(), maxBackoff.toMillis())))
                .backoffMultiplier(multiplier).jitter(jitter).budget(deadline).build();
    }

    /**
     * This policy with another deadline.
     *
     * @param newDeadline the time since the first attempt after which no retry starts; positive
     * @return a copy of this policy with that deadline
     */
    public RetryPolicy withDeadline(Duration newDeadline) {
        return new RetryPolicy(initialBackoff, multiplier, jitter, maxBackoff, newDeadline);
    }

    /**
     * This policy with other backoff bounds.
     *
     * @param initial the first pause; positive
     * @param max the longest pause; at least {@code initial}
     * @return a copy of this policy with those pauses
     */
    public RetryPolicy withBackoff(Duration initial, Duration max) {
        return new RetryPolicy(initial, multiplier, jitter, max, deadline);
    }
}
