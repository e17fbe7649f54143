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
    /** {@code version} must not be null or blank; a null {@code description} becomes empty. */
    public Build {
        Objects.requireNonNull(version, "version");
        if (version.isBlank()) {
            throw new IllegalArgumentException("version is blank");
        }
        Objects.requireNonNull(sourceUrl, "sourceUrl");
        description = description == null ? "" : description;
        Objects.requireNonNull(createdAt, "createdAt");
    }

    /** A build with only a version, created now. */
    public static Build of(String version) {
        return new Build(version, Optional.empty(), "", Instant.now());
    }

    /** A build with a version and a description, created now. */
    public static Build of(String version, String description) {
        return new Build(version, Optional.empty(), description, Instant.now());
    }

    /** This build with a source URL (Heroku builds fetch a tarball from it). */
    public Build withSourceUrl(String url) {
        return new Build(version, Optional.of(url), description, createdAt);
    }

    /** This build with another creation time. */
    public Build withCreatedAt(Instant at) {
        return new Build(version, sourceUrl, description, at);
    }

    /** The version shortened to 7 characters, as git prints it. */
    public String shortVersion() {
        return version.length() > 7 && version.matches("[0-9a-fA-F]+") ? version.substring(0, 7) : version;
    }

    @Override
    public String toString() {
        // The source URL may carry a signed token: never printed.
        return "Build[" + shortVersion() + (description.isEmpty() ? "" : " \"" + description + "\"") + "]";
    }
}
