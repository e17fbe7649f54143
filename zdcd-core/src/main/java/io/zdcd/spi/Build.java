package io.zdcd.spi;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One build of the application: what a push produced and what a deployment ships.
 *
 * <p>{@code toString()} reads like {@code Build[3f2c1a9 "add email to users"]}.
 *
 * @param version     the build's identity, usually the git commit SHA (never blank)
 * @param sourceUrl   where the platform can fetch the source (Heroku: a tarball URL), if it needs one
 * @param description a one-line description, for example the commit subject (may be empty)
 * @param createdAt   when the build was made (committed or pushed)
 */
public record Build(String version, Optional<String> sourceUrl, String description, Instant createdAt) {
    /**
     * {@code version} must not be null or blank; a null {@code description} becomes empty.
     *
     * @param version     the build's identity, usually the git commit SHA; not null, not blank
     * @param sourceUrl   where the platform can fetch the source; empty (never null) when it needs none
     * @param description a one-line description, for example the commit subject; null or empty when there is none
     * @param createdAt   when the build was made (committed or pushed); not null
     * @throws IllegalArgumentException when {@code version} is blank
     */
    public Build {
        Objects.requireNonNull(version, "version");
        if (version.isBlank()) {
            throw new IllegalArgumentException("version is blank");
        }
        Objects.requireNonNull(sourceUrl, "sourceUrl");
        description = description == null ? "" : description;
        Objects.requireNonNull(createdAt, "createdAt");
    }

    /**
     * A build with only a version, created now.
     *
     * @param version the build's identity, usually the git commit SHA; not null, not blank
     * @return a build with no source URL, an empty description and {@link Instant#now()} as its creation time
     * @throws IllegalArgumentException when {@code version} is blank
     */
    public static Build of(String version) {
        return new Build(version, Optional.empty(), "", Instant.now());
    }

    /**
     * A build with a version and a description, created now.
     *
     * @param version     the build's identity, usually the git commit SHA; not null, not blank
     * @param description a one-line description, for example the commit subject; null becomes empty
     * @return a build with no source URL and {@link Instant#now()} as its creation time
     * @throws IllegalArgumentException when {@code version} is blank
     */
    public static Build of(String version, String description) {
        return new Build(version, Optional.empty(), description, Instant.now());
    }

    /**
     * This build with a source URL (Heroku builds fetch a tarball from it).
     *
     * @param url where the platform can fetch the source, for example a signed tarball URL; not null. It may carry a
     *            token, so {@code toString()} never prints it
     * @return a copy of this build with {@code url} as its source URL; this build is unchanged
     * @throws NullPointerException when {@code url} is null
     */
    public Build withSourceUrl(String url) {
        return new Build(version, Optional.of(url), description, createdAt);
    }

    /**
     * This build with another creation time.
     *
     * @param at when the build was made; not null
     * @return a copy of this build with {@code at} as its creation time; this build is unchanged
     */
    public Build withCreatedAt(Instant at) {
        return new Build(version, sourceUrl, description, at);
    }

    /**
     * The version shortened to 7 characters, as git prints it.
     *
     * @return the first 7 characters when the version is a hexadecimal SHA longer than that, otherwise the whole
     *         version
     */
    public String shortVersion() {
        return version.length() > 7 && version.matches("[0-9a-fA-F]+") ? version.substring(0, 7) : version;
    }

    @Override
    public String toString() {
        // The source URL may carry a signed token: never printed.
        return "Build[" + shortVersion() + (description.isEmpty() ? "" : " \"" + description + "\"") + "]";
    }
}
