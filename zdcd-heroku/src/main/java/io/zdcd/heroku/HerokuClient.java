package io.zdcd.heroku;

import com.fasterxml.jackson.databind.JavaType;
import io.zdcd.heroku.internal.ApiTransport;
import io.zdcd.heroku.internal.ApiTransport.Api;
import io.zdcd.heroku.internal.ApiTransport.ApiRequest;
import io.zdcd.heroku.internal.Dto;
import io.zdcd.heroku.internal.Netrc;
import io.zdcd.heroku.internal.Secret;
import io.zdcd.heroku.internal.Waiter;
import io.zdcd.jdbc.PostgresDatabase;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;

/**
 * A client of Heroku's Platform API ({@code https://api.heroku.com}) and of the Heroku Postgres data API
 * ({@code https://api.data.heroku.com}, the one the Heroku CLI uses for backups): apps, maintenance, releases,
 * builds, sources, formation and dynos, config vars, add-ons and attachments, pipeline promotions, backups and
 * restores. Every call sends {@code Accept: application/vnd.heroku+json; version=3}, the bearer token, a
 * {@code User-Agent} of {@code zdcd/<version>} and a fresh {@code Request-Id}; every failure is a
 * {@link HerokuApiException}.
 *
 * <pre>{@code
 * HerokuClient heroku = HerokuClient.fromEnv();          // HEROKU_API_KEY or ~/.netrc
 * HerokuRelease current = heroku.currentRelease("acme-api");
 * }</pre>
 *
 * <p><b>Resilience.</b> Idempotent calls are retried on 429, 5xx and I/O errors ({@link RetryPolicy}). The
 * non-idempotent POSTs (build, release, rollback, one-off dyno, backup, restore) are repeated as they are only after
 * a 429; after a 5xx, a timeout or a dropped connection zdcd first looks whether the first attempt took effect
 * (a new build of the same source, a newer release, a new dyno running the command, a new transfer: read before the
 * POST and compared after it) and repeats the POST only if it did not. A pipeline promotion has no such check and is
 * never repeated ({@link HerokuApiException#OUTCOME_UNKNOWN}). {@code RateLimit-Remaining} is read on every
 * response ({@link RateLimitPolicy}); a circuit breaker ({@link CircuitBreakerPolicy}) makes calls fail fast during
 * an outage; each call has {@link Timeouts} and each wait a {@link WaitPolicy} deadline.
 *
 * <p><b>Verified against the specification only.</b> Nothing here was run against the real Heroku; see the
 * README. Where Heroku's documents leave a question open (heroku-api.md §13) this class is defensive: it follows
 * {@code Next-Range} for every list, takes the current release from the {@code current} flag and falls back to the
 * newest succeeded one, treats a missing {@code eligible_for_rollback} as "eligible if succeeded", finds the release
 * of a build from its slug when {@code build.release} is still null, and parses no timestamp.
 *
 * @since 0.1
 */
public final class HerokuClient {
    /** {@code https://api.heroku.com}. */
    public static final String DEFAULT_API_URL = "https://api.heroku.com";
    /** {@code https://api.data.heroku.com}, the Heroku Postgres data API the Heroku CLI uses since 2024. */
    public static final String DEFAULT_DATA_API_URL = "https://api.data.heroku.com";
    /** Builds are listed with this range unit, as the Heroku CLI does (the schema documents {@code id, started_at}). */
    static final String BUILDS_RANGE = "created_at ..; max=10, order=desc";

    private final ApiTransport api;
    private final Waiter waiter;
    private final Clock clock;

    private final List<String> warnings;

    private HerokuClient(ApiTransport.Settings settings, List<String> warnings) {
        this.api = new ApiTransport(settings);
        this.clock = settings.clock();
        this.waiter = new Waiter(settings.clock(), settings.sleeper());
        this.warnings = List.copyOf(warnings);
        for (String w : this.warnings) {
            org.slf4j.LoggerFactory.getLogger(HerokuClient.class).warn("{}", w);
            api.emit(new HerokuEvent.Warning(clock.instant(), w));
        }
    }

    /**
     * What the user should fix in the setup this client was built from (for example a {@code ~/.netrc} others
     * can read: {@code chmod 600}), each said once per run; also logged at WARN and sent to the listener. A
     * command-line tool prints them.
     */
    public List<String> warnings() {
        return warnings;
    }

    /** A builder; only the API key is required. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * A client configured from the environment: {@code HEROKU_API_KEY} (or the Heroku CLI's {@code ~/.netrc} entry
     * for {@code api.heroku.com}), {@code HEROKU_API_URL}, {@code HEROKU_DATA_API_URL}.
     */
    public static HerokuClient fromEnv() {
        return builder().fromEnvironment(System.getenv(), Builder.defaultNetrc()).build();
    }

    // ---------------------------------------------------------------------------------------------- account, apps

    /** {@code GET /account/rate-limits} (free): the calls left in the account's budget. */
    public int rateLimitRemaining() {
        Dto.RateLimit r = api.idempotent(ApiRequest.get(Api.PLATFORM, "/account/rate-limits"), Dto.RateLimit.class);
        return r == null || r.remaining() == null ? 0 : r.remaining();
    }

    /** The sleeper this client pauses with. */
    Sleeper sleeper() {
        return api.settings().sleeper();
    }

    /** The {@code RateLimit-Remaining} of the latest response, if any response carried it (no call is made). */
    public OptionalInt lastRateLimitRemaining() {
        return api.lastRateLimitRemaining();
    }

    /** {@code GET /apps/{app}}. */
    public HerokuApp app(String app) {
        return api.idempotent(ApiRequest.get(Api.PLATFORM, path("apps", app)), Dto.App.class).toApp();
    }

    /** {@code PATCH /apps/{app} {"maintenance": on}} (idempotent); the app as Heroku returns it. */
    public HerokuApp setMaintenance(String app, boolean on) {
        HerokuApp result = api.idempotent(ApiRequest.of("PATCH", Api.PLATFORM, path("apps", app),
                Map.of("maintenance", on)), Dto.App.class).toApp();
        api.emit(new HerokuEvent.MaintenanceChanged(clock.instant(), app, result.maintenance()));
        return result;
    }

    // ---------------------------------------------------------------------------------------------- releases

    /** The newest {@code max} releases, newest first ({@code Range: version ..; max=N, order=desc}, paged). */
    public List<HerokuRelease> releases(String app, int max) {
        if (max < 1) {
            throw new IllegalArgumentException("max must be >= 1, was " + max);
        }
        String range = "version ..; max=" + Math.min(max, 1000) + ", order=desc";
        return api.list(ApiRequest.get(Api.PLATFORM, path("apps", app, "releases")), Dto.Release.class, range, max)
                .stream().map(Dto.Release::toRelease).toList();
    }

    /** {@code GET /apps/{app}/releases/{id_or_version}}. */
    public HerokuRelease release(String app, String idOrVersion) {
        String v = idOrVersion.startsWith("v") && idOrVersion.length() > 1
                && idOrVersion.substring(1).chars().allMatch(Character::isDigit) ? idOrVersion.substring(1) : idOrVersion;
        return api.idempotent(ApiRequest.get(Api.PLATFORM, path("apps", app, "releases", v)), Dto.Release.class)
                .toRelease();
    }

    /**
     * The release marked {@code current} among the newest 50 (the newest release need not be current: a pending
     * or failed one sits above it); if none carries the flag, the newest succeeded one.
     *
     * @throws HerokuApiException ({@code not_found}) if the app has no release that could be current
     */
    public HerokuRelease currentRelease(String app) {
        List<HerokuRelease> recent = releases(app, 50);
        return recent.stream().filter(HerokuRelease::current).findFirst()
                .or(() -> recent.stream().filter(r -> r.status() == HerokuRelease.Status.SUCCEEDED).findFirst())
                .orElseThrow(() -> new HerokuApiException(404, "not_found", "app " + app + " has no current release",
                        "", "GET", path("apps", app, "releases"), null));
    }

    /**
     * Rolls back to {@code releaseId} ({@code POST /apps/{app}/releases {"release": id}}): Heroku creates a new
     * release with that release's code and config vars, and runs the release phase on it. Not idempotent: the
     * newest version is read first, and after a failure without answer a release newer than it counts as done.
     */
    public HerokuRelease rollback(String app, String releaseId) {
        int before = latestVersion(app);
        return api.nonIdempotent(ApiRequest.of("POST", Api.PLATFORM, path("apps", app, "releases"),
                        Map.of("release", releaseId)), Dto.Release.class,
                () -> newerRelease(app, before)).toRelease();
    }

    /** Creates a release of an existing slug ({@code POST /apps/{app}/releases {"slug", "description"}}). */
    public HerokuRelease createRelease(String app, String slugId, String description) {
        int before = latestVersion(app);
        return api.nonIdempotent(ApiRequest.of("POST", Api.PLATFORM, path("apps", app, "releases"),
                        ordered("slug", slugId, "description", description)), Dto.Release.class,
                () -> newerRelease(app, before)).toRelease();
    }

    /**
     * Waits while the release is pending (its release phase running), polling {@code GET .../releases/{id}};
     * returns it succeeded, failed or expired.
     */
    public HerokuRelease waitForRelease(String app, String idOrVersion, WaitPolicy policy) {
        HerokuRelease.Status[] last = {null};
        return waiter.until("release " + idOrVersion + " of " + app, "GET", path("apps", app, "releases", idOrVersion),
                policy, () -> release(app, idOrVersion), r -> r.status() != HerokuRelease.Status.PENDING, r -> {
                    if (r.status() != last[0]) {
                        last[0] = r.status();
                        api.emit(new HerokuEvent.ReleaseProgressed(clock.instant(), app, r.version(), r.status()));
                    }
                });
    }

    /** The release command's output (the end of it, at most 64 KiB), if the release has a stream and it started. */
    public Optional<String> releaseOutput(HerokuRelease release) {
        return release.outputStreamUrl().flatMap(u -> api.fetchText(u, 64 * 1024));
    }

    private int latestVersion(String app) {
        List<HerokuRelease> newest = releases(app, 1);
        return newest.isEmpty() ? 0 : newest.get(0).version();
    }

    private Optional<Dto.Release> newerRelease(String app, int before) {
        return api.list(ApiRequest.get(Api.PLATFORM, path("apps", app, "releases")), Dto.Release.class,
                        "version ..; max=5, order=desc", 5).stream()
                .filter(r -> r.version() != null && r.version() > before)
                .min((a, b) -> Integer.compare(a.version(), b.version()));
    }

    // ---------------------------------------------------------------------------------------------- builds

    /** {@code POST /sources}: a place to upload a source tarball. */
    public HerokuSource createSource() {
        return api.idempotent(ApiRequest.of("POST", Api.PLATFORM, "/sources", null), Dto.Source.class).toSource();
    }

    /** Uploads a gzipped tarball to {@link HerokuSource#putUrl()} (no Heroku credentials are sent there). */
    public void uploadSource(HerokuSource source, byte[] tarGz) {
        api.putBytes(source.putUrl(), tarGz);
    }

    /**
     * Starts a build of the gzipped tarball at {@code sourceUrl} ({@code POST /apps/{app}/builds}). Not idempotent:
     * the recent builds are listed first, and after a failure without answer a new build of the same URL and
     * version counts as done.
     *
     * @param version the source version (commit SHA) Heroku records, may be empty
     */
    public HerokuBuild createBuild(String app, String sourceUrl, String version) {
        Objects.requireNonNull(sourceUrl, "sourceUrl");
        Set<String> before = builds(app, 10).stream().map(HerokuBuild::id).collect(Collectors.toSet());
        Map<String, Object> blob = new LinkedHashMap<>();
        blob.put("url", sourceUrl);
        if (version != null && !version.isEmpty()) {
            blob.put("version", version);
        }
        return api.nonIdempotent(ApiRequest.of("POST", Api.PLATFORM, path("apps", app, "builds"),
                        Map.of("source_blob", blob)), Dto.Build.class,
                () -> api.list(ApiRequest.get(Api.PLATFORM, path("apps", app, "builds")), Dto.Build.class,
                                BUILDS_RANGE, 10).stream()
                        .filter(b -> !before.contains(b.id()) && b.sourceBlob() != null
                                && sourceUrl.equals(b.sourceBlob().url())
                                && Objects.equals(Objects.requireNonNullElse(version, ""),
                                Objects.requireNonNullElse(b.sourceBlob().version(), "")))
                        .findFirst()).toBuild();
    }

    /** {@code GET /apps/{app}/builds/{id}}. */
    public HerokuBuild build(String app, String buildId) {
        return api.idempotent(ApiRequest.get(Api.PLATFORM, path("apps", app, "builds", buildId)), Dto.Build.class)
                .toBuild();
    }

    /** The newest {@code max} builds, newest first. */
    public List<HerokuBuild> builds(String app, int max) {
        return api.list(ApiRequest.get(Api.PLATFORM, path("apps", app, "builds")), Dto.Build.class,
                "created_at ..; max=" + Math.min(Math.max(max, 1), 1000) + ", order=desc", max).stream()
                .map(Dto.Build::toBuild).toList();
    }

    /** Waits while the build is pending; returns it succeeded or failed. */
    public HerokuBuild waitForBuild(String app, String buildId, WaitPolicy policy) {
        HerokuBuild.Status[] last = {null};
        return waiter.until("build " + buildId + " of " + app, "GET", path("apps", app, "builds", buildId), policy,
                () -> build(app, buildId), b -> b.status() != HerokuBuild.Status.PENDING, b -> {
                    if (b.status() != last[0]) {
                        last[0] = b.status();
                        api.emit(new HerokuEvent.BuildProgressed(clock.instant(), app, b.id(), b.status()));
                    }
                });
    }

    /** The build log (the end of it, at most 64 KiB), if it can be read. */
    public Optional<String> buildOutput(HerokuBuild build) {
        return build.outputStreamUrl().flatMap(u -> api.fetchText(u, 64 * 1024));
    }

    /**
     * The release Heroku created from a succeeded build: {@code build.release}, or, while that is still null
     * (heroku-api.md §13.5), the newest release of the build's slug.
     */
    public Optional<HerokuRelease> releaseOf(String app, HerokuBuild build) {
        if (build.releaseId().isPresent()) {
            return Optional.of(release(app, build.releaseId().get()));
        }
        if (build.slugId().isEmpty()) {
            return Optional.empty();
        }
        return releases(app, 10).stream().filter(r -> r.slugId().equals(build.slugId())).findFirst();
    }

    // ---------------------------------------------------------------------------------------------- dynos

    /** {@code GET /apps/{app}/formation}. */
    public List<HerokuFormation> formation(String app) {
        JavaType t = api.json().getTypeFactory().constructCollectionType(List.class, Dto.Formation.class);
        List<Dto.Formation> f = api.idempotent(ApiRequest.get(Api.PLATFORM, path("apps", app, "formation")), t);
        return f == null ? List.of() : f.stream().map(Dto.Formation::toFormation).toList();
    }

    /** Sets absolute quantities ({@code PATCH /apps/{app}/formation {"updates": [...]}}, idempotent). */
    public List<HerokuFormation> scale(String app, Map<String, Integer> quantities) {
        List<Map<String, Object>> updates = new ArrayList<>();
        new java.util.TreeMap<>(quantities).forEach((type, q) -> updates.add(ordered("type", type, "quantity", q)));
        JavaType t = api.json().getTypeFactory().constructCollectionType(List.class, Dto.Formation.class);
        List<Dto.Formation> f = api.idempotent(ApiRequest.of("PATCH", Api.PLATFORM, path("apps", app, "formation"),
                Map.of("updates", updates)), t);
        return f == null ? List.of() : f.stream().map(Dto.Formation::toFormation).toList();
    }

    /** {@code GET /apps/{app}/dynos}. */
    public List<HerokuDyno> dynos(String app) {
        return api.list(ApiRequest.get(Api.PLATFORM, path("apps", app, "dynos")), Dto.Dyno.class, null, 10_000)
                .stream().map(Dto.Dyno::toDyno).toList();
    }

    /**
     * Starts a detached one-off dyno ({@code POST /apps/{app}/dynos}, type {@code run}). Its exit status is not
     * available through the API (heroku-api.md §7.2): prefer the release phase for migrations. Not idempotent: after
     * a failure without answer a new dyno running the same command counts as done.
     */
    public HerokuDyno runDetached(String app, String command, String size) {
        Set<String> before = new HashSet<>(dynos(app).stream().map(HerokuDyno::id).toList());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("command", command);
        body.put("attach", false);
        body.put("type", "run");
        if (size != null && !size.isEmpty()) {
            body.put("size", size);
        }
        return api.nonIdempotent(ApiRequest.of("POST", Api.PLATFORM, path("apps", app, "dynos"), body),
                        Dto.Dyno.class,
                        () -> api.list(ApiRequest.get(Api.PLATFORM, path("apps", app, "dynos")), Dto.Dyno.class, null,
                                        10_000).stream()
                                .filter(d -> !before.contains(d.id()) && command.equals(d.command())).findFirst())
                .toDyno();
    }

    /** Restarts every dyno ({@code DELETE /apps/{app}/dynos}). */
    public void restartAll(String app) {
        api.idempotent(ApiRequest.of("DELETE", Api.PLATFORM, path("apps", app, "dynos"), null), Void.class);
    }

    /** Restarts one process type ({@code DELETE /apps/{app}/formations/{type}}). */
    public void restart(String app, String processType) {
        api.idempotent(ApiRequest.of("DELETE", Api.PLATFORM, path("apps", app, "formations", processType), null),
                Void.class);
    }

    /** Stops one dyno ({@code POST /apps/{app}/dynos/{id_or_name}/actions/stop}), e.g. a one-off dyno that ran too long. */
    public void stopDyno(String app, String idOrName) {
        api.idempotent(ApiRequest.of("POST", Api.PLATFORM, path("apps", app, "dynos", idOrName, "actions", "stop"),
                null), Void.class);
    }

    /**
     * Opens a log session ({@code POST /apps/{app}/log-sessions}) for one dyno's lines (all dynos when
     * {@code dynoName} is empty): the newest {@code lines} lines, then, with {@code tail}, whatever comes after.
     * Creating a session changes nothing on the app, so it is retried like a GET. The body names the dyno as
     * {@code dyno}, as the Heroku CLI sends it (the newest schema also knows {@code dyno_name}, heroku-api.md §13.10).
     */
    public HerokuLogSession logSession(String app, String dynoName, int lines, boolean tail) {
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
     * stream ends, or {@code timeout} passes; returns the lines read. No Heroku credentials go to the log URL.
     */
    public List<String> readLog(HerokuLogSession session, Duration timeout,
                                Predicate<String> stop) {
        List<String> lines = new ArrayList<>();
        api.streamLines(session.logplexUrl(), timeout, l -> {
            String clean = PostgresDatabase.redact(l);
            lines.add(clean);
            return stop.test(clean);
        });
        return List.copyOf(lines);
    }

    /**
     * Waits for a one-off dyno to exit, reading its exit status from the app's log: Heroku writes
     * {@code heroku[run.1234]: Process exited with status N} when the process ends (the Dyno resource has no exit
     * code, and the dyno disappears once it exited; heroku-api.md §7.2). Each poll opens a log session for the dyno
     * ({@code tail}, the newest 1500 lines) and reads it until that line, the end of the stream, or the next poll.
     *
     * @return the result, {@linkplain HerokuRunResult#exited() without exit status} if the deadline passed first
     */
    public HerokuRunResult waitForExit(String app, String dynoName, WaitPolicy policy) {
        Pattern exit = Pattern.compile(
                "heroku\\[" + Pattern.quote(dynoName) + "\\]:\\s*Process exited with status (\\d+)");
        String marker = "[" + dynoName + "]: ";
        HerokuRunResult[] last = {new HerokuRunResult(dynoName, OptionalInt.empty(), List.of())};
        Instant deadline = clock.instant().plus(policy.deadline());
        try {
            return waiter.until("one-off dyno " + dynoName + " of " + app + " to exit", "POST",
                    path("apps", app, "log-sessions"), policy, () -> {
                        Duration left = Duration.between(clock.instant(), deadline);
                        Duration read = left.compareTo(policy.interval()) < 0 ? left : policy.interval();
                        HerokuLogSession session = logSession(app, dynoName, 1500, true);
                        List<String> lines = readLog(session, read.isZero() || read.isNegative()
                                ? Duration.ofMillis(1) : read, l -> exit.matcher(l).find());
                        OptionalInt status = OptionalInt.empty();
                        List<String> output = new ArrayList<>();
                        for (String l : lines) {
                            Matcher m = exit.matcher(l);
                            if (m.find()) {
                                status = OptionalInt.of(Integer.parseInt(m.group(1)));
                            }
                            int at = l.indexOf("app" + marker);
                            if (at >= 0) {
                                output.add(l.substring(at + ("app" + marker).length()));
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
     * it is healthy is the verify step's question). Returns the dynos as last seen.
     */
    public List<HerokuDyno> waitForDynosSettled(String app, int version, WaitPolicy policy) {
        return waiter.until("dynos of " + app + " started on v" + version, "GET", path("apps", app, "dynos"), policy,
                () -> dynos(app).stream().filter(d -> !"release".equals(d.type()) && !"run".equals(d.type())).toList(),
                ds -> ds.stream().allMatch(d -> (d.isUp() || "crashed".equals(d.state()))
                        && d.releaseVersion() >= version), ds -> { });
    }

    /**
     * Waits until every dyno except {@code release} and {@code run} ones is up on {@code version} or later (what
     * {@code heroku ps:wait} does). With preboot the old dynos keep serving for about 3 minutes more.
     */
    public List<HerokuDyno> waitForDynosUp(String app, int version, WaitPolicy policy) {
        return waiter.until("dynos of " + app + " up on v" + version, "GET", path("apps", app, "dynos"), policy,
                () -> dynos(app).stream().filter(d -> !"release".equals(d.type()) && !"run".equals(d.type())).toList(),
                ds -> ds.stream().allMatch(d -> d.isUp() && d.releaseVersion() >= version), ds -> { });
    }

    // ---------------------------------------------------------------------------------------------- config, add-ons

    /** {@code GET /apps/{app}/config-vars}. The values are secrets: {@link HerokuConfigVars#toString()} hides them. */
    public HerokuConfigVars configVars(String app) {
        JavaType t = api.json().getTypeFactory().constructMapType(LinkedHashMap.class, String.class, String.class);
        Map<String, String> vars = api.idempotent(ApiRequest.get(Api.PLATFORM, path("apps", app, "config-vars")), t);
        return new HerokuConfigVars(vars == null ? Map.of() : withoutNulls(vars));
    }

    /**
     * Sets config vars (a {@code null} value removes one). Changing config vars creates a release (and runs the
     * release phase), so the current values are read first and only real changes are sent; with none, nothing is.
     */
    public HerokuConfigVars updateConfigVars(String app, Map<String, String> changes) {
        HerokuConfigVars current = configVars(app);
        Map<String, String> diff = new LinkedHashMap<>();
        changes.forEach((k, v) -> {
            if (!Objects.equals(current.values().get(k), v)) {
                diff.put(k, v);
            }
        });
        if (diff.isEmpty()) {
            return current;
        }
        JavaType t = api.json().getTypeFactory().constructMapType(LinkedHashMap.class, String.class, String.class);
        Map<String, String> vars = api.idempotent(ApiRequest.of("PATCH", Api.PLATFORM,
                path("apps", app, "config-vars"), diff), t);
        return new HerokuConfigVars(vars == null ? Map.of() : withoutNulls(vars));
    }

    private static Map<String, String> withoutNulls(Map<String, String> m) {
        Map<String, String> out = new LinkedHashMap<>();
        m.forEach((k, v) -> {
            if (v != null) {
                out.put(k, v);
            }
        });
        return out;
    }

    /** {@code GET /apps/{app}/addons}. */
    public List<HerokuAddon> addons(String app) {
        return api.list(ApiRequest.get(Api.PLATFORM, path("apps", app, "addons")), Dto.Addon.class, null, 10_000)
                .stream().map(Dto.Addon::toAddon).toList();
    }

    /** {@code GET /apps/{app}/addon-attachments}. */
    public List<HerokuAttachment> attachments(String app) {
        return api.list(ApiRequest.get(Api.PLATFORM, path("apps", app, "addon-attachments")), Dto.Attachment.class,
                null, 10_000).stream().filter(a -> a.addon() != null).map(Dto.Attachment::toAttachment).toList();
    }

    /**
     * The Heroku Postgres database behind a config var (usually {@code DATABASE_URL}), as {@code heroku pg:*}
     * finds it: {@code POST /actions/addon-attachments/resolve} (read-only, so retried like a GET), keeping
     * Postgres attachments; on 404, the app's attachments named {@code <var without _URL>}.
     *
     * @throws HerokuApiException ({@code not_found}) if no Heroku Postgres is attached under that name
     */
    public HerokuAttachment postgresAttachment(String app, String configVar) {
        JavaType t = api.json().getTypeFactory().constructCollectionType(List.class, Dto.Attachment.class);
        ApiRequest req = ApiRequest.of("POST", Api.PLATFORM, "/actions/addon-attachments/resolve",
                        ordered("addon_attachment", configVar, "app", app))
                .withHeader("Accept-Inclusion", "addon:plan,config_vars");
        List<HerokuAttachment> found;
        try {
            List<Dto.Attachment> resolved = api.idempotent(req, t);
            found = resolved == null ? List.of() : resolved.stream().filter(a -> a.addon() != null)
                    .map(Dto.Attachment::toAttachment)
                    .filter(a -> a.planName().isEmpty() || a.planName().startsWith("heroku-postgresql"))
                    .toList();
        } catch (HerokuApiException e) {
            if (e.statusCode() != 404) {
                throw e;
            }
            String name = configVar.endsWith("_URL") ? configVar.substring(0, configVar.length() - 4) : configVar;
            found = attachments(app).stream().filter(a -> a.name().equals(name)).toList();
        }
        if (found.isEmpty()) {
            throw new HerokuApiException(404, "not_found", "no Heroku Postgres attached to " + app + " as "
                    + configVar, "", "POST", "/actions/addon-attachments/resolve", null);
        }
        return found.get(0);
    }

    // ---------------------------------------------------------------------------------------------- pipelines

    /**
     * Promotes the source app's current release to the target apps ({@code POST /pipeline-promotions}). A
     * promotion cannot be looked up by what it did, so after a failure without answer it is not repeated
     * ({@link HerokuApiException#OUTCOME_UNKNOWN}).
     */
    public HerokuPromotion promote(String pipelineId, String sourceAppId, List<String> targetAppIds) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("pipeline", Map.of("id", pipelineId));
        body.put("source", Map.of("app", Map.of("id", sourceAppId)));
        body.put("targets", targetAppIds.stream().map(id -> Map.of("app", Map.of("id", id))).toList());
        Dto.Promotion p = api.nonIdempotent(ApiRequest.of("POST", Api.PLATFORM, "/pipeline-promotions", body),
                Dto.Promotion.class, null);
        return new HerokuPromotion(p.id(), p.status(), List.of());
    }

    /** {@code GET /pipeline-promotions/{id}} and its targets. */
    public HerokuPromotion promotionTargets(String promotionId) {
        Dto.Promotion p = api.idempotent(ApiRequest.get(Api.PLATFORM, path("pipeline-promotions", promotionId)),
                Dto.Promotion.class);
        List<HerokuPromotion.Target> targets = api.list(ApiRequest.get(Api.PLATFORM,
                        path("pipeline-promotions", promotionId, "promotion-targets")), Dto.PromotionTarget.class, null,
                1000).stream().map(Dto.PromotionTarget::toTarget).toList();
        return new HerokuPromotion(p.id(), p.status(), targets);
    }

    // ---------------------------------------------------------------------------------------------- Postgres backups

    /**
     * Whether the data API knows the database and it is available ({@code GET /client/v11/databases/{id}/wait_status});
     * empty when it answers 404 (not provisioned yet).
     */
    public Optional<Boolean> databaseAvailable(String addonId) {
        try {
            Dto.PgInfo info = api.idempotent(ApiRequest.get(Api.DATA, path("client", "v11", "databases", addonId,
                    "wait_status")), Dto.PgInfo.class);
            return Optional.of(info != null && !Boolean.TRUE.equals(info.waiting()) && !Boolean.TRUE.equals(info.error()));
        } catch (HerokuApiException e) {
            if (e.statusCode() == 404) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /**
     * Starts a backup ({@code POST /client/v11/databases/{addonId}/backups} on the data API). Not idempotent: the
     * app's transfers are listed first, and after a failure without answer a new backup counts as done.
     *
     * @param app the app that owns the database add-on (its transfers are listed under it)
     */
    public PgTransfer captureBackup(String app, String addonId) {
        Set<String> before = transferIds(app);
        return api.nonIdempotent(ApiRequest.of("POST", Api.DATA, path("client", "v11", "databases", addonId,
                        "backups"), null), Dto.Transfer.class,
                () -> newTransfer(app, before, PgTransfer.Kind.BACKUP)).toTransfer();
    }

    /**
     * Restores a backup into the database ({@code POST /client/v11/databases/{addonId}/restores}): destructive, it
     * replaces the database's contents. Not idempotent: after a failure without answer a new restore counts as done.
     */
    public PgTransfer restore(String app, String addonId, PgTransfer backup) {
        if (backup.kind() != PgTransfer.Kind.BACKUP || backup.state() != PgTransfer.State.COMPLETED
                || backup.toUrl().isEmpty()) {
            throw new IllegalArgumentException("only a completed backup with a URL can be restored: " + backup);
        }
        Set<String> before = transferIds(app);
        return api.nonIdempotent(ApiRequest.of("POST", Api.DATA, path("client", "v11", "databases", addonId,
                        "restores"), Map.of("backup_url", backup.toUrl())), Dto.Transfer.class,
                () -> newTransfer(app, before, PgTransfer.Kind.RESTORE)).toTransfer();
    }

    /** {@code GET /client/v11/apps/{app}/transfers}: backups, restores and copies. */
    public List<PgTransfer> transfers(String app) {
        JavaType t = api.json().getTypeFactory().constructCollectionType(List.class, Dto.Transfer.class);
        List<Dto.Transfer> list = api.idempotent(ApiRequest.get(Api.DATA, path("client", "v11", "apps", app,
                "transfers")), t);
        return list == null ? List.of() : list.stream().map(Dto.Transfer::toTransfer).toList();
    }

    /** {@code GET /client/v11/apps/{app}/transfers/{uuid}}, with its logs when {@code verbose}. */
    public PgTransfer transfer(String app, String uuidOrNum, boolean verbose) {
        return api.idempotent(ApiRequest.get(Api.DATA, path("client", "v11", "apps", app, "transfers", uuidOrNum)
                + (verbose ? "?verbose=true" : "")), Dto.Transfer.class).toTransfer();
    }

    /**
     * Polls a backup or restore until it finished, reporting progress; a failed one is read once more verbosely so
     * its logs are in the result.
     */
    public PgTransfer waitForTransfer(String app, PgTransfer transfer, WaitPolicy policy) {
        return waitForTransfer(app, transfer, policy, t -> { });
    }

    /** As {@link #waitForTransfer(String, PgTransfer, WaitPolicy)}, also handing every polled state to {@code seen}. */
    public PgTransfer waitForTransfer(String app, PgTransfer transfer, WaitPolicy policy,
                                      java.util.function.Consumer<PgTransfer> seen) {
        PgTransfer done = waiter.until(transfer.name() + " of " + app, "GET",
                path("client", "v11", "apps", app, "transfers", transfer.uuid()), policy,
                () -> transfer(app, transfer.uuid(), false), PgTransfer::isFinished, t -> {
                    api.emit(new HerokuEvent.TransferProgressed(clock.instant(), app, t.name(), t.state(),
                            t.processedBytes(), t.sourceBytes()));
                    seen.accept(t);
                });
        return done.state() == PgTransfer.State.FAILED ? transfer(app, transfer.uuid(), true) : done;
    }

    private Set<String> transferIds(String app) {
        return transfers(app).stream().map(PgTransfer::uuid).collect(Collectors.toSet());
    }

    private Optional<Dto.Transfer> newTransfer(String app, Set<String> before, PgTransfer.Kind kind) {
        JavaType t = api.json().getTypeFactory().constructCollectionType(List.class, Dto.Transfer.class);
        List<Dto.Transfer> list = api.idempotent(ApiRequest.get(Api.DATA, path("client", "v11", "apps", app,
                "transfers")), t);
        return list == null ? Optional.empty() : list.stream()
                .filter(x -> !before.contains(x.uuid()) && x.toTransfer().kind() == kind).findFirst();
    }

    // ---------------------------------------------------------------------------------------------- helpers

    private static Map<String, Object> ordered(Object... keysAndValues) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            m.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return m;
    }

    /** An encoded path from raw segments: {@code path("apps", "my app")} is {@code /apps/my%20app}. */
    static String path(String... segments) {
        HttpUrl.Builder b = new HttpUrl.Builder().scheme("https").host("h");
        for (String s : segments) {
            Objects.requireNonNull(s, "path segment");
            if (s.isEmpty()) {
                throw new IllegalArgumentException("empty path segment");
            }
            b.addPathSegment(s);
        }
        return b.build().encodedPath();
    }

    @Override
    public String toString() {
        ApiTransport.Settings s = api.settings();
        return "HerokuClient[" + s.apiUrl() + ", data " + s.dataApiUrl() + ", token ██, " + s.retry() + "]";
    }

    /** A mutable builder of an immutable {@link HerokuClient}. */
    public static final class Builder {
        private String apiKey;
        private String apiUrl = DEFAULT_API_URL;
        private String dataApiUrl = DEFAULT_DATA_API_URL;
        private RetryPolicy retry = RetryPolicy.DEFAULT;
        private RateLimitPolicy rateLimit = RateLimitPolicy.DEFAULT;
        private CircuitBreakerPolicy circuitBreaker = CircuitBreakerPolicy.DEFAULT;
        private Timeouts timeouts = Timeouts.DEFAULT;
        private Sleeper sleeper = Sleeper.system();
        private Clock clock = Clock.systemUTC();
        private HerokuListener listener = HerokuListener.none();
        private OkHttpClient httpClient;
        private final List<String> warnings = new ArrayList<>();

        Builder() {
        }

        /** The API token, as {@code heroku auth:token} prints it (required). Never logged or shown. */
        public Builder apiKey(String token) {
            Objects.requireNonNull(token, "apiKey");
            if (token.isBlank()) {
                throw new IllegalArgumentException("apiKey is blank");
            }
            this.apiKey = token;
            return this;
        }

        /** The Platform API's base URL (default: {@value HerokuClient#DEFAULT_API_URL}). */
        public Builder apiUrl(String url) {
            this.apiUrl = checkUrl(url, "apiUrl");
            return this;
        }

        /** The Heroku Postgres data API's base URL (default: {@value HerokuClient#DEFAULT_DATA_API_URL}). */
        public Builder dataApiUrl(String url) {
            this.dataApiUrl = checkUrl(url, "dataApiUrl");
            return this;
        }

        /** Retries of failed calls (default: {@link RetryPolicy#DEFAULT}). */
        public Builder retryPolicy(RetryPolicy policy) {
            this.retry = Objects.requireNonNull(policy, "retryPolicy");
            return this;
        }

        /** Use of the account's API budget (default: {@link RateLimitPolicy#DEFAULT}). */
        public Builder rateLimitPolicy(RateLimitPolicy policy) {
            this.rateLimit = Objects.requireNonNull(policy, "rateLimitPolicy");
            return this;
        }

        /** When to fail fast during an outage (default: {@link CircuitBreakerPolicy#DEFAULT}). */
        public Builder circuitBreakerPolicy(CircuitBreakerPolicy policy) {
            this.circuitBreaker = Objects.requireNonNull(policy, "circuitBreakerPolicy");
            return this;
        }

        /** Per-call timeouts (default: {@link Timeouts#DEFAULT}). */
        public Builder timeouts(Timeouts timeouts) {
            this.timeouts = Objects.requireNonNull(timeouts, "timeouts");
            return this;
        }

        /** How zdcd pauses between polls and when slowing down (default: {@link Sleeper#system()}). */
        public Builder sleeper(Sleeper sleeper) {
            this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
            return this;
        }

        /** The clock deadlines and events use (default: {@link Clock#systemUTC()}). */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** Receives retries, slow-downs and progress (default: none). */
        public Builder listener(HerokuListener listener) {
            this.listener = Objects.requireNonNull(listener, "listener");
            return this;
        }

        /**
         * An OkHttp client to share its connection pool and dispatcher (default: a new one). zdcd derives its own
         * from it with its timeouts and interceptors, and with OkHttp's silent retry on connection failure turned
         * off (zdcd decides what may be repeated). Do not give it an interceptor that logs headers: it would log the
         * token.
         */
        public Builder httpClient(OkHttpClient client) {
            this.httpClient = Objects.requireNonNull(client, "httpClient");
            return this;
        }

        /**
         * Reads {@code HEROKU_API_KEY} (else the {@code password} of {@code machine api.heroku.com} in
         * {@code netrc}, where {@code heroku login} writes it), {@code HEROKU_API_URL} and
         * {@code HEROKU_DATA_API_URL} from {@code env}. Settings already made are kept unless the environment has
         * a value.
         *
         * @param netrc the netrc file (default in {@link HerokuClient#fromEnv()}: {@code $NETRC} or {@code ~/.netrc})
         */
        public Builder fromEnvironment(Map<String, String> env, Path netrc) {
            Objects.requireNonNull(env, "env");
            String key = env.get("HEROKU_API_KEY");
            if (key != null && !key.isBlank()) {
                apiKey(key);
            } else if (apiKey == null) {
                Optional<String> fromNetrc = Netrc.password(netrc, "api.heroku.com");
                fromNetrc.ifPresent(this::apiKey);
                if (fromNetrc.isPresent()) {
                    Netrc.permissionWarning(netrc).ifPresent(warnings::add);
                }
            }
            String url = env.get("HEROKU_API_URL");
            if (url != null && !url.isBlank()) {
                apiUrl(url.strip());
            }
            String data = env.get("HEROKU_DATA_API_URL");
            if (data != null && !data.isBlank()) {
                dataApiUrl(data.strip());
            }
            return this;
        }

        static Path defaultNetrc() {
            String env = System.getenv("NETRC");
            return env != null && !env.isBlank() ? Path.of(env) : Path.of(System.getProperty("user.home"), ".netrc");
        }

        boolean hasApiKey() {
            return apiKey != null;
        }

        /**
         * @throws IllegalStateException if no API key was given (the message says where zdcd looks for one)
         */
        public HerokuClient build() {
            if (apiKey == null) {
                throw new IllegalStateException("no Heroku API token: set HEROKU_API_KEY (see `heroku auth:token`) "
                        + "or log in with `heroku login`, which stores it in ~/.netrc");
            }
            return new HerokuClient(new ApiTransport.Settings(base(apiUrl), base(dataApiUrl), new Secret(apiKey),
                    retry, rateLimit, circuitBreaker, timeouts, sleeper, clock, listener, httpClient), warnings);
        }

        private static HttpUrl base(String url) {
            HttpUrl u = HttpUrl.get(url);
            return u.encodedPath().endsWith("/") ? u : u.newBuilder().addPathSegment("").build();
        }

        private static String checkUrl(String url, String name) {
            Objects.requireNonNull(url, name);
            HttpUrl u = HttpUrl.parse(url);
            if (u == null) {
                throw new IllegalArgumentException(name + " is not an http(s) URL: " + Redaction.withoutQuery(url));
            }
            if (!u.username().isEmpty() || !u.password().isEmpty()) {
                throw new IllegalArgumentException(name + " must not carry credentials; use apiKey");
            }
            if (!u.isHttps() && !Redaction.isLoopback(u.host())) {
                throw new IllegalArgumentException(name + " " + Redaction.withoutQuery(url) + " is plain http: every "
                        + "call would send the Heroku API token in clear text to " + u.host() + ". Use https:// "
                        + "(http:// is accepted only for a loopback host such as localhost or 127.0.0.1, for local fakes)");
            }
            return url;
        }
    }
}
