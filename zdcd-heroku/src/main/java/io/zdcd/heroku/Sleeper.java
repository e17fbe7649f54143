package io.zdcd.heroku;

import java.time.Duration;

/**
 * Waits; zdcd's only way to pause (polling, rate-limit slow-down), so tests can replace it with one that advances a
 * fake clock instead of sleeping.
 *
 * @since 0.1
 */
@FunctionalInterface
public interface Sleeper {

    /**
     * Sleeps for {@code d}; throws {@link HerokuApiException} (interrupted) if the thread is interrupted.
     *
     * @param d how long to sleep; not negative
     */
    void sleep(Duration d);

    /**
     * {@link Thread#sleep(long)}; an interrupt restores the flag and throws.
     *
     * @return a sleeper that blocks the calling thread
     */
    static Sleeper system() {
        return d -> {
            try {
                Thread.sleep(d.toMillis(), (int) (d.toNanos() % 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw HerokuApiException.interrupted(e);
            }
        };
    }
}
