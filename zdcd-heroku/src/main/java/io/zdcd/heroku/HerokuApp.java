package io.zdcd.heroku;

import java.util.Objects;
import java.util.Optional;

/**
 * A Heroku app as {@code GET /apps/{app}} describes it.
 *
 * @param id          the app's UUID
 * @param name        its name
 * @param maintenance whether maintenance mode is on (the router serves a static page)
 * @param webUrl      its URL, when Heroku gives one
 * @param generation  {@code cedar} or {@code fir}; empty if Heroku did not say (maintenance mode is Cedar only)
 * @since 0.1
 */
public record HerokuApp(String id, String name, boolean maintenance, Optional<String> webUrl, String generation) {
    /**
     * {@code id}, {@code name} and {@code webUrl} must not be null; a null {@code generation} becomes empty.
     *
     * @param id the app's UUID
     * @param name the app's name, unique on Heroku
     * @param maintenance whether maintenance mode is on (the router serves a static page)
     * @param webUrl its URL, when Heroku gives one
     * @param generation {@code cedar} or {@code fir}; empty if Heroku did not say (maintenance mode is Cedar only)
     */
    public HerokuApp {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(webUrl, "webUrl");
        generation = Objects.requireNonNullElse(generation, "");
    }

    @Override
    public String toString() {
        return "HerokuApp[" + name + (maintenance ? ", maintenance on" : "") + (generation.isEmpty() ? "" : ", " + generation) + "]";
    }
}
