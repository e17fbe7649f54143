package io.zdcd.heroku;

import static io.zdcd.heroku.internal.ApiRequest.path;

import com.fasterxml.jackson.databind.JavaType;
import io.zdcd.heroku.internal.Api;
import io.zdcd.heroku.internal.ApiRequest;
import io.zdcd.heroku.internal.ApiTransport;
import io.zdcd.heroku.internal.Dto;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The formation (process types and their quantities): {@link HerokuClient#formation()}.
 *
 * @since 0.1
 */
public final class FormationApi {
    private final ApiTransport api;

    FormationApi(ApiTransport api) {
        this.api = api;
    }

    /**
     * {@code GET /apps/{app}/formation}.
     *
     * @param app the app
     * @return one entry per process type
     */
    public List<HerokuFormation> list(String app) {
        return read(api.idempotent(ApiRequest.get(Api.PLATFORM, path("apps", app, "formation")), listType()));
    }

    /**
     * Sets absolute quantities ({@code PATCH /apps/{app}/formation {"updates": [...]}}, idempotent).
     *
     * @param app        the app
     * @param quantities the quantity per process type
     * @return the formation as Heroku returns it
     */
    public List<HerokuFormation> scale(String app, Map<String, Integer> quantities) {
        List<Map<String, Object>> updates = new ArrayList<>();
        new TreeMap<>(quantities).forEach((type, q) -> updates.add(ApiRequest.body("type", type, "quantity", q)));
        return read(api.idempotent(ApiRequest.of("PATCH", Api.PLATFORM, path("apps", app, "formation"),
                Map.of("updates", updates)), listType()));
    }

    /**
     * Restarts one process type ({@code DELETE /apps/{app}/formations/{type}}).
     *
     * @param app         the app
     * @param processType for example {@code web}
     */
    public void restart(String app, String processType) {
        api.idempotent(ApiRequest.of("DELETE", Api.PLATFORM, path("apps", app, "formations", processType), null),
                Void.class);
    }

    private JavaType listType() {
        return api.json().getTypeFactory().constructCollectionType(List.class, Dto.Formation.class);
    }

    private static List<HerokuFormation> read(List<Dto.Formation> f) {
        return f == null ? List.of() : f.stream().map(Dto.Formation::toFormation).toList();
    }

    @Override
    public String toString() {
        return "FormationApi";
    }
}
