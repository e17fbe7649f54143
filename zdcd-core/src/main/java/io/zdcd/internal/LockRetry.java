package io.zdcd.internal;

import io.zdcd.jdbc.LockPolicy;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Predicate;

/**
 * Runs an attempt with the lock timeout of a {@link LockPolicy}'s ramp, retrying lock timeouts after jittered,
 * growing pauses until the policy's budget is spent. There is never an attempt without a lock timeout.
 */
public final class LockRetry {

    /** One attempt, told its number (1 for the first) and the {@code lock_timeout} it must run with. */
    @FunctionalInterface
    public interface Attempt<T> {
        T run(int attempt, Duration lockTimeout) throws Exception;
    }

    /** Told before each pause. */
    @FunctionalInterface
    public interface OnRetry {
        /**
         * @param retry       1 for the first retry
         * @param lockTimeout the lock timeout the failed attempt ran with
         * @param wait        the pause before the next attempt
         * @param cause       what the failed attempt threw
         */
        void retrying(int retry, Duration lockTimeout, Duration wait, Throwable cause);
    }

    private LockRetry() {
    }

    public static <T> T run(LockPolicy policy, Predicate<Throwable> isLockTimeout, OnRetry onRetry,
                            Attempt<T> attempt) throws Exception {
        long start = System.nanoTime();
        long budget = policy.budget().toNanos();
        for (int n = 1; ; n++) {
            Duration lockTimeout = policy.lockTimeout(n);
            try {
                return attempt.run(n, lockTimeout);
            } catch (Exception e) {
                if (!isLockTimeout.test(e)) {
                    throw e;
                }
                Duration pause = policy.backoff(n, ThreadLocalRandom.current());
                if (System.nanoTime() - start + pause.toNanos() > budget) {
                    throw e;
                }
                onRetry.retrying(n, lockTimeout, pause, e);
                try {
                    Thread.sleep(pause.toMillis());
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    e.addSuppressed(ie);
                    throw e;
                }
            }
        }
    }

    /** Whether the throwable (or a cause) is PostgreSQL's {@code 55P03 lock_not_available}. */
    public static boolean isLockTimeout(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof java.sql.SQLException s && "55P03".equals(s.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    /** {@code SET lock_timeout = '<ms>ms'}. */
    public static String setLockTimeout(Duration lockTimeout) {
        return "SET lock_timeout = '" + lockTimeout.toMillis() + "ms'";
    }
}
