package io.zdcd.heroku;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
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
 * A stateful fake of the Heroku Platform API and the Heroku Postgres data API, for MockWebServer: apps, builds that
 * succeed or fail, releases whose release phase succeeds or fails (after some polls), the maintenance flag,
 * formation and dynos, config vars, a Postgres add-on, backups and restores that take several polls, a rate-limit
 * budget, and injected faults (status codes, slow answers, dropped connections before or after the request took
 * effect). Every request is recorded. It checks the {@code Accept} and {@code Authorization} headers like Heroku.
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

    public static final class Release {
        public String id = UUID.randomUUID().toString();
        public int version;
        public String status;
        public String slugId;
        public String description;
        public int pollsLeft;
        public boolean failPhase;
        public String createdAt;
    }

    public static final class Build {
        public String id = UUID.randomUUID().toString();
        public String status = "pending";
        public String url;
        public String version;
        public String slugId;
        public String releaseId;
        public int pollsLeft;
        public boolean fail;
        public String createdAt;
    }

    public static final class Transfer {
        public String uuid = UUID.randomUUID().toString();
        public int num;
        public String fromType;
        public String toType;
        public String toUrl;
        public String backupUrl;
        public int pollsLeft;
        public int polls;
        public boolean fail;
        public boolean finished;
        public boolean succeeded;
        public String createdAt;
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
        final List<Map<String, String>> runDynos = new ArrayList<>();

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
    private final String baseUrl;
    private int clock;
    public int buildPolls = 2;
    public int releasePolls = 2;
    public int transferPolls = 3;
    public int rateLimitRemaining = 4500;
    public int pageCap = 1000;
    public boolean nextBuildFails;
    public boolean nextReleasePhaseFails;
    public boolean nextRestoreFails;
    /** Error messages and output streams repeat the caller's token, as a careless proxy might: zdcd must hide it. */
    public boolean echoToken;

    /** @param baseUrl the server's URL, for output-stream and backup URLs (no trailing slash) */
    public FakeHeroku(String baseUrl) {
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
    }

    /** An app with one succeeded release v1 ... v{versions}, a web=2 worker=1 formation and Heroku Postgres. */
    public synchronized App addApp(String name, int versions) {
        App app = new App(name);
        for (int v = 1; v <= versions; v++) {
            Release r = new Release();
            r.version = v;
            r.status = "succeeded";
            r.slugId = "slug-v" + v;
            r.description = "Deploy v" + v;
            r.createdAt = now();
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
        if (path.startsWith("/streams/") || path.startsWith("/uploads/")) {
            return plain(200, path.startsWith("/streams/") ? "output of " + path + "\n"
                    + (echoToken ? "HEROKU_API_KEY=" + TOKEN + "\n" : "") : "");
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
        if (!("Bearer " + TOKEN).equals(request.getHeaders().get("Authorization"))) {
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
            advance(app, t);
            Map<String, Object> json = transferJson(t);
            if (p.contains("verbose=true")) {
                json.put("logs", List.of(Map.of("level", "error", "message", t.fail ? "pg_restore: error: boom" : "ok")));
            }
            return ok(json);
        }
        Matcher d = DATABASE.matcher(p);
        if (d.matches()) {
            App app = apps.values().stream().filter(a -> a.addonId.equals(d.group(1))).findFirst().orElse(null);
            if (app == null) {
                return error(404, "not_found", "no database");
            }
            switch (d.group(2)) {
                case "wait_status":
                    return ok(Map.of("waiting?", false, "error?", false, "message", "available"));
                case "backups": {
                    Transfer t = newTransfer(app, "pg_dump", "gof3r");
                    t.toUrl = baseUrl + "/backups/b" + t.num + ".dump?X-Amz-Signature=backup-signature";
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
                advance(app, r);
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
                    r = newRelease(app, target.slugId, "Rollback to v" + target.version);
                } else {
                    r = newRelease(app, body.path("slug").asText(), body.path("description").asText());
                }
                yield created(releaseJson(app, r));
            }
            case "POST /builds" -> {
                Build b = new Build();
                b.url = c.json().path("source_blob").path("url").asText();
                b.version = c.json().path("source_blob").path("version").asText(null);
                b.pollsLeft = buildPolls;
                b.fail = nextBuildFails;
                nextBuildFails = false;
                b.createdAt = now();
                app.builds.add(b);
                yield created(buildJson(b));
            }
            case "GET /builds" -> list(c, app.builds.stream().sorted(Comparator.comparing((Build b) -> b.createdAt)
                    .reversed()).map(this::buildJson).toList());
            case "GET /builds/{id}" -> {
                Build b = app.builds.stream().filter(x -> rest.endsWith("/" + x.id)).findFirst().orElse(null);
                if (b == null) {
                    yield error(404, "not_found", "Couldn't find that build.");
                }
                advance(app, b);
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
            case "POST /dynos" -> {
                Map<String, String> dyno = Map.of("id", UUID.randomUUID().toString(), "name",
                        "run." + (1000 + app.runDynos.size()), "type", "run", "state", "starting",
                        "command", c.json().path("command").asText());
                app.runDynos.add(dyno);
                yield created(dyno);
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
                newRelease(app, app.current().slugId, "Set config vars");
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

    private Release newRelease(App app, String slugId, String description) {
        Release r = new Release();
        r.version = app.releases.stream().mapToInt(x -> x.version).max().orElse(0) + 1;
        r.slugId = slugId;
        r.description = description;
        r.status = "pending";
        r.pollsLeft = releasePolls;
        r.failPhase = nextReleasePhaseFails;
        nextReleasePhaseFails = false;
        r.createdAt = now();
        app.releases.add(r);
        return r;
    }

    private void advance(App app, Release r) {
        if ("pending".equals(r.status) && r.pollsLeft-- <= 0) {
            r.status = r.failPhase ? "failed" : "succeeded";
        }
    }

    private void advance(App app, Build b) {
        if ("pending".equals(b.status) && b.pollsLeft-- <= 0) {
            if (b.fail) {
                b.status = "failed";
            } else {
                b.status = "succeeded";
                b.slugId = "slug-" + b.id.substring(0, 8);
                b.releaseId = newRelease(app, b.slugId, "Deploy " + b.version).id;
            }
        }
    }

    private Transfer newTransfer(App app, String from, String to) {
        Transfer t = new Transfer();
        t.num = app.transfers.size() + 1;
        t.fromType = from;
        t.toType = to;
        t.pollsLeft = transferPolls;
        t.createdAt = now();
        app.transfers.add(t);
        return t;
    }

    private void advance(App app, Transfer t) {
        if (!t.finished) {
            t.polls++;
            if (t.polls >= t.pollsLeft) {
                t.finished = true;
                t.succeeded = !t.fail;
                if (t.succeeded && "pg_restore".equals(t.toType)) {
                    app.restoredFrom.add(t.backupUrl);
                }
            }
        }
    }

    private Release findRelease(App app, String idOrVersion) {
        return app.releases.stream().filter(r -> r.id.equals(idOrVersion)
                || String.valueOf(r.version).equals(idOrVersion)).findFirst().orElse(null);
    }

    private String now() {
        return Instant.parse("2026-11-26T12:00:00Z").plusSeconds(clock++).toString();
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
        m.put("created_at", r.createdAt);
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
        m.put("created_at", b.createdAt);
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
        m.put("processed_bytes", Math.min(3000, t.polls * 1000));
        m.put("created_at", t.createdAt);
        m.put("started_at", t.polls > 0 ? t.createdAt : null);
        m.put("finished_at", t.finished ? t.createdAt : null);
        m.put("canceled_at", null);
        return m;
    }

    private List<Map<String, Object>> formationJson(App app) {
        List<Map<String, Object>> out = new ArrayList<>();
        app.formation.forEach((type, q) -> out.add(Map.of("type", type, "quantity", q,
                "dyno_size", Map.of("name", "standard-1X"))));
        return out;
    }

    private List<Map<String, Object>> dynosJson(App app) {
        List<Map<String, Object>> out = new ArrayList<>();
        Release current = app.current();
        app.formation.forEach((type, q) -> {
            for (int i = 1; i <= q; i++) {
                out.add(Map.of("id", type + "-" + i, "name", type + "." + i, "type", type, "state", "up",
                        "command", type, "release", Map.of("id", current.id, "version", current.version)));
            }
        });
        for (Map<String, String> run : app.runDynos) {
            out.add(Map.of("id", run.get("id"), "name", run.get("name"), "type", "run", "state", "up",
                    "command", run.get("command"), "release", Map.of("version", current.version)));
        }
        return out;
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
