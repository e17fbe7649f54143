package io.zdcd.heroku;

import io.zdcd.heroku.internal.Redaction;
import java.util.Objects;
import java.util.Optional;

/**
 * A build of an app's source ({@code POST /apps/{app}/builds}). A succeeded build has a slug and, soon after, the
 * release Heroku created from it ({@link #releaseId()}); with a release phase that release starts pending.
 *
 * @param id              the build UUID
 * @param status          pending, succeeded or failed
 * @param sourceUrl       the source tarball URL (may be pre-signed: {@link #toString()} never shows its query)
 * @param sourceVersion   the version given at creation (a commit SHA), may be empty
 * @param slugId          the slug, once built
 * @param releaseId       the release created from it, once Heroku made it
 * @param outputStreamUrl the build log stream
 * @param createdAt       Heroku's timestamp, as sent
 * @since 0.1
 */
public record HerokuBuild(String id, Status status, String sourceUrl, String sourceVersion, Optional<String> slugId,
                          Optional<String> releaseId, Optional<String> outputStreamUrl, String createdAt) {

    /** A build's status; {@code UNKNOWN} for values this version of zdcd does not know. */
    public enum Status {
        /** Building. */
        PENDING,
        /** Built: the slug is ready. */
        SUCCEEDED,
        /** The build failed. */
        FAILED,
        /** A status this version of zdcd does not know. */
        UNKNOWN
    }

    /**
     * {@code id} and the optional components must not be null; a null status becomes {@code UNKNOWN}, null strings
     * empty.
     *
     * @param id the build UUID
     * @param status pending, succeeded or failed
     * @param sourceUrl the source tarball URL (may be pre-signed: {@link #toString()} never shows its query)
     * @param sourceVersion the version given at creation (a commit SHA), may be empty
     * @param slugId the slug, once built
     * @param releaseId the release created from it, once Heroku made it
     * @param outputStreamUrl the build log stream
     * @param createdAt Heroku's timestamp, as sent
     */
    public HerokuBuild {
        Objects.requireNonNull(id, "id");
        status = Objects.requireNonNullElse(status, Status.UNKNOWN);
        sourceUrl = Objects.requireNonNullElse(sourceUrl, "");
        sourceVersion = Objects.requireNonNullElse(sourceVersion, "");
        Objects.requireNonNull(slugId, "slugId");
        Objects.requireNonNull(releaseId, "releaseId");
        Objects.requireNonNull(outputStreamUrl, "outputStreamUrl");
        createdAt = Objects.requireNonNullElse(createdAt, "");
    }

    @Override
    public String toString() {
        return "HerokuBuild[" + id + " " + status.name().toLowerCase(java.util.Locale.ROOT)
                + (sourceVersion.isEmpty() ? "" : " version " + sourceVersion) + " from "
                + Redaction.withoutQuery(sourceUrl) + "]";
    }
}
