package io.zdcd.examples.demo;

import static org.assertj.core.api.BDDAssertions.then;
import static org.assertj.core.api.BDDAssertions.thenThrownBy;

import io.zdcd.spi.Build;
import io.zdcd.spi.PlatformException;
import io.zdcd.spi.Progress;
import io.zdcd.spi.Release;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LocalPlatformTest {
    private final DemoApp app = new DemoApp(1000);

    @Test
    void a_release_switches_the_running_code_at_once_and_numbers_releases_like_heroku() {
        // GIVEN
        LocalPlatform platform = new LocalPlatform("demo", app.v1());
        platform.register(app.v2());
        List<String> reports = new ArrayList<>();
        // WHEN
        Release r = platform.release("demo", Build.of("v2-nicknames"), (m, d, t) -> reports.add(m));
        // THEN
        then(r.version()).isEqualTo(2);
        then(r.buildVersion()).isEqualTo("v2-nicknames");
        then(platform.current().version()).isEqualTo("v2-nicknames");
        then(platform.currentRelease("demo")).contains(r);
        then(reports).containsExactly("switching demo to v2-nicknames");
    }

    @Test
    void a_rollback_runs_the_earlier_build_again_as_a_new_release() {
        // GIVEN
        LocalPlatform platform = new LocalPlatform("demo", app.v1());
        platform.register(app.v2());
        platform.register(app.v3());
        Release v2 = platform.release("demo", Build.of("v2-nicknames"), Progress.none());
        platform.release("demo", Build.of("v3-display-names"), Progress.none());
        // WHEN
        Release back = platform.rollback("demo", v2, Progress.none());
        // THEN
        then(back.version()).isEqualTo(4);
        then(back.description()).isEqualTo("rollback to v2");
        then(platform.current().version()).isEqualTo("v2-nicknames");
        then(platform.releases()).extracting(Release::version).containsExactly(1, 2, 3, 4);
    }

    @Test
    void an_unknown_build_release_or_app_is_refused_and_nothing_changes() {
        LocalPlatform platform = new LocalPlatform("demo", app.v1());
        thenThrownBy(() -> platform.release("demo", Build.of("v9"), Progress.none()))
                .isInstanceOf(PlatformException.class).hasMessageContaining("no build v9");
        thenThrownBy(() -> platform.rollback("demo", Release.of(7, "x"), Progress.none()))
                .isInstanceOf(PlatformException.class).hasMessageContaining("no such release");
        thenThrownBy(() -> platform.maintenance("other", true))
                .isInstanceOf(PlatformException.class).hasMessageContaining("runs only demo");
        then(platform.currentRelease("demo")).hasValueSatisfying(r -> then(r.version()).isEqualTo(1));
        then(platform.inMaintenance()).isFalse();
    }

    @Test
    void maintenance_time_adds_up_the_windows_and_counts_an_open_one() {
        // GIVEN
        MutableClock clock = new MutableClock();
        LocalPlatform platform = new LocalPlatform("demo", app.v1(), clock);
        // WHEN
        platform.maintenance("demo", true);
        clock.advance(Duration.ofSeconds(3));
        platform.maintenance("demo", true);   // already on: nothing changes
        platform.maintenance("demo", false);
        clock.advance(Duration.ofSeconds(10));
        platform.maintenance("demo", true);
        clock.advance(Duration.ofSeconds(2));
        // THEN
        then(platform.inMaintenance("demo")).isTrue();
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
