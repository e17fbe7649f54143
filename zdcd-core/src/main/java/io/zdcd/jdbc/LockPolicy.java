package io.zdcd.jdbc;

import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * How long a migration statement may wait for a lock, and how it retries when the lock is not granted: the bound on
 * how long live traffic can queue behind a migration.
 *
 * <p>Every attempt runs with a short {@code lock_timeout}: the first {@link #firstLockTimeout()} (default 50 ms), each
 * later one {@link #lockTimeoutMultiplier()} times longer, never longer than {@link #maxLockTimeout()} (default
 * 80 ms). While a statement waits in PostgreSQL's lock queue, every query that needs a conflicting lock on the table
 * waits behind it, so no query waits on zdcd for longer than the lock timeout plus the statement's own run time
 * (about 100 ms for instant DDL such as {@code ADD COLUMN}). When the lock is not granted, the transaction is rolled
 * back (the queue drains at once) and the attempt is retried after a jittered, exponentially growing pause
 * ({@link #initialBackoff()} 100 ms, times {@link #backoffMultiplier()} 1.5, at most {@link #maxBackoff()} 2 s,
 * {@link #jitter()} ±50%), until {@link #budget()} (default 10 min) has passed since the first attempt. There is never
 * a final attempt without a lock timeout: when the budget is spent the migration fails, having changed nothing.
 *
 * <pre>{@code
 * LockPolicy policy = LockPolicy.custom().maxLockTimeout(Duration.ofMillis(200)).budget(Duration.ofMinutes(30)).build();
 * JdbcMigrationRunner.builder(database).lockPolicy(policy).build();
 * }</pre>
 *
 * <p>{@code toString()} reads like
 * {@code LockPolicy[lock_timeout 50ms..80ms (x1.25), backoff 100ms..2000ms (x1.5, ±50%), budget 600s]}.
 */
public final class LockPolicy {
    /** 50 ms. */
    public static final Duration DEFAULT_FIRST_LOCK_TIMEOUT = Duration.ofMillis(50);
    /** 80 ms: with the statement's own run time, no query waits on a migration much longer than 100 ms. */
    public static final Duration DEFAULT_MAX_LOCK_TIMEOUT = Duration.ofMillis(80);
    /** 1.25. */
    public static final double DEFAULT_LOCK_TIMEOUT_MULTIPLIER = 1.25;
    /** 100 ms. */
    public static final Duration DEFAULT_INITIAL_BACKOFF = Duration.ofMillis(100);
    /** 1.5. */
    public static final double DEFAULT_BACKOFF_MULTIPLIER = 1.5;
    /** 2 s. */
    public static final Duration DEFAULT_MAX_BACKOFF = Duration.ofSeconds(2);
    /** 0.5: a pause varies by up to half either way. */
    public static final double DEFAULT_JITTER = 0.5;
    /** 10 minutes. */
    public static final Duration DEFAULT_BUDGET = Duration.ofMinutes(10);

    private static final LockPolicy DEFAULTS = new Builder().build();

    private final Duration firstLockTimeout;
    private final Duration maxLockTimeout;
    private final double lockTimeoutMultiplier;
    private final Duration initialBackoff;
    private final double backoffMultiplier;
    private final Duration maxBackoff;
    private final double jitter;
    private final Duration budget;

    private LockPolicy(Builder b) {
        this.firstLockTimeout = b.firstLockTimeout;
        this.maxLockTimeout = b.maxLockTimeout;
        this.lockTimeoutMultiplier = b.lockTimeoutMultiplier;
        this.initialBackoff = b.initialBackoff;
        this.backoffMultiplier = b.backoffMultiplier;
        this.maxBackoff = b.maxBackoff;
        this.jitter = b.jitter;
        this.budget = b.budget;
    }

    /**
     * The defaults: lock_timeout 50 ms growing to 80 ms, pauses 100 ms to 2 s, for up to 10 minutes.
     *
     * @return the default policy
     */
    public static LockPolicy ofDefaults() {
        return DEFAULTS;
    }

    /**
     * A builder starting from the defaults.
     *
     * @return a new builder holding the default values
     */
    public static Builder custom() {
        return new Builder();
    }

    /**
     * A builder starting from {@code base}.
     *
     * @param base the policy whose values the builder starts with; must not be null
     * @return a new builder holding {@code base}'s values
     */
    public static Builder from(LockPolicy base) {
        return new Builder(Objects.requireNonNull(base, "base"));
    }

    /**
     * One fixed lock timeout for every attempt, the default pauses and budget.
     *
     * @param lockTimeout the {@code lock_timeout} of every attempt, at least 1 ms
     * @return a policy whose first and largest lock timeouts are both {@code lockTimeout}
     */
    public static LockPolicy fixed(Duration lockTimeout) {
        return custom().firstLockTimeout(lockTimeout).maxLockTimeout(lockTimeout).build();
    }

    /**
     * The {@code lock_timeout} of an attempt: {@code first * multiplier^(attempt-1)}, at most the maximum.
     *
     * @param attempt 1 for the first attempt
     * @return the attempt's lock timeout, between the first and the largest lock timeout
     */
    public Duration lockTimeout(int attempt) {
        if (attempt < 1) {
            throw new IllegalArgumentException("attempt must be >= 1, was " + attempt);
        }
        double ms = firstLockTimeout.toMillis() * Math.pow(lockTimeoutMultiplier, Math.min(attempt - 1, 1000));
        return Duration.ofMillis((long) Math.min(ms, maxLockTimeout.toMillis()));
    }

    /**
     * The pause before retry number {@code retry} (1 for the pause after the first attempt), with jitter drawn from
     * {@code random}.
     *
     * @param retry 1 for the pause after the first attempt, 2 after the second, and so on
     * @param random the source of the jitter; must not be null
     * @return the pause, at most the largest pause plus its jitter; never negative
     */
    public Duration backoff(int retry, RandomGenerator random) {
        if (retry < 1) {
            throw new IllegalArgumentException("retry must be >= 1, was " + retry);
        }
        double base = Math.min(initialBackoff.toMillis() * Math.pow(backoffMultiplier, Math.min(retry - 1, 1000)),
                maxBackoff.toMillis());
        double factor = jitter == 0 ? 1 : 1 - jitter + 2 * jitter * random.nextDouble();
        return Duration.ofMillis(Math.max(1, Math.round(base * factor)));
    }

    /**
     * The first attempt's {@code lock_timeout}. (default: 50 ms)
     *
     * @return the first lock timeout
     */
    public Duration firstLockTimeout() {
        return firstLockTimeout;
    }

    /**
     * No attempt waits longer for a lock. (default: 80 ms)
     *
     * @return the largest lock timeout
     */
    public Duration maxLockTimeout() {
        return maxLockTimeout;
    }

    /**
     * Each attempt's lock timeout is this many times the last one's. (default: 1.25)
     *
     * @return the growth factor, at least 1
     */
    public double lockTimeoutMultiplier() {
        return lockTimeoutMultiplier;
    }

    /**
     * The first pause between attempts. (default: 100 ms)
     *
     * @return the first pause
     */
    public Duration initialBackoff() {
        return initialBackoff;
    }

    /**
     * Each pause is this many times the last. (default: 1.5)
     *
     * @return the growth factor, at least 1
     */
    public double backoffMultiplier() {
        return backoffMultiplier;
    }

    /**
     * No pause is longer (before jitter). (default: 2 s)
     *
     * @return the largest pause before jitter
     */
    public Duration maxBackoff() {
        return maxBackoff;
    }

    /**
     * A pause varies randomly by up to this fraction either way. (default: 0.5)
     *
     * @return the jitter fraction, in [0, 1)
     */
    public double jitter() {
        return jitter;
    }

    /**
     * No retry starts after this much time since the first attempt. (default: 10 min)
     *
     * @return the retry budget; zero when a lock timeout is never retried
     */
    public Duration budget() {
        return budget;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LockPolicy p && firstLockTimeout.equals(p.firstLockTimeout)
                && maxLockTimeout.equals(p.maxLockTimeout) && lockTimeoutMultiplier == p.lockTimeoutMultiplier
                && initialBackoff.equals(p.initialBackoff) && backoffMultiplier == p.backoffMultiplier
                && maxBackoff.equals(p.maxBackoff) && jitter == p.jitter && budget.equals(p.budget);
    }

    @Override
    public int hashCode() {
        return Objects.hash(firstLockTimeout, maxLockTimeout, lockTimeoutMultiplier, initialBackoff,
                backoffMultiplier, maxBackoff, jitter, budget);
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "LockPolicy[lock_timeout %dms..%dms (x%s), backoff %dms..%dms (x%s, ±%d%%), "
                        + "budget %ds]", firstLockTimeout.toMillis(), maxLockTimeout.toMillis(),
                trim(lockTimeoutMultiplier), initialBackoff.toMillis(), maxBackoff.toMillis(), trim(backoffMultiplier),
                Math.round(jitter * 100), budget.toSeconds());
    }

    private static String trim(double d) {
        return d == Math.rint(d) ? String.valueOf((long) d) : String.valueOf(d);
    }

    /** Configures a {@link LockPolicy}; every setter checks its argument, {@link #build()} checks combinations. */
    public static final class Builder {
        private Duration firstLockTimeout = DEFAULT_FIRST_LOCK_TIMEOUT;
        private Duration maxLockTimeout = DEFAULT_MAX_LOCK_TIMEOUT;
        private double lockTimeoutMultiplier = DEFAULT_LOCK_TIMEOUT_MULTIPLIER;
        private Duration initialBackoff = DEFAULT_INITIAL_BACKOFF;
        private double backoffMultiplier = DEFAULT_BACKOFF_MULTIPLIER;
        private Duration maxBackoff = DEFAULT_MAX_BACKOFF;
        private double jitter = DEFAULT_JITTER;
        private Duration budget = DEFAULT_BUDGET;

        private Builder() {
        }

        private Builder(LockPolicy p) {
            firstLockTimeout = p.firstLockTimeout;
            maxLockTimeout = p.maxLockTimeout;
            lockTimeoutMultiplier = p.lockTimeoutMultiplier;
            initialBackoff = p.initialBackoff;
            backoffMultiplier = p.backoffMultiplier;
            maxBackoff = p.maxBackoff;
            jitter = p.jitter;
            budget = p.budget;
        }

        /**
         * The first attempt's {@code lock_timeout}, at least 1 ms. (default: 50 ms)
         *
         * @param timeout the first lock timeout, at least 1 ms
         * @return this builder
         */
        public Builder firstLockTimeout(Duration timeout) {
            this.firstLockTimeout = atLeastOneMilli(timeout, "firstLockTimeout");
            return this;
        }

        /**
         * The longest {@code lock_timeout} of any attempt: the bound on traffic waits. (default: 80 ms)
         *
         * @param timeout the largest lock timeout, at least the first one
         * @return this builder
         */
        public Builder maxLockTimeout(Duration timeout) {
            this.maxLockTimeout = atLeastOneMilli(timeout, "maxLockTimeout");
            return this;
        }

        /**
         * How much each attempt's lock timeout grows, at least 1. (default: 1.25)
         *
         * @param multiplier the growth factor of the lock timeout, at least 1 (1: every attempt waits as long)
         * @return this builder
         */
        public Builder lockTimeoutMultiplier(double multiplier) {
            this.lockTimeoutMultiplier = atLeastOne(multiplier, "lockTimeoutMultiplier");
            return this;
        }

        /**
         * The first pause between attempts, at least 1 ms. (default: 100 ms)
         *
         * @param backoff the first pause, at least 1 ms
         * @return this builder
         */
        public Builder initialBackoff(Duration backoff) {
            this.initialBackoff = atLeastOneMilli(backoff, "initialBackoff");
            return this;
        }

        /**
         * How much each pause grows, at least 1. (default: 1.5)
         *
         * @param multiplier the growth factor of the pauses, at least 1 (1: every pause is as long)
         * @return this builder
         */
        public Builder backoffMultiplier(double multiplier) {
            this.backoffMultiplier = atLeastOne(multiplier, "backoffMultiplier");
            return this;
        }

        /**
         * The longest pause (before jitter). (default: 2 s)
         *
         * @param backoff the largest pause before jitter, at least the first pause
         * @return this builder
         */
        public Builder maxBackoff(Duration backoff) {
            this.maxBackoff = atLeastOneMilli(backoff, "maxBackoff");
            return this;
        }

        /**
         * Randomization of each pause, in [0, 1). (default: 0.5)
         *
         * @param fraction how far a pause may vary either way, in [0, 1) (0: no jitter)
         * @return this builder
         */
        public Builder jitter(double fraction) {
            if (!(fraction >= 0 && fraction < 1)) {
                throw new IllegalArgumentException("jitter must be in [0, 1), was " + fraction);
            }
            this.jitter = fraction;
            return this;
        }

        /**
         * No retry starts after this much time since the first attempt; zero means never retry. (default: 10 min)
         *
         * @param budget the time after the first attempt past which no retry starts; zero or positive
         * @return this builder
         */
        public Builder budget(Duration budget) {
            Objects.requireNonNull(budget, "budget");
            if (budget.isNegative()) {
                throw new IllegalArgumentException("budget must be >= 0, was " + budget);
            }
            this.budget = budget;
            return this;
        }

        /**
         * The immutable policy.
         *
         * @return the policy with these values
         * @throws IllegalStateException when the first lock timeout exceeds the maximum, or the first pause the
         *                               longest
         */
        public LockPolicy build() {
            if (firstLockTimeout.compareTo(maxLockTimeout) > 0) {
                throw new IllegalStateException("firstLockTimeout (" + firstLockTimeout.toMillis()
                        + "ms) must not exceed maxLockTimeout (" + maxLockTimeout.toMillis() + "ms)");
            }
            if (initialBackoff.compareTo(maxBackoff) > 0) {
                throw new IllegalStateException("initialBackoff (" + initialBackoff.toMillis()
                        + "ms) must not exceed maxBackoff (" + maxBackoff.toMillis() + "ms)");
            }
            return new LockPolicy(this);
        }

        private static Duration atLeastOneMilli(Duration d, String name) {
            Objects.requireNonNull(d, name);
            if (d.toMillis() < 1) {
                throw new IllegalArgumentException(name + " must be at least 1ms, was " + d);
            }
            return d;
        }

        private static double atLeastOne(double m, String name) {
            if (!(m >= 1) || Double.isInfinite(m)) {
                throw new IllegalArgumentException(name + " must be >= 1, was " + m);
            }
            return m;
        }
    }
}
