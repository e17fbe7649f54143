package io.zdcd.heroku;

import java.util.List;
import java.util.Objects;

/**
 * An add-on ({@code GET /apps/{app}/addons}).
 *
 * @param id          the add-on UUID (for Heroku Postgres: the id the data API takes)
 * @param name        e.g. {@code postgresql-shaped-12345}
 * @param serviceName e.g. {@code heroku-postgresql}
 * @param planName    e.g. {@code heroku-postgresql:standard-0}
 * @param appName     the app that owns (bills) it
 * @param configVars  the config vars it sets, e.g. {@code [DATABASE_URL]}
 * @param state       provisioning, provisioned or deprovisioned
 * @since 0.1
 */
public record HerokuAddon(String id, String name, String serviceName, String planName, String appName,
                          List<String> configVars, String state) {
    /**
     * Copies the list; {@code id} must not be null; null strings become empty.
     *
     * @param id the add-on UUID (for Heroku Postgres: the id the data API takes)
     * @param name e.g. {@code postgresql-shaped-12345}
     * @param serviceName e.g. {@code heroku-postgresql}
     * @param planName e.g. {@code heroku-postgresql:standard-0}
     * @param appName the app that owns (bills) it
     * @param configVars the config vars it sets, e.g. {@code [DATABASE_URL]}
     * @param state provisioning, provisioned or deprovisioned
     */
    public HerokuAddon {
        Objects.requireNonNull(id, "id");
        name = Objects.requireNonNullElse(name, "");
        serviceName = Objects.requireNonNullElse(serviceName, "");
        planName = Objects.requireNonNullElse(planName, "");
        appName = Objects.requireNonNullElse(appName, "");
        configVars = List.copyOf(configVars);
        state = Objects.requireNonNullElse(state, "");
    }

    /**
     * Whether this is Heroku Postgres (the plan name before {@code :} is {@code heroku-postgresql}).
     *
     * @return true for a Heroku Postgres add-on, whatever its plan
     */
    public boolean isPostgres() {
        return planName.startsWith("heroku-postgresql:") || "heroku-postgresql".equals(serviceName);
    }

    @Override
    public String toString() {
        return "HerokuAddon[" + name + " " + planName + " " + configVars + "]";
    }
}
