package io.zdcd.heroku;

/**
 * Receives {@link HerokuEvent}s. Must be quick and must not block; whatever it throws is logged at WARN and
 * ignored, so a listener never breaks a deploy.
 *
 * @since 0.1
 */
@FunctionalInterface
public interface HerokuListener {
    /**
     * Called for each event.
     *
     * @param event what happened; never null
     */
    void onEvent(HerokuEvent event);

    /**
     * Ignores every event.
     *
     * @return a listener that does nothing
     */
    static HerokuListener none() {
        return e -> { };
    }
}
