package io.zdcd.heroku;

import static io.zdcd.heroku.internal.ApiRequest.path;

import io.zdcd.heroku.internal.Api;
import io.zdcd.heroku.internal.ApiRequest;
import io.zdcd.heroku.internal.ApiTransport;
import io.zdcd.heroku.internal.Dto;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Pipeline promotions: {@link HerokuClient#pipelines()}.
 *
 * @since 0.1
 */
public final class PipelinesApi {
    private final ApiTransport api;

    PipelinesApi(ApiTransport api) {
        this.api = api;
    }

    /**
     * Promotes the source app's current release to the target apps ({@code POST /pipeline-promotions}). A
     * promotion cannot be looked up by what it did, so after a failure without answer it is not repeated
     * ({@link HerokuApiException#OUTCOME_UNKNOWN}).
     *
     * @param pipelineId   the pipeline
     * @param sourceAppId  the app whose release is promoted
     * @param targetAppIds the apps it is promoted to
     * @return the promotion, without its targets
     */
    public HerokuPromotion promote(String pipelineId, String sourceAppId, List<String> targetAppIds) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("pipeline", Map.of("id", pipelineId));
        body.put("source", Map.of("app", Map.of("id", sourceAppId)));
        body.put("targets", targetAppIds.stream().map(id -> Map.of("app", Map.of("id", id))).toList());
        Dto.Promotion p = api.nonIdempotent(ApiRequest.of("POST", Api.PLATFORM, "/pipeline-promotions", body),
                Dto.Promotion.class, null);
        return new HerokuPromotion(p.id(), p.status(), List.of());
    }

    /**
     * {@code GET /pipeline-promotions/{id}} and its targets.
     *
     * @param promotionId the promotion
     * @return the promotion with its targets
     */
    public HerokuPromotion promotion(String promotionId) {
        Dto.Promotion p = api.idempotent(ApiRequest.get(Api.PLATFORM, path("pipeline-promotions", promotionId)),
                Dto.Promotion.class);
        List<HerokuPromotion.Target> targets = api.list(ApiRequest.get(Api.PLATFORM,
                        path("pipeline-promotions", promotionId, "promotion-targets")), Dto.PromotionTarget.class, null,
                1000).stream().map(Dto.PromotionTarget::toTarget).toList();
        return new HerokuPromotion(p.id(), p.status(), targets);
    }

    @Override
    public String toString() {
        return "PipelinesApi";
    }
}
