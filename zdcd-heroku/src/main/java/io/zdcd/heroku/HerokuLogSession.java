package io.zdcd.heroku;

import java.util.Objects;

/**
 * A log session ({@code POST /apps/{app}/log-sessions}): a URL that streams the app's log, optionally limited to
 * one dyno. The URL is a capability (whoever has it reads the log): {@link #toString()} shows only the id.
 *
 * @param id         the session id
 * @param logplexUrl where to GET the log (no Heroku credentials are sent there)
 * @since 0.1
 */
public record HerokuLogSession(String id, String logplexUrl) {
    /**
     * {@code logplexUrl} must not be null; a null {@code id} becomes empty.
     *
     * @param id the session id
     * @param logplexUrl where to GET the log (no Heroku credentials are sent there)
     */
    public HerokuLogSession {
        id = Objects.requireNonNullElse(id, "");
        Objects.requireNonNull(logplexUrl, "logplexUrl");
    }

    @Override
    public String toString() {
        return "HerokuLogSession[" + id + "]";
    }
}
