package io.zdcd.heroku;

import java.util.Objects;

/**
 * A running dyno ({@code GET /apps/{app}/dynos}).
 *
 * @param id             the dyno UUID
 * @param name           {@code web.1}, {@code run.1234}, {@code release.9768}
 * @param type           the process type ({@code web}, {@code worker}, {@code run}, {@code release})
 * @param state          crashed, down, idle, starting or up
 * @param command        the command it runs
 * @param releaseVersion the release it runs, 0 if Heroku did not say
 * @since 0.1
 */
public record HerokuDyno(String id, String name, String type, String state, String command, int releaseVersion) {
    /**
     * Null strings become empty.
     *
     * @param id the dyno UUID
     * @param name {@code web.1}, {@code run.1234}, {@code release.9768}
     * @param type the process type ({@code web}, {@code worker}, {@code run}, {@code release})
     * @param state crashed, down, idle, starting or up
     * @param command the command it runs
     * @param releaseVersion the release it runs, 0 if Heroku did not say
     */
    public HerokuDyno {
        id = Objects.requireNonNullElse(id, "");
        name = Objects.requireNonNullElse(name, "");
        type = Objects.requireNonNullElse(type, "");
        state = Objects.requireNonNullElse(state, "");
        command = Objects.requireNonNullElse(command, "");
    }

    /**
     * Whether the dyno is {@code up}.
     *
     * @return true only in state {@code up}; false while starting, and when crashed, down or idle
     */
    public boolean isUp() {
        return "up".equals(state);
    }

    @Override
    public String toString() {
        return "HerokuDyno[" + name + " " + state + " on v" + releaseVersion + "]";
    }
}
