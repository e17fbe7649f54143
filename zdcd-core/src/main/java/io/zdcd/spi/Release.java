package io.zdcd.spi;

import java.time.Instant;
import java.util.Objects;

/**
 * A release: one version of the code running on the platform (Heroku: {@code v42}).
 *
 * <p>{@code toString()} reads like {@code Release[v42 build 3f2c1a9]}.
 *
 * @param version      the platform's release number, increasing (Heroku's release version)
 * @param buildVersion the {@link Build#version()} it runs, or empty when the platform does not know it
 * @param description  the platform's description of the release (may be empty)
 * @param createdAt    when the release was made
 */
public record Release(int version, String buildVersion, String description, Instant createdAt) {
    /**
     * {@code createdAt} must not be null; a null {@code buildVersion} or {@code description} becomes empty.
     *
     * @param version      the platform's release number, increasing with each release (Heroku: 42 for {@code v42})
     * @param buildVersion the {@link Build#version()} it runs; null or empty when the platform does not know it
     * @param description  the platform's description of the release; null or empty when there is none
     * @param createdAt    when the release was made; not null
     */
    public Release {
        buildVersion = buildVersion == null ? "" : buildVersion;
        description = description == null ? "" : description;
        Objects.requireNonNull(createdAt, "createdAt");
    }

    /**
     * A release of a build, made now.
     *
     * @param version      the platform's release number
     * @param buildVersion the {@link Build#version()} it runs; null or empty when not known
     * @return a release with an empty description and {@link Instant#now()} as its creation time
     */
    public static Release of(int version, String buildVersion) {
        return new Release(version, buildVersion, "", Instant.now());
    }

    @Override
    public String toString() {
        return "Release[v" + version + (buildVersion.isEmpty() ? "" : " build " + shortBuild()) + "]";
    }

    private String shortBuild() {
        return buildVersion.length() > 7 && buildVersion.matches("[0-9a-fA-F]+") ? buildVersion.substring(0, 7)
                : buildVersion;
    }
}
