package io.zdcd.heroku;

import static io.zdcd.heroku.internal.ApiRequest.path;

import io.zdcd.heroku.internal.Api;
import io.zdcd.heroku.internal.ApiRequest;
import io.zdcd.heroku.internal.ApiTransport;
import io.zdcd.heroku.internal.Dto;
import io.zdcd.jdbc.PostgresDatabase;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Log sessions and reading them: {@link HerokuClient#logs()}.
 *
 * @since 0.1
 */
public final class LogsApi {
    private final ApiTransport api;

    LogsApi(ApiTransport api) {
        this.api = api;
    }

    /**
     * Opens a log session ({@code POST /apps/{app}/log-sessions}) for one dyno's lines (all dynos when
     * {@code dynoName} is empty): the newest {@code lines} lines, then, with {@code tail}, whatever comes after.
     * Creating a session changes nothing on the app, so it is retried like a GET. The body names the dyno as
     * {@code dyno}, as the Heroku CLI sends it (the newest schema also knows {@code dyno_name}, heroku-api.md §13.10).
     *
     * @param app      the app
     * @param dynoName the dyno, or empty for all
     * @param lines    how many of the newest lines, 1 to 1500
     * @param tail     whether to keep streaming what comes after
     * @return the session and its URL
     */
    public HerokuLogSession session(String app, String dynoName, int lines, boolean tail) {
        if (lines < 1 || lines > 1500) {
            throw new IllegalArgumentException("lines must be 1..1500, was " + lines);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        if (dynoName != null && !dynoName.isEmpty()) {
            body.put("dyno", dynoName);
        }
        body.put("lines", lines);
        body.put("tail", tail);
        return api.idempotent(ApiRequest.of("POST", Api.PLATFORM, path("apps", app, "log-sessions"), body),
                Dto.LogSession.class).toLogSession();
    }

    /**
     * Reads a log session's lines (with the token and URL credentials hidden) until {@code stop} returns true, the
     * stream ends, or {@code timeout} passes. No Heroku credentials go to the log URL.
     *
     * @param session the session
     * @param timeout how long to read at most
     * @param stop    true on the line to stop after
     * @return the lines read
     */
    public List<String> read(HerokuLogSession session, Duration timeout, Predicate<String> stop) {
        List<String> lines = new ArrayList<>();
        api.streamLines(session.logplexUrl(), timeout, l -> {
            String clean = PostgresDatabase.redact(l);
            lines.add(clean);
            return stop.test(clean);
        });
        return List.copyOf(lines);
    }

    @Override
    public String toString() {
        return "LogsApi";
    }
}
