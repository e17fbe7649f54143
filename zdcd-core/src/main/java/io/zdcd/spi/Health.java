package io.zdcd.spi;

import java.util.Objects;

/**
 * The answer of a {@link HealthCheck}.
 *
 * @param healthy whether the release is fit to serve traffic
 * @param detail  why, for people (for example {@code "GET /healthz: 503"}); never a secret
 */
public record Health(boolean healthy, String detail) {
    /**
     * {@code detail} must not be null.
     *
     * @param healthy whether the release is fit to serve traffic
     * @param detail  why, for people, in one line; may be empty but not null; never a secret
     */
    public Health {
        Objects.requireNonNull(detail, "detail");
    }

    /**
     * Healthy, with what was seen.
     *
     * @param detail what was seen (one line, may be empty)
     * @return a healthy answer
     */
    public static Health healthy(String detail) {
        return new Health(true, detail);
    }

    /**
     * Unhealthy, with what was seen.
     *
     * @param detail what was seen (one line, may be empty)
     * @return an unhealthy answer
     */
    public static Health unhealthy(String detail) {
        return new Health(false, detail);
    }

    @Override
    public String toString() {
        return (healthy ? "healthy" : "unhealthy") + (detail.isEmpty() ? "" : ": " + detail);
    }
}
