package io.zdcd.spi;

import java.util.List;
import java.util.Objects;

/**
 * Says whether a fresh release works. The pipeline's verify step asks it repeatedly until it answers healthy or the
 * verify deadline passes ({@code DeploymentPipeline.Builder#verifyTimeout}); an exception counts as unhealthy.
 */
@FunctionalInterface
public interface HealthCheck {

    /**
     * One check of the release now serving the app.
     *
     * @param app     the app
     * @param release the release now serving
     * @return healthy or not, with what was seen
     */
    Health check(String app, Release release);

    /**
     * Healthy as soon as the platform reports the release (the default when no check is configured).
     *
     * @return a check that is always healthy
     */
    static HealthCheck releaseSucceeded() {
        return (app, release) -> Health.healthy("release " + release + " is serving");
    }

    /**
     * Healthy only when every check is (they run in order; the first unhealthy answer is returned).
     *
     * @param checks the checks, none null
     * @return a check combining them
     */
    static HealthCheck allOf(HealthCheck... checks) {
        List<HealthCheck> all = List.of(checks);
        all.forEach(c -> Objects.requireNonNull(c, "check"));
        return (app, release) -> {
            StringBuilder details = new StringBuilder();
            for (HealthCheck c : all) {
                Health h = c.check(app, release);
                if (!h.healthy()) {
                    return h;
                }
                details.append(details.length() == 0 ? "" : "; ").append(h.detail());
            }
            return Health.healthy(details.toString());
        };
    }
}
