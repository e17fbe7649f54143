package io.zdcd.jdbc;

import static org.assertj.core.api.BDDAssertions.catchThrowable;
import static org.assertj.core.api.BDDAssertions.then;

import java.time.Duration;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

class LockPolicyTest {

    @Test
    void the_default_ramp_starts_at_50_ms_and_never_exceeds_80_ms() {
        LockPolicy p = LockPolicy.ofDefaults();

        then(p.lockTimeout(1)).isEqualTo(Duration.ofMillis(50));
        then(p.lockTimeout(2)).isEqualTo(Duration.ofMillis(62));
        then(p.lockTimeout(3)).isEqualTo(Duration.ofMillis(78));
        for (int attempt = 1; attempt < 10_000; attempt += 97) {
            then(p.lockTimeout(attempt)).isLessThanOrEqualTo(Duration.ofMillis(80));
        }
        then(p.budget()).isEqualTo(Duration.ofMinutes(10));
        then(p).hasToString("LockPolicy[lock_timeout 50ms..80ms (x1.25), backoff 100ms..2000ms (x1.5, ±50%), "
                + "budget 600s]");
    }

    @Test
    void pauses_grow_are_jittered_within_bounds_and_capped() {
        LockPolicy p = LockPolicy.ofDefaults();
        RandomGenerator random = new SplittableRandom(42);
        for (int i = 0; i < 1000; i++) {
            then(p.backoff(1, random).toMillis()).isBetween(50L, 150L);
            then(p.backoff(50, random).toMillis()).isBetween(1000L, 3000L);
        }
        then(LockPolicy.custom().jitter(0).build().backoff(2, random)).isEqualTo(Duration.ofMillis(150));
    }

    @Test
    void builder_checks_each_argument_and_the_combination() {
        then(catchThrowable(() -> LockPolicy.custom().firstLockTimeout(Duration.ZERO)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("firstLockTimeout");
        then(catchThrowable(() -> LockPolicy.custom().jitter(1.0))).isInstanceOf(IllegalArgumentException.class);
        then(catchThrowable(() -> LockPolicy.custom().lockTimeoutMultiplier(0.5)))
                .isInstanceOf(IllegalArgumentException.class);
        then(catchThrowable(() -> LockPolicy.custom().budget(Duration.ofSeconds(-1))))
                .isInstanceOf(IllegalArgumentException.class);
        then(catchThrowable(() -> LockPolicy.custom().firstLockTimeout(Duration.ofSeconds(1)).build()))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("maxLockTimeout (80ms)");
    }

    @Test
    void from_copies_a_policy_and_fixed_pins_the_timeout() {
        LockPolicy custom = LockPolicy.custom().maxLockTimeout(Duration.ofMillis(200)).budget(Duration.ofSeconds(30))
                .build();
        then(LockPolicy.from(custom).build()).isEqualTo(custom);
        LockPolicy fixed = LockPolicy.fixed(Duration.ofMillis(300));
        then(fixed.lockTimeout(1)).isEqualTo(Duration.ofMillis(300));
        then(fixed.lockTimeout(9)).isEqualTo(Duration.ofMillis(300));
    }

    @Test
    @SuppressWarnings("removal")
    void a_retry_policy_sets_the_pauses_and_budget_but_keeps_the_lock_timeouts() {
        LockPolicy p = RetryPolicy.defaults().withDeadline(Duration.ofSeconds(5)).applyTo(LockPolicy.ofDefaults());

        then(p.budget()).isEqualTo(Duration.ofSeconds(5));
        then(p.initialBackoff()).isEqualTo(Duration.ofMillis(200));
        then(p.maxLockTimeout()).isEqualTo(Duration.ofMillis(80));
    }
}
