package io.zdcd.heroku;

import static io.zdcd.heroku.internal.ApiRequest.path;

import io.zdcd.heroku.internal.Api;
import io.zdcd.heroku.internal.ApiRequest;
import io.zdcd.heroku.internal.ApiTransport;
import io.zdcd.heroku.internal.Dto;
import java.util.Map;

/**
 * Apps and maintenance mode: {@link HerokuClient#apps()}.
 *
 * @since 0.1
 */
public final class AppsApi {
    private final ApiTransport api;

    AppsApi(ApiTransport api) {
        this.api = api;
    }

    /**
     * {@code GET /apps/{app}}.
     *
     * @param app the app's name or id
     * @return the app
     */
    public HerokuApp get(String app) {
        return api.idempotent(ApiRequest.get(Api.PLATFORM, path("apps", app)), Dto.App.class).toApp();
    }

    /**
     * {@code PATCH /apps/{app} {"maintenance": on}} (idempotent).
     *
     * @param app the app's name or id
     * @param on  whether maintenance mode should be on
     * @return the app as Heroku returns it
     */
    public HerokuApp setMaintenance(String app, boolean on) {
        HerokuApp result = api.idempotent(ApiRequest.of("PATCH", Api.PLATFORM, path("apps", app),
                Map.of("maintenance", on)), Dto.App.class).toApp();
        api.emit(new HerokuEvent.MaintenanceChanged(api.settings().clock().instant(), app, result.maintenance()));
        return result;
    }

    @Override
    public String toString() {
        return "AppsApi";
    }
}
