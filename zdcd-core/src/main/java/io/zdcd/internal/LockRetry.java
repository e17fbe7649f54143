package io.zdcd.internal;

import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import io.zdcd.jdbc.RetryPolicy;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.function.Predicate;

/** Runs an attempt, retrying lock timeouts with exponential backoff and jitter until the policy's deadline. */
public final class LockRetry {

    /** Told before each pause. */
    @FunctionalInterface
    public interface OnRetry {
        void retrying(int retry, Duration wait, Throwable cause);
    }

    private LockRetry() {
    }

    public static <T> T run(RetryPolicy policy, Predicate<Throwable> isLockTimeout, OnRetry onRetry,
                            Callable<T> attempt) throws Exception {
        long deadline = System.nanoTime() + policy.deadline().toNanos();
        RetryConfig config = RetryConfig.custom()
                .maxAttempts(Integer.MAX_VALUE)
                .intervalFunction(IntervalFunction.ofExponentialRandomBackoff(policy.initialBackoff(),
                        policy.multiplier(), policy.jitter(), policy.maxBackoff()))
                .retryOnException(e -> isLockTimeout.test(e) && System.nanoTime() < deadline)
                .failAfterMaxAttempts(false)
                .build();
        Retry retry = Retry.of("zdcd-lock-retry", config);
        retry.getEventPublisher().onRetry(e -> onRetry.retrying(e.getNumberOfRetryAttempts(), e.getWaitInterval(),
                e.getLastThrowable()));
        return retry.executeCallable(attempt);
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
}
