package io.zdcd.heroku;

import static io.zdcd.heroku.internal.ApiRequest.path;

import com.fasterxml.jackson.databind.JavaType;
import io.zdcd.heroku.internal.Api;
import io.zdcd.heroku.internal.ApiRequest;
import io.zdcd.heroku.internal.ApiTransport;
import io.zdcd.heroku.internal.Dto;
import java.util.List;

/**
 * Add-ons and their attachments: {@link HerokuClient#addons()}.
 *
 * @since 0.1
 */
public final class AddonsApi {
    private final ApiTransport api;

    AddonsApi(ApiTransport api) {
        this.api = api;
    }

    /**
     * {@code GET /apps/{app}/addons}.
     *
     * @param app the app
     * @return the app's add-ons
     */
    public List<HerokuAddon> list(String app) {
        return api.list(ApiRequest.get(Api.PLATFORM, path("apps", app, "addons")), Dto.Addon.class, null, 10_000)
                .stream().map(Dto.Addon::toAddon).toList();
    }

    /**
     * {@code GET /apps/{app}/addon-attachments}.
     *
     * @param app the app
     * @return the app's attachments
     */
    public List<HerokuAttachment> attachments(String app) {
        return api.list(ApiRequest.get(Api.PLATFORM, path("apps", app, "addon-attachments")), Dto.Attachment.class,
                null, 10_000).stream().filter(a -> a.addon() != null).map(Dto.Attachment::toAttachment).toList();
    }

    /**
     * The Heroku Postgres database behind a config var (usually {@code DATABASE_URL}), as {@code heroku pg:*}
     * finds it: {@code POST /actions/addon-attachments/resolve} (read-only, so retried like a GET), keeping
     * Postgres attachments; on 404, the app's attachments named {@code <var without _URL>}.
     *
     * @param app       the app
     * @param configVar the config var, e.g. {@code DATABASE_URL}
     * @return the attachment
     * @throws HerokuApiException ({@code not_found}) if no Heroku Postgres is attached under that name
     */
    public HerokuAttachment postgresAttachment(String app, String configVar) {
        JavaType t = api.json().getTypeFactory().constructCollectionType(List.class, Dto.Attachment.class);
        ApiRequest req = ApiRequest.of("POST", Api.PLATFORM, "/actions/addon-attachments/resolve",
                        ApiRequest.body("addon_attachment", configVar, "app", app))
                .withHeader("Accept-Inclusion", "addon:plan,config_vars");
        List<HerokuAttachment> found;
        try {
            List<Dto.Attachment> resolved = api.idempotent(req, t);
            found = resolved == null ? List.of() : resolved.stream().filter(a -> a.addon() != null)
                    .map(Dto.Attachment::toAttachment)
                    .filter(a -> a.planName().isEmpty() || a.planName().startsWith("heroku-postgresql"))
                    .toList();
        } catch (HerokuApiException e) {
            if (e.statusCode() != 404) {
                throw e;
            }
            String name = configVar.endsWith("_URL") ? configVar.substring(0, configVar.length() - 4) : configVar;
            found = attachments(app).stream().filter(a -> a.name().equals(name)).toList();
        }
        if (found.isEmpty()) {
            throw new HerokuApiException(404, "not_found", "no Heroku Postgres attached to " + app + " as "
                    + configVar, "", "POST", "/actions/addon-attachments/resolve", null);
        }
        return found.get(0);
    }

    @Override
    public String toString() {
        return "AddonsApi";
    }
}
