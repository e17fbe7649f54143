package io.zdcd.examples.demo;

import static org.assertj.core.api.BDDAssertions.then;
import static org.assertj.core.api.BDDAssertions.thenThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class LocalPlatformTest {
    private final DemoApp app = new DemoApp(1000);

    @Test
    void a_release_switches_the_running_code_at_once_and_numbers_releases_like_heroku() {
        // GIVEN
        LocalPlatform platform = new LocalPlatform("demo", app.v1());
        platform.register(app.v2());
        // WHEN
        LocalPlatform.LocalRelease r = platform.release("v2-nicknames");
        // THEN
        then(r.number()).isEqualTo(2);
        then(platform.current().version()).isEqualTo("v2-nicknames");
        then(platform.currentRelease()).isEqualTo(r);
    }

    @Test
    void a_rollback_runs_the_earlier_build_again_as_a_new_release() {
        // GIVEN
        LocalPlatform platform = new LocalPlatform("demo", app.v1());
        platform.register(app.v2());
        platform.register(app.v3());
        platform.release("v2-nicknames");
        platform.release("v3-display-names");
        // WHEN
        LocalPlatform.LocalRelease back = platform.rollback(2);
        // THEN
        then(back.number()).isEqualTo(4);
        then(back.description()).isEqualTo("rollback to v2");
        then(platform.current().version()).isEqualTo("v2-nicknames");
        then(platform.releases()).extracting(LocalPlatform.LocalRelease::number).containsExactly(1, 2, 3, 4);
    }

    @Test
    void an_unknown_build_or_release_is_refused_and_nothing_changes() {
        LocalPlatform platform = new LocalPlatform("demo", app.v1());
        thenThrownBy(() -> platform.release("v9")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no build v9");
        thenThrownBy(() -> platform.rollback(7)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no release v7");
        then(platform.currentRelease().number()).isEqualTo(1);
    }

    @Test
    void maintenance_time_adds_up_the_windows_and_counts_an_open_one() {
        // GIVEN
        MutableClock clock = new MutableClock();
        LocalPlatform platform = new LocalPlatform("demo", app.v1(), clock);
        // WHEN
        platform.maintenance(true);
        clock.advance(Duration.ofSeconds(3));
        platform.maintenance(true);   // already on: nothing changes
        platform.maintenance(false);
        clock.advance(Duration.ofSeconds(10));
        platform.maintenance(true);
        clock.advance(Duration.ofSeconds(2));
        // THEN
        then(platform.inMaintenance()).isTrue();
        then(platform.maintenanceTime()).isEqualTo(Duration.ofSeconds(5));
    }

    private static final class MutableClock extends Clock {
        private Instant now = Instant.parse("2026-01-01T00:00:00Z");

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
