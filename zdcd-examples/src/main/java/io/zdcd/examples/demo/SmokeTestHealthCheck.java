package io.zdcd.examples.demo;

import io.zdcd.spi.Health;
import io.zdcd.spi.HealthCheck;
import io.zdcd.spi.Release;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Objects;

/**
 * The demo app's health check: runs the released build's own smoke test (its read queries) on a fresh connection,
 * as a release-phase check or a {@code /healthz} endpoint would.
 */
public final class SmokeTestHealthCheck implements HealthCheck {
    private final LocalPlatform platform;
    private final TrafficGenerator.ConnectionSource connections;

    public SmokeTestHealthCheck(LocalPlatform platform, TrafficGenerator.ConnectionSource connections) {
        this.platform = Objects.requireNonNull(platform, "platform");
        this.connections = Objects.requireNonNull(connections, "connections");
    }

    @Override
    public Health check(String app, Release release) {
        AppBuild build = platform.build(release.buildVersion()).orElse(null);
        if (build == null) {
            return Health.unhealthy("release v" + release.version() + " runs an unknown build "
                    + release.buildVersion());
        }
        try (Connection c = connections.open()) {
            build.code().smokeTest(c);
            return Health.healthy("smoke test of " + build.version() + " passed");
        } catch (SQLException e) {
            String m = e.getMessage() == null ? e.toString() : e.getMessage();
            int nl = m.indexOf('\n');
            return Health.unhealthy("smoke test of " + build.version() + " failed: " + (nl < 0 ? m : m.substring(0, nl)));
        }
    }

    @Override
    public String toString() {
        return "SmokeTestHealthCheck[" + platform.app() + "]";
    }
}
