package io.zdcd.heroku;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A pipeline promotion ({@code POST /pipeline-promotions}) and its targets. A target's {@code succeeded} only means
 * the release was created; the release itself must still pass its release phase.
 *
 * @param id      the promotion UUID
 * @param status  pending or completed
 * @param targets the target apps, when read ({@link PipelinesApi#promotion(String)})
 * @since 0.1
 */
public record HerokuPromotion(String id, String status, List<Target> targets) {
    /**
     * Copies the list; {@code id} must not be null; a null {@code status} becomes empty.
     *
     * @param id the promotion UUID
     * @param status pending or completed
     * @param targets the target apps, when read ({@link PipelinesApi#promotion(String)})
     */
    public HerokuPromotion {
        Objects.requireNonNull(id, "id");
        status = Objects.requireNonNullElse(status, "");
        targets = List.copyOf(targets);
    }

    /**
     * One target app of a promotion.
     *
     * @param appId        the target app
     * @param status       pending, succeeded or failed
     * @param errorMessage Heroku's message when it failed
     * @param releaseId    the release created on the target
     */
    public record Target(String appId, String status, String errorMessage, Optional<String> releaseId) {
        /**
         * {@code releaseId} must not be null; null strings become empty.
         *
         * @param appId the target app
         * @param status pending, succeeded or failed
         * @param errorMessage Heroku's message when it failed
         * @param releaseId the release created on the target
         */
        public Target {
            appId = Objects.requireNonNullElse(appId, "");
            status = Objects.requireNonNullElse(status, "");
            errorMessage = Objects.requireNonNullElse(errorMessage, "");
            Objects.requireNonNull(releaseId, "releaseId");
        }
    }
}
