package io.zdcd.heroku;

import java.util.Objects;

/**
 * An add-on attached to an app under a name ({@code DATABASE} sets {@code DATABASE_URL}).
 *
 * @param id           the attachment UUID
 * @param name         the attachment name; the config var is {@code name + "_URL"}
 * @param addonId      the add-on UUID: for Heroku Postgres, the database id of the data API
 * @param addonName    the add-on's name
 * @param addonAppName the app that owns the add-on (it may be shared from another app)
 * @param planName     the add-on's plan, when Heroku sent it (may be empty)
 * @since 0.1
 */
public record HerokuAttachment(String id, String name, String addonId, String addonName, String addonAppName,
                               String planName) {
    /**
     * {@code name} and {@code addonId} must not be null; other null strings become empty.
     *
     * @param id the attachment UUID
     * @param name the attachment name; the config var is {@code name + "_URL"}
     * @param addonId the add-on UUID: for Heroku Postgres, the database id of the data API
     * @param addonName the add-on's name
     * @param addonAppName the app that owns the add-on (it may be shared from another app)
     * @param planName the add-on's plan, when Heroku sent it (may be empty)
     */
    public HerokuAttachment {
        id = Objects.requireNonNullElse(id, "");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(addonId, "addonId");
        addonName = Objects.requireNonNullElse(addonName, "");
        addonAppName = Objects.requireNonNullElse(addonAppName, "");
        planName = Objects.requireNonNullElse(planName, "");
    }

    /**
     * The config var this attachment sets.
     *
     * @return {@code name + "_URL"}, for example {@code DATABASE_URL}
     */
    public String configVar() {
        return name + "_URL";
    }

    @Override
    public String toString() {
        return "HerokuAttachment[" + configVar() + " -> " + addonName + (planName.isEmpty() ? "" : " " + planName) + "]";
    }
}
