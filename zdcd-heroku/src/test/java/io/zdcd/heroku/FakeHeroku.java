package io.zdcd.heroku;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.zdcd.heroku.internal.Redaction;
import io.zdcd.jdbc.LocalDatabaseBackups;
import io.zdcd.jdbc.PostgresDatabase;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import mockwebserver3.SocketEffect;
import okhttp3.Headers;

/**
 * A stateful fake of the Heroku Platform API, the Heroku Postgres data API, Heroku's router and logplex, for
 * MockWebServer. It behaves as Heroku does where zdcd depends on it:
 * <ul>
 *   <li><b>Time, not polls.</b> Builds, release phases, dyno boots, one-off dynos and backups/restores take
 *       {@link #buildTime}, {@link #releaseTime}, {@link #bootTime}, {@link #runTime}, {@link #transferTime} of the
 *       fake's {@link Clock} (the tests' {@code TestClock}, which moves when the client sleeps, or the wall clock):
 *       a build finishes, and its release is created and runs its release phase, whether or not anyone polls.</li>
 *   <li><b>Dynos.</b> When a release becomes current, the formation's dynos restart on it: {@code starting} for
 *       {@link #bootTime}, then {@code up}, or {@code crashed} if the release's {@link Behaviour#crashes}.</li>
 *   <li><b>The router.</b> {@code GET /app/{app}/...} is the app's own URL: 503 (Heroku's maintenance page, H80)
 *       while maintenance mode is on, 503 (H10) while no web dyno is up, otherwise the current release's
 *       {@link Behaviour#httpStatus}. No Heroku credentials are needed there.</li>
 *   <li><b>One-off dynos</b> ({@code POST /apps/{app}/dynos}) run on the current release for {@link #runTime}, then
 *       disappear; their exit status and output come from {@link #command} or the release's
 *       {@link Behaviour#smokeExit}. A <b>log session</b> ({@code POST /apps/{app}/log-sessions}) returns logplex
 *       lines as Heroku writes them, {@code heroku[run.N]: Process exited with status N} included, then ends.</li>
 *   <li><b>Postgres.</b> With {@link App#database} set, a backup is a real copy of that PostgreSQL database
 *       ({@code CREATE DATABASE ... TEMPLATE}, taken when the backup starts) and a completed restore replaces the
 *       WHOLE database with it (every schema, zdcd's included), cutting every connection to it. A failed restore
 *       ({@link #nextRestoreFails}) leaves the database as it was.</li>
 * </ul>
 * Plus apps, the maintenance flag, formation, config vars, a rate-limit budget, and injected faults (status codes,
 * slow answers, dropped connections before or after the request took effect). Every request is recorded. It checks
 * the {@code Accept} and {@code Authorization} headers like Heroku.
 */
public final class FakeHeroku extends Dispatcher {
    public static final String TOKEN = "hk-7f3c9e1a-secret-token-5b2d";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One recorded request. */
    public record Call(String method, String path, Headers headers, String body) {
        public String line() {
            return method + " " + path;
        }

        public JsonNode json() {
            try {
                return JSON.readTree(body.isEmpty() ? "null" : body);
            } catch (IOException e) {
                throw new AssertionError("not JSON: " + body, e);
            }
        }
    }

    enum FaultKind { STATUS, SLOW, DROP_BEFORE, DROP_AFTER }

    record Fault(String method, Pattern path, FaultKind kind, int status, long delayMillis, AtomicInteger times) {
    }

    /** How the code of a build behaves once released (set per source version with {@link #behaviour}). */
    public static final class Behaviour {
        /** What the app answers through the router when it is up. */
        public int httpStatus = 200;
        /** Whether its dynos crash after booting. */
        public boolean crashes;
        /** The exit status of a one-off dyno on this release (unless {@link #command} says otherwise). */
        public int smokeExit;
        /** What such a one-off dyno prints. */
        public List<String> smokeOutput = List.of("smoke test passed");

        Behaviour copy() {
            Behaviour b = new Behaviour();
            b.httpStatus = httpStatus;
            b.crashes = crashes;
            b.smokeExit = smokeExit;
            b.smokeOutput = smokeOutput;
            return b;
        }
    }

    /** A one-off command's fixed result, whatever the release ({@link #command}). */
    public record CommandResult(int exitStatus, List<String> output) {
    }

    public static final class Release {
        public String id = UUID.randomUUID().toString();
        public int version;
        public String status;
        public String slugId;
        public String description;
        public boolean failPhase;
        public Instant createdAt;
        public Instant phaseEndsAt;
        /** When it became current (its dynos restarted on it), null while not. */
        public Instant currentSince;
        public Behaviour behaviour = new Behaviour();
    }

    public static final class Build {
        public String id = UUID.randomUUID().toString();
        public String status = "pending";
        public String url;
        public String version;
        public String slugId;
        public String releaseId;
        public boolean fail;
        public Instant createdAt;
        public Instant endsAt;
    }

    public static final class Transfer {
        public String uuid = UUID.randomUUID().toString();
        public int num;
        public String fromType;
        public String toType;
        public String toUrl;
        public String backupUrl;
        public boolean fail;
        public boolean finished;
        public boolean succeeded;
        public Instant createdAt;
        public Instant endsAt;
        /** The database copy a backup made (with a real database). */
        public String copy;
        public final List<String> logs = new ArrayList<>();
    }

    public static final class RunDyno {
        public final String id = UUID.randomUUID().toString();
        public String name;
        public String command;
        public Release release;
        public Instant createdAt;
        public Instant endsAt;
        public int exitStatus;
        public List<String> output = List.of();
        public boolean stopped;
    }

    record LogSession(String id, App app, String dyno) {
    }

    public static final class App {
        public final String id = UUID.randomUUID().toString();
        public final String name;
        public boolean maintenance;
        public final List<Release> releases = new ArrayList<>();
        public final List<Build> builds = new ArrayList<>();
        public final Map<String, Integer> formation = new TreeMap<>();
        public final Map<String, String> configVars = new TreeMap<>();
        public final String addonId = UUID.randomUUID().toString();
        public final List<Transfer> transfers = new ArrayList<>();
        public final List<String> restoredFrom = new ArrayList<>();
        public final List<RunDyno> runDynos = new ArrayList<>();
        /** The real database behind DATABASE_URL, if backups and restores should be real. */
        public PostgresDatabase database;

        App(String name) {
            this.name = name;
        }

        public Release current() {
            return releases.stream().filter(r -> "succeeded".equals(r.status))
                    .max(Comparator.comparingInt(r -> r.version)).orElse(null);
        }
    }

    private final List<Call> calls = new ArrayList<>();
    private final Map<String, App> apps = new LinkedHashMap<>();
    private final Deque<Fault> faults = new ArrayDeque<>();
    private final Map<String, Behaviour> behaviours = new HashMap<>();
    private final Map<String, CommandResult> commands = new HashMap<>();
    private final Map<String, LogSession> logSessions = new HashMap<>();
    private final String baseUrl;
    private final Clock clock;
    public Duration buildTime = Duration.ofSeconds(10);
    public Duration releaseTime = Duration.ofSeconds(10);
    public Duration transferTime = Duration.ofSeconds(10);
    public Duration bootTime = Duration.ofSeconds(5);
    public Duration runTime = Duration.ofSeconds(5);
    public int rateLimitRemaining = 4500;
    public int pageCap = 1000;
    public boolean nextBuildFails;
    public boolean nextReleasePhaseFails;
    public boolean nextRestoreFails;
    /** Error messages and output streams repeat the caller's token, as a careless proxy might: zdcd must hide it. */
    public boolean echoToken;
    /** The token the fake accepts. */
    public String token = TOKEN;

    /** A fake on the wall clock. @param baseUrl the server's URL, for output-stream and backup URLs */
    public FakeHeroku(String baseUrl) {
        this(baseUrl, Clock.systemUTC());
    }

    /** @param clock the fake's time: builds, releases, boots and transfers take their durations of it */
    public FakeHeroku(String baseUrl, Clock clock) {
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.clock = clock;
    }

    /** Everything Heroku does in the background is done at once (for wall-clock tests that must not sleep). */
    public synchronized FakeHeroku instant() {
        buildTime = Duration.ZERO;
        releaseTime = Duration.ZERO;
        transferTime = Duration.ZERO;
        bootTime = Duration.ZERO;
        runTime = Duration.ZERO;
        return this;
    }

    /** An app with one succeeded release v1 ... v{versions}, a web=2 worker=1 formation and Heroku Postgres. */
    public synchronized App addApp(String name, int versions) {
        App app = new App(name);
        Instant long_ago = clock.instant().minus(Duration.ofDays(1));
        for (int v = 1; v <= versions; v++) {
            Release r = new Release();
            r.version = v;
            r.status = "succeeded";
            r.slugId = "slug-v" + v;
            r.description = "Deploy v" + v;
            r.createdAt = long_ago.plusSeconds(v);
            r.phaseEndsAt = r.createdAt;
            r.currentSince = r.createdAt;
            app.releases.add(r);
        }
        app.formation.put("web", 2);
        app.formation.put("worker", 1);
        app.configVars.put("DATABASE_URL", "postgres://u:db-password-s3cr3t@db.example.com:5432/d1");
        app.configVars.put("DJANGO_SECRET_KEY", "django-key");
        apps.put(name, app);
        return app;
    }

    public synchronized App app(String name) {
        return apps.get(name);
    }

    /** How the code of source version {@code version} behaves once released (created on first use). */
    public synchronized Behaviour behaviour(String version) {
        return behaviours.computeIfAbsent(version, v -> new Behaviour());
    }

    /** One-off dynos running exactly {@code command} exit with this status and print these lines. */
    public synchronized FakeHeroku command(String command, int exitStatus, String... output) {
        commands.put(command, new CommandResult(exitStatus, List.of(output)));
        return this;
    }

    /** The router's URL of the app's {@code path} (for example {@code /healthz}): no Heroku credentials needed. */
    public String appUrl(String app, String path) {
        return baseUrl + "/app/" + app + (path.startsWith("/") ? path : "/" + path);
    }

    public synchronized List<Call> calls() {
        return List.copyOf(calls);
    }

    public synchronized List<String> lines() {
        return calls.stream().map(Call::line).toList();
    }

    public synchronized void clearCalls() {
        calls.clear();
    }

    /** The next {@code times} requests matching fail with {@code status} (and don't take effect). */
    public synchronized FakeHeroku failNext(String method, String pathRegex, int times, int status) {
        faults.add(new Fault(method, Pattern.compile(pathRegex), FaultKind.STATUS, status, 0, new AtomicInteger(times)));
        return this;
    }

    /** The next {@code times} matching answers come after {@code millis}. */
    public synchronized FakeHeroku slowNext(String method, String pathRegex, int times, long millis) {
        faults.add(new Fault(method, Pattern.compile(pathRegex), FaultKind.SLOW, 0, millis, new AtomicInteger(times)));
        return this;
    }

    /** The connection drops; with {@code afterEffect} the request was carried out first (only the answer is lost). */
    public synchronized FakeHeroku dropNext(String method, String pathRegex, int times, boolean afterEffect) {
        faults.add(new Fault(method, Pattern.compile(pathRegex), afterEffect ? FaultKind.DROP_AFTER
                : FaultKind.DROP_BEFORE, 0, 0, new AtomicInteger(times)));
        return this;
    }

    @Override
    public synchronized MockResponse dispatch(RecordedRequest request) {
        String path = request.getUrl().encodedPath()
                + (request.getUrl().encodedQuery() == null ? "" : "?" + request.getUrl().encodedQuery());
        String body = request.getBody() == null ? "" : request.getBody().utf8();
        Call call = new Call(request.getMethod(), path, request.getHeaders(), body);
        calls.add(call);
        settle();
        if (path.startsWith("/app/")) {
            return router(path);
        }
        if (path.startsWith("/logplex/sessions/")) {
            return logplex(path);
        }
        if (path.startsWith("/streams/") || path.startsWith("/uploads/")) {
            return plain(200, path.startsWith("/streams/") ? "output of " + path + "\n"
                    + (echoToken ? "HEROKU_API_KEY=" + token + "\n" : "") : "");
        }
        Fault fault = takeFault(call);
        if (fault != null && fault.kind() == FaultKind.STATUS) {
            return error(fault.status(), fault.status() == 429 ? "rate_limit" : "", "injected " + fault.status()
                    + (echoToken ? " for " + request.getHeaders().get("Authorization") : ""));
        }
        if (fault != null && fault.kind() == FaultKind.DROP_BEFORE) {
            return new MockResponse.Builder().onResponseStart(new SocketEffect.CloseSocket()).build();
        }
        String accept = request.getHeaders().get("Accept");
        if (accept == null || !accept.startsWith("application/vnd.heroku+json; version=3")) {
            return error(406, "not_acceptable", "Accept header missing or wrong");
        }
        if (!("Bearer " + token).equals(request.getHeaders().get("Authorization"))) {
            return error(401, "unauthorized", "Invalid credentials provided.");
        }
        rateLimitRemaining = Math.max(0, rateLimitRemaining - 1);
        MockResponse response;
        try {
            response = route(call);
        } catch (RuntimeException e) {
            response = error(500, "internal", "fake failed: " + e);
        }
        MockResponse.Builder b = response.newBuilder()
                .setHeader("RateLimit-Remaining", rateLimitRemaining)
                .setHeader("Request-Id", "req-" + calls.size());
        if (fault != null && fault.kind() == FaultKind.SLOW) {
            b.headersDelay(fault.delayMillis(), TimeUnit.MILLISECONDS);
        }
        if (fault != null && fault.kind() == FaultKind.DROP_AFTER) {
            b.onResponseStart(new SocketEffect.CloseSocket());
        }
        return b.build();
    }

    private Fault takeFault(Call call) {
        for (Fault f : faults) {
            if (f.method().equals(call.method()) && f.path().matcher(call.path()).matches() && f.times().get() > 0) {
                f.times().decrementAndGet();
                return f;
            }
        }
        return null;
    }

    // ------------------------------------------------------------------------------------------ routes

    private static final Pattern APP = Pattern.compile("/apps/([^/]+)(/.*)?");
    private static final Pattern TRANSFERS = Pattern.compile("/client/v11/apps/([^/]+)/transfers(?:/([^/?]+))?(\\?.*)?");
    private static final Pattern DATABASE = Pattern.compile("/client/v11/databases/([^/]+)/(backups|restores|wait_status)");

    private MockResponse route(Call c) {
        String p = c.path();
        if (p.equals("/account/rate-limits")) {
            return ok(Map.of("remaining", rateLimitRemaining));
        }
        if (p.equals("/actions/addon-attachments/resolve") && c.method().equals("POST")) {
            App app = apps.get(c.json().path("app").asText());
            if (app == null || !"DATABASE_URL".equals(c.json().path("addon_attachment").asText())) {
                return error(404, "not_found", "Couldn't find that add on attachment.");
            }
            return ok(List.of(attachment(app)));
        }
        if (p.equals("/sources") && c.method().equals("POST")) {
            String id = UUID.randomUUID().toString();
            return created(Map.of("source_blob", Map.of("get_url", baseUrl + "/uploads/" + id + "?sig=get-signature",
                    "put_url", baseUrl + "/uploads/" + id + "?sig=put-signature")));
        }
        if (p.equals("/pipeline-promotions") && c.method().equals("POST")) {
            return created(Map.of("id", UUID.randomUUID().toString(), "status", "pending"));
        }
        Matcher m = TRANSFERS.matcher(p);
        if (m.matches()) {
            App app = apps.get(m.group(1));
            if (app == null) {
                return error(404, "not_found", "no app");
            }
            if (m.group(2) == null) {
                return ok(app.transfers.stream().map(this::transferJson).toList());
            }
            Transfer t = app.transfers.stream().filter(x -> x.uuid.equals(m.group(2))
                    || String.valueOf(x.num).equals(m.group(2))).findFirst().orElse(null);
            if (t == null) {
                return error(404, "not_found", "no transfer");
            }
            Map<String, Object> json = transferJson(t);
            if (p.contains("verbose=true")) {
                List<Map<String, String>> logs = new ArrayList<>();
                t.logs.forEach(l -> logs.add(Map.of("level", "info", "message", l)));
                if (t.fail) {
                    logs.add(Map.of("level", "error", "message", "pg_restore: error: boom"));
                }
                json.put("logs", logs);
            }
            return ok(json);
        }
        Matcher dbm = DATABASE.matcher(p);
        if (dbm.matches()) {
            App app = apps.values().stream().filter(a -> a.addonId.equals(dbm.group(1))).findFirst().orElse(null);
            if (app == null) {
                return error(404, "not_found", "no database");
            }
            switch (dbm.group(2)) {
                case "wait_status":
                    return ok(Map.of("waiting?", false, "error?", false, "message", "available"));
                case "backups": {
                    Transfer t = newTransfer(app, "pg_dump", "gof3r");
                    t.toUrl = baseUrl + "/backups/b" + t.num + ".dump?X-Amz-Signature=backup-signature";
                    snapshot(app, t);
                    return ok(transferJson(t));
                }
                default: {
                    Transfer t = newTransfer(app, "url", "pg_restore");
                    t.backupUrl = c.json().path("backup_url").asText();
                    t.fail = nextRestoreFails;
                    nextRestoreFails = false;
                    return ok(transferJson(t));
                }
            }
        }
        Matcher a = APP.matcher(p);
        if (!a.matches()) {
            return error(404, "not_found", "no route " + p);
        }
        App app = apps.get(a.group(1));
        if (app == null) {
            return error(404, "not_found", "Couldn't find that app.");
        }
        String rest = a.group(2) == null ? "" : a.group(2);
        Matcher stop = Pattern.compile("/dynos/([^/]+)/actions/stop").matcher(rest);
        if (c.method().equals("POST") && stop.matches()) {
            app.runDynos.stream().filter(d -> d.name.equals(stop.group(1)) || d.id.equals(stop.group(1)))
                    .forEach(d -> {
                        d.stopped = true;
                        d.exitStatus = 143;
                        d.endsAt = clock.instant();
                    });
            return new MockResponse.Builder().code(202).body("{}").build();
        }
        return switch (c.method() + " " + rest.replaceAll("^(/[^/]+)/[^/]+$", "$1/{id}")) {
            case "GET " -> ok(appJson(app));
            case "PATCH " -> {
                app.maintenance = c.json().path("maintenance").asBoolean(app.maintenance);
                yield ok(appJson(app));
            }
            case "GET /releases" -> list(c, app.releases.stream().sorted(Comparator.comparingInt((Release r) -> r.version)
                    .reversed()).map(r -> releaseJson(app, r)).toList());
            case "GET /releases/{id}" -> {
                Release r = findRelease(app, rest.substring("/releases/".length()));
                if (r == null) {
                    yield error(404, "not_found", "Couldn't find that release.");
                }
                yield ok(releaseJson(app, r));
            }
            case "POST /releases" -> {
                JsonNode body = c.json();
                Release r;
                if (body.has("release")) {
                    Release target = findRelease(app, body.get("release").asText());
                    if (target == null) {
                        yield error(404, "not_found", "Couldn't find that release.");
                    }
                    r = newRelease(app, target.slugId, "Rollback to v" + target.version, target.behaviour,
                            clock.instant());
                } else {
                    r = newRelease(app, body.path("slug").asText(), body.path("description").asText(),
                            new Behaviour(), clock.instant());
                }
                yield created(releaseJson(app, r));
            }
            case "POST /builds" -> {
                Build b = new Build();
                b.url = c.json().path("source_blob").path("url").asText();
                b.version = c.json().path("source_blob").path("version").asText(null);
                b.fail = nextBuildFails;
                nextBuildFails = false;
                b.createdAt = clock.instant();
                b.endsAt = b.createdAt.plus(buildTime);
                app.builds.add(b);
                yield created(buildJson(b));
            }
            case "GET /builds" -> {
                List<Build> newestFirst = new ArrayList<>(app.builds);
                java.util.Collections.reverse(newestFirst);
                yield list(c, newestFirst.stream().map(this::buildJson).toList());
            }
            case "GET /builds/{id}" -> {
                Build b = app.builds.stream().filter(x -> rest.endsWith("/" + x.id)).findFirst().orElse(null);
                if (b == null) {
                    yield error(404, "not_found", "Couldn't find that build.");
                }
                yield ok(buildJson(b));
            }
            case "GET /formation" -> ok(formationJson(app));
            case "PATCH /formation" -> {
                for (JsonNode u : c.json().path("updates")) {
                    app.formation.put(u.path("type").asText(), u.path("quantity").asInt());
                }
                yield ok(formationJson(app));
            }
            case "GET /dynos" -> ok(dynosJson(app));
            case "GET /dynos/{id}" -> {
                String idOrName = rest.substring("/dynos/".length());
                yield dynosJson(app).stream().filter(d -> idOrName.equals(d.get("id")) || idOrName.equals(d.get("name")))
                        .findFirst().map(FakeHeroku::ok).orElseGet(() -> error(404, "not_found", "Couldn't find that dyno."));
            }
            case "POST /dynos" -> {
                Release current = app.current();
                RunDyno d = new RunDyno();
                d.name = "run." + (1000 + app.runDynos.size());
                d.command = c.json().path("command").asText();
                d.release = current;
                d.createdAt = clock.instant();
                d.endsAt = d.createdAt.plus(runTime);
                CommandResult fixed = commands.get(d.command);
                d.exitStatus = fixed != null ? fixed.exitStatus() : current.behaviour.smokeExit;
                d.output = fixed != null ? fixed.output() : current.behaviour.smokeOutput;
                app.runDynos.add(d);
                yield created(runDynoJson(d));
            }
            case "POST /log-sessions" -> {
                String id = UUID.randomUUID().toString();
                logSessions.put(id, new LogSession(id, app, c.json().path("dyno").asText("")));
                yield created(Map.of("id", id, "logplex_url", baseUrl + "/logplex/sessions/" + id
                        + "?srv=logplex-session-secret", "created_at", clock.instant().toString()));
            }
            case "DELETE /dynos" -> new MockResponse.Builder().code(202).body("{}").build();
            case "GET /config-vars" -> ok(app.configVars);
            case "PATCH /config-vars" -> {
                c.json().fields().forEachRemaining(e -> {
                    if (e.getValue().isNull()) {
                        app.configVars.remove(e.getKey());
                    } else {
                        app.configVars.put(e.getKey(), e.getValue().asText());
                    }
                });
                newRelease(app, app.current().slugId, "Set config vars", app.current().behaviour, clock.instant());
                yield ok(app.configVars);
            }
            case "GET /addons" -> ok(List.of(Map.of("id", app.addonId, "name", "postgresql-fake-1",
                    "addon_service", Map.of("name", "heroku-postgresql"),
                    "plan", Map.of("name", "heroku-postgresql:standard-0"), "app", Map.of("name", app.name),
                    "config_vars", List.of("DATABASE_URL"), "state", "provisioned")));
            case "GET /addon-attachments" -> ok(List.of(attachment(app)));
            default -> error(404, "not_found", "no route " + c.method() + " " + p);
        };
    }

    // ------------------------------------------------------------------------------------------ state changes

    private Release newRelease(App app, String slugId, String description, Behaviour behaviour, Instant at) {
        Release r = new Release();
        r.version = app.releases.stream().mapToInt(x -> x.version).max().orElse(0) + 1;
        r.slugId = slugId;
        r.description = description;
        r.status = "pending";
        r.failPhase = nextReleasePhaseFails;
        nextReleasePhaseFails = false;
        r.createdAt = at;
        r.phaseEndsAt = at.plus(releaseTime);
        r.behaviour = behaviour.copy();
        app.releases.add(r);
        return r;
    }

    /**
     * Carries out, in time order, everything that became due by now: builds finish (and create their release),
     * release phases end (a succeeded release becomes current and its dynos restart), transfers finish (a restore
     * replaces the database). Runs before every request, whatever it asks.
     */
    private void settle() {
        Instant now = clock.instant();
        while (true) {
            Instant earliest = null;
            Runnable next = null;
            for (App app : apps.values()) {
                for (Build b : app.builds) {
                    if ("pending".equals(b.status) && !b.endsAt.isAfter(now)
                            && (earliest == null || b.endsAt.isBefore(earliest))) {
                        earliest = b.endsAt;
                        next = () -> finish(app, b);
                    }
                }
                for (Release r : app.releases) {
                    if ("pending".equals(r.status) && !r.phaseEndsAt.isAfter(now)
                            && (earliest == null || r.phaseEndsAt.isBefore(earliest))) {
                        earliest = r.phaseEndsAt;
                        next = () -> finish(r);
                    }
                }
                for (Transfer t : app.transfers) {
                    if (!t.finished && !t.endsAt.isAfter(now) && (earliest == null || t.endsAt.isBefore(earliest))) {
                        earliest = t.endsAt;
                        next = () -> finish(app, t);
                    }
                }
            }
            if (next == null) {
                return;
            }
            next.run();
        }
    }

    private void finish(App app, Build b) {
        if (b.fail) {
            b.status = "failed";
            return;
        }
        b.status = "succeeded";
        b.slugId = "slug-" + b.id.substring(0, 8);
        Behaviour behaviour = b.version == null ? new Behaviour() : behaviour(b.version);
        b.releaseId = newRelease(app, b.slugId, "Deploy " + b.version, behaviour, b.endsAt).id;
    }

    private void finish(Release r) {
        r.status = r.failPhase ? "failed" : "succeeded";
        if (!r.failPhase) {
            r.currentSince = r.phaseEndsAt;
        }
    }

    private Transfer newTransfer(App app, String from, String to) {
        Transfer t = new Transfer();
        t.num = app.transfers.size() + 1;
        t.fromType = from;
        t.toType = to;
        t.createdAt = clock.instant();
        t.endsAt = t.createdAt.plus(transferTime);
        app.transfers.add(t);
        return t;
    }

    /** A backup's snapshot is taken when it starts, as pg_dump's is. */
    private void snapshot(App app, Transfer t) {
        if (app.database == null) {
            return;
        }
        try {
            t.copy = backupsOf(app).capture(app.name, io.zdcd.spi.Progress.none()).id();
            t.logs.add("copied " + app.database.name() + " to " + t.copy);
        } catch (RuntimeException e) {
            t.fail = true;
            t.logs.add("pg_dump: error: " + e.getMessage());
        }
    }

    private void finish(App app, Transfer t) {
        t.finished = true;
        if (!t.fail && "pg_restore".equals(t.toType) && app.database != null) {
            Transfer source = app.transfers.stream().filter(x -> t.backupUrl.equals(x.toUrl)).findFirst().orElse(null);
            if (source == null || source.copy == null) {
                t.fail = true;
                t.logs.add("pg_restore: error: no such backup " + Redaction.withoutQuery(t.backupUrl));
            } else {
                try {
                    backupsOf(app).restore(app.name, new io.zdcd.spi.Backup(source.copy, source.createdAt, ""),
                            io.zdcd.spi.Progress.none());
                    t.logs.add("restored " + app.database.name() + " from " + source.copy);
                } catch (RuntimeException e) {
                    t.fail = true;
                    t.logs.add("pg_restore: error: " + e.getMessage());
                }
            }
        }
        t.succeeded = !t.fail;
        if (t.succeeded && "pg_restore".equals(t.toType)) {
            app.restoredFrom.add(t.backupUrl);
        }
    }

    private static LocalDatabaseBackups backupsOf(App app) {
        return LocalDatabaseBackups.builder(app.database).keep(100).waitForSessions(Duration.ofSeconds(5)).build();
    }

    private Release findRelease(App app, String idOrVersion) {
        return app.releases.stream().filter(r -> r.id.equals(idOrVersion)
                || String.valueOf(r.version).equals(idOrVersion)).findFirst().orElse(null);
    }

    // ------------------------------------------------------------------------------------------ JSON

    private Map<String, Object> appJson(App app) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", app.id);
        m.put("name", app.name);
        m.put("maintenance", app.maintenance);
        m.put("web_url", "https://" + app.name + ".herokuapp.com/");
        m.put("generation", Map.of("id", "g1", "name", "cedar"));
        m.put("stack", Map.of("name", "heroku-24"));
        return m;
    }

    private Map<String, Object> releaseJson(App app, Release r) {
        Release current = app.current();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", r.id);
        m.put("version", r.version);
        m.put("status", r.status);
        m.put("current", current == r);
        m.put("eligible_for_rollback", "succeeded".equals(r.status));
        m.put("description", r.description);
        m.put("slug", r.slugId == null ? null : Map.of("id", r.slugId));
        m.put("output_stream_url", baseUrl + "/streams/release/" + r.id);
        m.put("created_at", r.createdAt.toString());
        m.put("new_field_heroku_added", Map.of("x", 1));
        return m;
    }

    private Map<String, Object> buildJson(Build b) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", b.id);
        m.put("status", b.status);
        Map<String, Object> blob = new LinkedHashMap<>();
        blob.put("url", b.url);
        blob.put("version", b.version);
        m.put("source_blob", blob);
        m.put("slug", b.slugId == null ? null : Map.of("id", b.slugId));
        m.put("release", b.releaseId == null ? null : Map.of("id", b.releaseId));
        m.put("output_stream_url", baseUrl + "/streams/build/" + b.id);
        m.put("created_at", b.createdAt.toString());
        return m;
    }

    private Map<String, Object> transferJson(Transfer t) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("uuid", t.uuid);
        m.put("num", t.num);
        m.put("from_type", t.fromType);
        m.put("to_type", t.toType);
        m.put("to_url", t.toUrl);
        m.put("succeeded", t.succeeded);
        m.put("source_bytes", 3000);
        long elapsed = Duration.between(t.createdAt, clock.instant()).toSeconds();
        m.put("processed_bytes", t.finished ? 3000 : Math.min(3000, 1000 + elapsed * 200));
        m.put("created_at", t.createdAt.toString());
        m.put("started_at", t.createdAt.toString());
        m.put("finished_at", t.finished ? t.endsAt.toString() : null);
        m.put("canceled_at", null);
        return m;
    }

    private List<Map<String, Object>> formationJson(App app) {
        List<Map<String, Object>> out = new ArrayList<>();
        app.formation.forEach((type, q) -> out.add(Map.of("type", type, "quantity", q,
                "dyno_size", Map.of("name", "standard-1X"))));
        return out;
    }

    /** The formation's dynos on the current release (starting, then up or crashed), and the one-off dynos running. */
    private List<Map<String, Object>> dynosJson(App app) {
        List<Map<String, Object>> out = new ArrayList<>();
        Release current = app.current();
        Instant now = clock.instant();
        String state = now.isBefore(current.currentSince.plus(bootTime)) ? "starting"
                : current.behaviour.crashes ? "crashed" : "up";
        app.formation.forEach((type, q) -> {
            for (int i = 1; i <= q; i++) {
                out.add(Map.of("id", type + "-" + i, "name", type + "." + i, "type", type, "state", state,
                        "command", type, "release", Map.of("id", current.id, "version", current.version)));
            }
        });
        for (RunDyno d : app.runDynos) {
            if (now.isBefore(d.endsAt)) {
                out.add(runDynoJson(d));
            }
        }
        return out;
    }

    private Map<String, Object> runDynoJson(RunDyno d) {
        return Map.of("id", d.id, "name", d.name, "type", "run", "state", "up", "command", d.command,
                "attach_url", "", "release", Map.of("id", d.release.id, "version", d.release.version),
                "created_at", d.createdAt.toString());
    }

    /** Heroku's router in front of the app's web dynos. */
    private MockResponse router(String path) {
        Matcher m = Pattern.compile("/app/([^/?]+).*").matcher(path);
        App app = m.matches() ? apps.get(m.group(1)) : null;
        if (app == null) {
            return plain(404, "There's nothing here, yet.");
        }
        if (app.maintenance) {
            return plain(503, "<html><title>Offline for Maintenance</title></html>"); // H80
        }
        boolean up = dynosJson(app).stream().anyMatch(d -> "web".equals(d.get("type")) && "up".equals(d.get("state")));
        if (!up) {
            return plain(503, "<html><title>Application Error</title></html>"); // H10 / H14
        }
        int status = app.current().behaviour.httpStatus;
        return plain(status, status < 400 ? "ok v" + app.current().version : "error v" + app.current().version);
    }

    /** A log session's lines as logplex writes them, up to now; the stream then ends. */
    private MockResponse logplex(String path) {
        String id = path.substring("/logplex/sessions/".length()).replaceAll("\\?.*", "");
        LogSession session = logSessions.get(id);
        if (session == null) {
            return plain(404, "session not found");
        }
        Instant now = clock.instant();
        StringBuilder out = new StringBuilder();
        for (RunDyno d : session.app().runDynos) {
            if (!session.dyno().isEmpty() && !session.dyno().equals(d.name)) {
                continue;
            }
            String h = " heroku[" + d.name + "]: ";
            out.append(d.createdAt).append(h).append("Starting process with command `").append(d.command).append("`\n");
            out.append(d.createdAt).append(h).append("State changed from starting to up\n");
            if (!now.isBefore(d.endsAt)) {
                if (!d.stopped) {
                    for (String line : d.output) {
                        out.append(d.endsAt).append(" app[").append(d.name).append("]: ").append(line).append('\n');
                    }
                }
                out.append(d.endsAt).append(h).append("Process exited with status ").append(d.exitStatus).append('\n');
                out.append(d.endsAt).append(h).append("State changed from up to complete\n");
            }
        }
        return plain(200, out.toString());
    }

    private Map<String, Object> attachment(App app) {
        return Map.of("id", "att-1", "name", "DATABASE",
                "addon", Map.of("id", app.addonId, "name", "postgresql-fake-1", "app", Map.of("name", app.name),
                        "plan", Map.of("name", "heroku-postgresql:standard-0")),
                "app", Map.of("name", app.name));
    }

    /** A list answer with Heroku's Range semantics: {@code max=N} per page, then 206 and an opaque Next-Range. */
    private MockResponse list(Call c, List<?> all) {
        String range = Optional.ofNullable(c.headers().get("Range")).orElse("");
        int max = 200;
        Matcher mm = Pattern.compile("max=(\\d+)").matcher(range);
        if (mm.find()) {
            max = Integer.parseInt(mm.group(1));
        }
        max = Math.min(max, pageCap);
        int offset = 0;
        Matcher om = Pattern.compile("offset=(\\d+)").matcher(range);
        if (om.find()) {
            offset = Integer.parseInt(om.group(1));
        }
        List<?> page = all.subList(Math.min(offset, all.size()), Math.min(offset + max, all.size()));
        MockResponse.Builder b = new MockResponse.Builder().code(200).setHeader("Content-Type", "application/json")
                .body(write(page));
        if (offset + max < all.size()) {
            b.code(206).setHeader("Next-Range", range.replaceAll(",? ?offset=\\d+", "") + ", offset=" + (offset + max));
        }
        return b.build();
    }

    // ------------------------------------------------------------------------------------------ responses

    private static MockResponse ok(Object body) {
        return new MockResponse.Builder().code(200).setHeader("Content-Type", "application/json").body(write(body)).build();
    }

    private static MockResponse created(Object body) {
        return new MockResponse.Builder().code(201).setHeader("Content-Type", "application/json").body(write(body)).build();
    }

    private static MockResponse plain(int code, String body) {
        return new MockResponse.Builder().code(code).setHeader("Content-Type", "text/plain").body(body).build();
    }

    static MockResponse error(int code, String id, String message) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", id);
        m.put("message", message);
        return new MockResponse.Builder().code(code).setHeader("Content-Type", "application/json")
                .setHeader("Request-Id", "req-error").body(write(m)).build();
    }

    private static String write(Object o) {
        try {
            return JSON.writeValueAsString(o);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
