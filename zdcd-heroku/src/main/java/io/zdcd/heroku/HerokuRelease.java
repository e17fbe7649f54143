package io.zdcd.heroku;

import java.util.Objects;
import java.util.Optional;

/**
 * One release of an app ({@code GET /apps/{app}/releases/{version}}).
 *
 * <p>{@code eligibleForRollback} was added to the API with the Fir generation; when Heroku does not send it zdcd
 * assumes a succeeded release is eligible (heroku-api.md §13.3: unverified).
 *
 * @param id                  the release UUID (what a rollback names)
 * @param version             {@code vNN}
 * @param status              pending while the release phase runs, then succeeded or failed
 * @param current             whether this is the app's current release
 * @param eligibleForRollback whether Heroku allows rolling back to it
 * @param description         Heroku's description ("Deploy 1a2b3c4", "Rollback to v41")
 * @param slugId              the slug, for Cedar apps
 * @param outputStreamUrl     where the release command's output is streamed
 * @param createdAt           Heroku's timestamp, as sent
 * @since 0.1
 */
public record HerokuRelease(String id, int version, Status status, boolean current, boolean eligibleForRollback,
                            String description, Optional<String> slugId, Optional<String> outputStreamUrl,
                            String createdAt) {

    /** A release's status; {@code UNKNOWN} for values this version of zdcd does not know. */
    public enum Status {
        /** The release phase is running. */
        PENDING,
        /** The release is done. */
        SUCCEEDED,
        /** The release phase failed. */
        FAILED,
        /** Heroku reports the release as expired: it will not complete. */
        EXPIRED,
        /** A status this version of zdcd does not know. */
        UNKNOWN
    }

    /**
     * {@code id} and the optional components must not be null; a null status becomes {@code UNKNOWN}, null strings
     * empty.
     *
     * @param id the release UUID (what a rollback names)
     * @param version {@code vNN}
     * @param status pending while the release phase runs, then succeeded or failed
     * @param current whether this is the app's current release
     * @param eligibleForRollback whether Heroku allows rolling back to it
     * @param description Heroku's description ("Deploy 1a2b3c4", "Rollback to v41")
     * @param slugId the slug, for Cedar apps
     * @param outputStreamUrl where the release command's output is streamed
     * @param createdAt Heroku's timestamp, as sent
     */
    public HerokuRelease {
        Objects.requireNonNull(id, "id");
        status = Objects.requireNonNullElse(status, Status.UNKNOWN);
        description = Objects.requireNonNullElse(description, "");
        Objects.requireNonNull(slugId, "slugId");
        Objects.requireNonNull(outputStreamUrl, "outputStreamUrl");
        createdAt = Objects.requireNonNullElse(createdAt, "");
    }

    @Override
    public String toString() {
        return "HerokuRelease[v" + version + " " + status.name().toLowerCase(java.util.Locale.ROOT)
                + (current ? ", current" : "") + (description.isEmpty() ? "" : ", \"" + description + "\"") + "]";
    }
}
