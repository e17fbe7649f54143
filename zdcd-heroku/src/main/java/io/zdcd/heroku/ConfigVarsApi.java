package io.zdcd.heroku;

import static io.zdcd.heroku.internal.ApiRequest.path;

import com.fasterxml.jackson.databind.JavaType;
import io.zdcd.heroku.internal.Api;
import io.zdcd.heroku.internal.ApiRequest;
import io.zdcd.heroku.internal.ApiTransport;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Config vars: {@link HerokuClient#config()}. The values are secrets: {@link HerokuConfigVars#toString()} hides them.
 *
 * @since 0.1
 */
public final class ConfigVarsApi {
    private final ApiTransport api;

    ConfigVarsApi(ApiTransport api) {
        this.api = api;
    }

    /**
     * {@code GET /apps/{app}/config-vars}.
     *
     * @param app the app
     * @return the config vars
     */
    public HerokuConfigVars get(String app) {
        return read(api.idempotent(ApiRequest.get(Api.PLATFORM, path("apps", app, "config-vars")), mapType()));
    }

    /**
     * Sets config vars (a {@code null} value removes one). Changing config vars creates a release (and runs the
     * release phase), so the current values are read first and only real changes are sent; with none, nothing is.
     *
     * @param app     the app
     * @param changes the new values, null to remove
     * @return the config vars after the change
     */
    public HerokuConfigVars update(String app, Map<String, String> changes) {
        HerokuConfigVars current = get(app);
        Map<String, String> diff = new LinkedHashMap<>();
        changes.forEach((k, v) -> {
            if (!Objects.equals(current.values().get(k), v)) {
                diff.put(k, v);
            }
        });
        if (diff.isEmpty()) {
            return current;
        }
        return read(api.idempotent(ApiRequest.of("PATCH", Api.PLATFORM, path("apps", app, "config-vars"), diff),
                mapType()));
    }

    private JavaType mapType() {
        return api.json().getTypeFactory().constructMapType(LinkedHashMap.class, String.class, String.class);
    }

    private static HerokuConfigVars read(Map<String, String> vars) {
        Map<String, String> out = new LinkedHashMap<>();
        if (vars != null) {
            vars.forEach((k, v) -> {
                if (v != null) {
                    out.put(k, v);
                }
            });
        }
        return new HerokuConfigVars(out);
    }

    @Override
    public String toString() {
        return "ConfigVarsApi";
    }
}
