package io.zdcd.heroku;

import static io.zdcd.heroku.internal.ApiRequest.path;

import io.zdcd.heroku.internal.Api;
import io.zdcd.heroku.internal.ApiRequest;
import io.zdcd.heroku.internal.ApiTransport;
import io.zdcd.heroku.internal.Dto;
import io.zdcd.heroku.internal.Waiter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Dynos: listing, one-off dynos and their exit, restarts, and waiting for a release's dynos:
 * {@link HerokuClient#dynos()}.
 *
 * @since 0.1
 */
public final class DynosApi {
    private final ApiTransport api;
    private final Waiter waiter;
    private final LogsApi logs;
    private final Clock clock;

    DynosApi(ApiTransport api, Waiter waiter, LogsApi logs) {
        this.api = api;
        this.waiter = waiter;
        this.logs = logs;
        this.clock = api.settings().clock();
    }

    /**
     * {@code GET /apps/{app}/dynos}.
     *
     * @param app the app
     * @return every dyno
     */
    public List<HerokuDyno> list(String app) {
        return api.list(ApiRequest.get(Api.PLATFORM, path("apps", app, "dynos")), Dto.Dyno.class, null, 10_000)
                .stream().map(Dto.Dyno::toDyno).toList();
    }

    /**
     * Starts a detached one-off dyno ({@code POST /apps/{app}/dynos}, type {@code run}). Its exit status is not
     * available through the API (heroku-api.md §7.2): prefer the release phase for migrations, and see
     * {@link #waitForExit}. Not idempotent: after a failure without answer a new dyno running the same command
     * counts as done.
     *
     * @param app     the app
     * @param command the command line
     * @param size    the dyno size, or null/empty for the default
     * @return the dyno
     */
    public HerokuDyno runDetached(String app, String command, String size) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("command", command);
        body.put("attach", false);
        body.put("type", "run");
        if (size != null && !size.isEmpty()) {
            body.put("size", size);
        }
        return api.nonIdempotent(ApiRequest.of("POST", Api.PLATFORM, path("apps", app, "dynos"), body),
                Dto.Dyno.class, api.probes().newDyno(app, command)).toDyno();
    }

    /**
     * Restarts every dyno ({@code DELETE /apps/{app}/dynos}).
     *
     * @param app the app
     */
    public void restartAll(String app) {
        api.idempotent(ApiRequest.of("DELETE", Api.PLATFORM, path("apps", app, "dynos"), null), Void.class);
    }

    /**
     * Stops one dyno ({@code POST /apps/{app}/dynos/{id_or_name}/actions/stop}), e.g. a one-off dyno that ran too
     * long.
     *
     * @param app      the app
     * @param idOrName the dyno
     */
    public void stop(String app, String idOrName) {
        api.idempotent(ApiRequest.of("POST", Api.PLATFORM, path("apps", app, "dynos", idOrName, "actions", "stop"),
                null), Void.class);
    }

    /**
     * Waits for a one-off dyno to exit, reading its exit status from the app's log: Heroku writes
     * {@code heroku[run.1234]: Process exited with status N} when the process ends (the Dyno resource has no exit
     * code, and the dyno disappears once it exited; heroku-api.md §7.2). Each poll opens a log session for the dyno
     * ({@code tail}, the newest 1500 lines) and reads it until that line, the end of the stream, or the next poll.
     *
     * @param app      the app
     * @param dynoName the one-off dyno, e.g. {@code run.1234}
     * @param policy   poll interval and deadline
     * @return the result, {@linkplain HerokuRunResult#exited() without exit status} if the deadline passed first
     */
    public HerokuRunResult waitForExit(String app, String dynoName, WaitPolicy policy) {
        Pattern exit = Pattern.compile(
                "heroku\\[" + Pattern.quote(dynoName) + "\\]:\\s*Process exited with status (\\d+)");
        String marker = "app[" + dynoName + "]: ";
        HerokuRunResult[] last = {new HerokuRunResult(dynoName, OptionalInt.empty(), List.of())};
        Instant deadline = clock.instant().plus(policy.deadline());
        Predicate<String> exited = l -> exit.matcher(l).find();
        try {
            return waiter.until("one-off dyno " + dynoName + " of " + app + " to exit", "POST",
                    path("apps", app, "log-sessions"), policy, () -> {
                        Duration left = Duration.between(clock.instant(), deadline);
                        Duration read = left.compareTo(policy.interval()) < 0 ? left : policy.interval();
                        HerokuLogSession session = logs.session(app, dynoName, 1500, true);
                        List<String> lines = logs.read(session, read.isZero() || read.isNegative()
                                ? Duration.ofMillis(1) : read, exited);
                        OptionalInt status = OptionalInt.empty();
                        List<String> output = new ArrayList<>();
                        for (String l : lines) {
                            Matcher m = exit.matcher(l);
                            if (m.find()) {
                                status = OptionalInt.of(Integer.parseInt(m.group(1)));
                            }
                            int at = l.indexOf(marker);
                            if (at >= 0) {
                                output.add(l.substring(at + marker.length()));
                            }
                        }
                        last[0] = new HerokuRunResult(dynoName, status, output);
                        return last[0];
                    }, HerokuRunResult::exited, r -> { });
        } catch (HerokuApiException e) {
            if (HerokuApiException.DEADLINE_EXCEEDED.equals(e.errorId())) {
                return last[0];
            }
            throw e;
        }
    }

    /**
     * Waits until every dyno except {@code release} and {@code run} ones runs {@code version} or later and has
     * settled: {@code up}, or {@code crashed} (a crashing release is not waited for until the deadline; whether
     * it is healthy is the verify step's question).
     *
     * @param app     the app
     * @param version the release version
     * @param policy  poll interval and deadline
     * @return the dynos as last seen
     */
    public List<HerokuDyno> waitForSettled(String app, int version, WaitPolicy policy) {
        return waitForFormation(app, "started on v" + version, policy,
                d -> (d.isUp() || "crashed".equals(d.state())) && d.releaseVersion() >= version);
    }

    /**
     * Waits until every dyno except {@code release} and {@code run} ones is up on {@code version} or later (what
     * {@code heroku ps:wait} does). With preboot the old dynos keep serving for about 3 minutes more.
     *
     * @param app     the app
     * @param version the release version
     * @param policy  poll interval and deadline
     * @return the dynos as last seen
     */
    public List<HerokuDyno> waitForUp(String app, int version, WaitPolicy policy) {
        return waitForFormation(app, "up on v" + version, policy, d -> d.isUp() && d.releaseVersion() >= version);
    }

    private List<HerokuDyno> waitForFormation(String app, String what, WaitPolicy policy, Predicate<HerokuDyno> ok) {
        return waiter.until("dynos of " + app + " " + what, "GET", path("apps", app, "dynos"), policy,
                () -> list(app).stream().filter(d -> !"release".equals(d.type()) && !"run".equals(d.type())).toList(),
                ds -> ds.stream().allMatch(ok), ds -> { });
    }

    @Override
    public String toString() {
        return "DynosApi";
    }
}
