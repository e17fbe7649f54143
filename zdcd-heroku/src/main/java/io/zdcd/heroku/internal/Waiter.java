package io.zdcd.heroku.internal;

import io.zdcd.heroku.HerokuApiException;
import io.zdcd.heroku.Sleeper;
import io.zdcd.heroku.WaitPolicy;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;

/** Polls until done or the deadline passes, with the injected clock and sleeper (tests never really sleep). */
public final class Waiter {
    private final Clock clock;
    private final Sleeper sleeper;

    public Waiter(Clock clock, Sleeper sleeper) {
        this.clock = clock;
        this.sleeper = sleeper;
    }

    /**
     * Polls {@code poll} until {@code done}; {@code seen} gets every polled value.
     *
     * @throws HerokuApiException {@link HerokuApiException#DEADLINE_EXCEEDED} naming {@code what} and the last value
     */
    public <T> T until(String what, String method, String path, WaitPolicy policy, Supplier<T> poll,
                       Predicate<T> done, Consumer<T> seen) {
        Instant deadline = clock.instant().plus(policy.deadline());
        while (true) {
            T value = poll.get();
            seen.accept(value);
            if (done.test(value)) {
                return value;
            }
            Instant now = clock.instant();
            if (!now.isBefore(deadline)) {
                throw new HerokuApiException(0, HerokuApiException.DEADLINE_EXCEEDED,
                        "gave up waiting for " + what + " after " + policy.deadline().toSeconds() + " s; last seen: "
                                + value, "", method, path, null);
            }
            Duration left = Duration.between(now, deadline);
            sleeper.sleep(left.compareTo(policy.interval()) < 0 ? left : policy.interval());
        }
    }

    /** A {@code seen} for {@link #until}: hands a polled value to {@code changed} only when its {@code key} changed. */
    public static <T> Consumer<T> onChange(Function<T, ?> key, Consumer<T> changed) {
        Object[] last = {new Object()};
        return value -> {
            Object k = key.apply(value);
            if (!Objects.equals(k, last[0])) {
                last[0] = k;
                changed.accept(value);
            }
        };
    }
}
