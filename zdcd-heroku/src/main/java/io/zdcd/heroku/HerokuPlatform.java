package io.zdcd.heroku;

import io.zdcd.spi.Build;
import io.zdcd.spi.Health;
import io.zdcd.spi.PlatformException;
import io.zdcd.spi.Progress;
import io.zdcd.spi.Release;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;
import okhttp3.OkHttpClient;

/**
 * zdcd's {@link io.zdcd.spi.Platform} on Heroku: a release is a Heroku build of the build's source tarball, then
 * the release Heroku creates from it, followed through its release phase (and, by default, until the dynos are up
 * on it); a rollback is a Heroku rollback followed the same way; maintenance is Heroku's maintenance mode.
 *
 * <pre>{@code
 * HerokuPlatform heroku = HerokuPlatform.fromEnv();      // HEROKU_API_KEY (or ~/.netrc) and HEROKU_APP
 * DeploymentPipeline pipeline = DeploymentPipeline.builder()
 *         .app(heroku.app().orElseThrow())
 *         .platform(heroku)
 *         .backups(heroku.backups())
 *         .build();
 * pipeline.deploy(Build.of(sha).withSourceUrl("https://.../app-" + sha + ".tar.gz"));
 * }</pre>
 *
 * <p>Every failure is a {@link PlatformException}: a {@link HerokuApiException} for the API itself, a plain
 * {@code PlatformException} when Heroku says the build or the release phase failed (with the end of its output).
 * Before a release (not before a rollback: that is recovery) zdcd checks the account's API budget
 * ({@link RateLimitPolicy#minimumToStart()}).
 *
 * <p>Verification inside a maintenance window (when Heroku's router answers 503 to every request) asks the
 * platform, not HTTP: {@link #processesUp} (every web dyno {@code up} on the release) and {@link #runCommand} (a smoke
 * command in a one-off dyno, its exit status read from the dyno's log session).
 *
 * <p>Verified against Heroku's documents and the Heroku CLI's source only (see {@link HerokuClient}).
 * Maintenance mode is not available on Fir-generation apps: switching it fails clearly there.
 *
 * @since 0.1
 */
public final class HerokuPlatform implements io.zdcd.spi.Platform {
    private final HerokuClient client;
    private final String app;
    private final WaitPolicy buildWait;
    private final WaitPolicy releaseWait;
    private final WaitPolicy dynoWait;
    private final boolean waitForDynos;
    private final int minimumBudget;
    private final Clock clock;
    private final HerokuPostgresBackups backups;
    private final Duration commandPoll;

    private HerokuPlatform(Builder b, HerokuClient client) {
        this.client = client;
        this.app = b.app;
        this.buildWait = b.buildWait;
        this.releaseWait = b.releaseWait;
        this.dynoWait = b.dynoWait;
        this.waitForDynos = b.waitForDynos;
        this.minimumBudget = b.rateLimit.minimumToStart();
        this.clock = b.clock;
        this.commandPoll = b.commandPoll;
        this.backups = HerokuPostgresBackups.builder().client(client).configVar(b.databaseConfigVar)
                .transferWait(b.transferWait).clock(b.clock).build();
    }

    /**
     * A builder with the defaults listed on each setting.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * A platform from the environment: {@code HEROKU_API_KEY} (or the {@code api.heroku.com} entry of
     * {@code ~/.netrc}), {@code HEROKU_APP}, {@code HEROKU_API_URL}, {@code HEROKU_DATA_API_URL}.
     *
     * @throws IllegalStateException when no API token can be found
     * @return a platform configured from the environment
     */
    public static HerokuPlatform fromEnv() {
        return builder().fromEnvironment(System.getenv(), HerokuClient.Builder.defaultNetrc()).build();
    }

    /**
     * The app named by {@link Builder#app} or {@code HEROKU_APP}, if any.
     *
     * @return the app, or empty
     */
    public Optional<String> app() {
        return Optional.ofNullable(app);
    }

    /**
     * The API client this platform uses (for calls the ports do not cover).
     *
     * @return the client
     */
    public HerokuClient client() {
        return client;
    }

    /**
     * Heroku Postgres backups through the same client.
     *
     * @return backups of the database named by {@link Builder#databaseConfigVar}
     */
    public HerokuPostgresBackups backups() {
        return backups;
    }

    /** Heroku builds from a gzipped tarball it downloads: a build without a source URL cannot be released. */
    @Override
    public Optional<String> cannotRelease(String app, io.zdcd.spi.Build build) {
        return build.sourceUrl().isPresent() ? Optional.empty() : Optional.of(build + " has no source URL: Heroku "
                + "builds a gzipped tarball it downloads (zdcd deploy --source-url, Build.withSourceUrl)");
    }

    @Override
    public Optional<Release> currentRelease(String app) {
        List<HerokuRelease> recent = client.releases(app, 50);
        Optional<HerokuRelease> current = recent.stream().filter(HerokuRelease::current).findFirst()
                .or(() -> recent.stream().filter(r -> r.status() == HerokuRelease.Status.SUCCEEDED).findFirst());
        return current.map(r -> toRelease(r, buildVersionOf(app, r)));
    }

    @Override
    public Release release(String app, Build build, Progress progress) {
        String operation = "release " + app + " build " + build.shortVersion();
        String sourceUrl = build.sourceUrl().orElseThrow(() -> new PlatformException(operation,
                "the build has no source URL (Heroku builds a gzipped tarball it can download: Build.withSourceUrl)"));
        checkBudget();
        HerokuBuild started = client.createBuild(app, sourceUrl, build.version());
        progress.operationStarted("build", started.id()); // journaled before waiting: a crash cannot lose it
        progress.report("Heroku build " + started.id() + " started");
        HerokuBuild built = client.waitForBuild(app, started.id(), buildWait);
        if (built.status() != HerokuBuild.Status.SUCCEEDED) {
            throw new PlatformException(operation, "Heroku build " + built.id() + " " + lower(built.status())
                    + tail(client.buildOutput(built)));
        }
        progress.report("Heroku build " + built.id() + " succeeded");
        HerokuRelease created = findReleaseOf(app, built);
        progress.operationStarted("release", created.id());
        progress.report("release v" + created.version() + " created, release phase running");
        HerokuRelease done = client.waitForRelease(app, created.id(), releaseWait);
        if (done.status() != HerokuRelease.Status.SUCCEEDED) {
            throw new PlatformException(operation, "release phase of v" + done.version() + " "
                    + lower(done.status()) + "; v" + done.version() + " does not serve traffic"
                    + tail(client.releaseOutput(done)));
        }
        progress.report("release v" + done.version() + " succeeded");
        awaitDynos(app, done, progress);
        return toRelease(done, build.version());
    }

    @Override
    public Release rollback(String app, Release target, Progress progress) {
        String operation = "roll back " + app + " to v" + target.version();
        HerokuRelease to = client.release(app, String.valueOf(target.version()));
        if (!to.eligibleForRollback()) {
            throw new PlatformException(operation, "Heroku says v" + to.version() + " (" + lower(to.status())
                    + ") is not eligible for rollback");
        }
        // no budget check here: a rollback is recovery, and refusing it would leave a broken release serving
        HerokuRelease created = client.rollback(app, to.id());
        progress.operationStarted("release", created.id());
        progress.report("rollback release v" + created.version() + " created, release phase running");
        HerokuRelease done = client.waitForRelease(app, created.id(), releaseWait);
        if (done.status() != HerokuRelease.Status.SUCCEEDED) {
            throw new PlatformException(operation, "release phase of rollback release v" + done.version() + " "
                    + lower(done.status()) + tail(client.releaseOutput(done)));
        }
        progress.report("rollback release v" + done.version() + " succeeded");
        awaitDynos(app, done, progress);
        return toRelease(done, target.buildVersion());
    }

    /**
     * Waits for a build ({@code kind} {@code build}: the build, then the release Heroku creates from it) or a release
     * ({@code release}: its release phase) that an earlier {@link #release} reported and did not see finish. Heroku
     * cannot cancel a build: this is how recovery makes sure nothing goes live after its rollback. Other kinds
     * (backup transfers) make nothing live: empty at once.
     */
    @Override
    public Optional<Release> awaitOperation(String app, String kind, String id, Progress progress) {
        String releaseId;
        if ("build".equals(kind)) {
            HerokuBuild built = client.waitForBuild(app, id, buildWait);
            progress.report("Heroku build " + id + " " + lower(built.status()));
            if (built.status() != HerokuBuild.Status.SUCCEEDED) {
                return Optional.empty();
            }
            releaseId = findReleaseOf(app, built).id();
        } else if ("release".equals(kind)) {
            releaseId = id;
        } else {
            return Optional.empty();
        }
        HerokuRelease done = client.waitForRelease(app, releaseId, releaseWait);
        progress.report("release v" + done.version() + " " + lower(done.status()));
        return done.status() == HerokuRelease.Status.SUCCEEDED
                ? Optional.of(toRelease(done, buildVersionOf(app, done))) : Optional.empty();
    }

    @Override
    public void maintenance(String app, boolean on) {
        HerokuApp result = client.setMaintenance(app, on);
        if (result.maintenance() != on) {
            throw new PlatformException("maintenance " + (on ? "on" : "off") + " for " + app,
                    "Heroku still reports maintenance " + (result.maintenance() ? "on" : "off")
                            + (result.generation().equals("fir") ? " (Fir apps have no maintenance mode)" : ""));
        }
    }

    @Override
    public boolean inMaintenance(String app) {
        return client.app(app).maintenance();
    }

    /**
     * Whether every web dyno is {@code up} on {@code release} ({@code GET /apps/{app}/dynos}); an app without web
     * dynos is judged by its other formation dynos, and one without any is unhealthy. Works with maintenance mode
     * on (the router then answers 503, but the dynos run). Unhealthy names each dyno that is not up on the release:
     * crashed, starting, or still on an older release. Never throws: an API failure is an unhealthy answer.
     */
    @Override
    public Health processesUp(String app, Release release) {
        List<HerokuDyno> all;
        try {
            all = client.dynos(app);
        } catch (PlatformException e) {
            return Health.unhealthy("cannot list the dynos of " + app + ": " + e.getMessage());
        }
        List<HerokuDyno> formation = all.stream().filter(d -> !"run".equals(d.type()) && !"release".equals(d.type()))
                .toList();
        List<HerokuDyno> web = formation.stream().filter(d -> "web".equals(d.type())).toList();
        List<HerokuDyno> judged = web.isEmpty() ? formation : web;
        String kind = web.isEmpty() ? "" : "web ";
        if (judged.isEmpty()) {
            return Health.unhealthy("no dyno of " + app + " is running (heroku ps:scale web=1)");
        }
        List<String> bad = new ArrayList<>();
        for (HerokuDyno d : judged) {
            if (d.releaseVersion() != release.version()) {
                bad.add(d.name() + " " + d.state() + " on v" + d.releaseVersion() + ", not v" + release.version());
            } else if (!d.isUp()) {
                bad.add(d.name() + " " + d.state());
            }
        }
        if (!bad.isEmpty()) {
            return Health.unhealthy(bad.size() + " of " + judged.size() + " " + kind + "dynos not up on v"
                    + release.version() + ": " + String.join(", ", bad));
        }
        return Health.healthy(judged.size() + " " + kind + (judged.size() == 1 ? "dyno" : "dynos") + " up on v"
                + release.version());
    }

    /**
     * Runs {@code command} in a one-off dyno ({@code POST /apps/{app}/dynos}, type {@code run}, detached; Heroku
     * runs it on the current release, which is checked to be {@code release}) and waits at most {@code timeout}
     * for the {@code Process exited with status N} line in the dyno's log ({@link HerokuClient#waitForExit}).
     * Healthy on status 0; otherwise unhealthy with the status (or "did not exit") and the last lines of output,
     * the API token and URL credentials hidden. A dyno still running at the deadline is stopped. The command is
     * shown (in progress and details) with credentials hidden; pass secrets through config vars, not the command.
     */
    @Override
    public Health runCommand(String app, Release release, String command, Duration timeout, Progress progress) {
        Objects.requireNonNull(command, "command");
        if (command.isBlank()) {
            throw new IllegalArgumentException("command is blank");
        }
        String shown = "`" + io.zdcd.jdbc.PostgresDatabase.redact(command) + "`";
        Instant deadline = clock.instant().plus(timeout);
        HerokuDyno dyno;
        try {
            dyno = client.runDetached(app, command, null);
        } catch (PlatformException e) {
            return Health.unhealthy("cannot start " + shown + " in a one-off dyno: " + e.getMessage());
        }
        // no operationStarted: a smoke dyno changes nothing that recovery would have to wait for
        progress.report("one-off dyno " + dyno.name() + " running " + shown + " on v" + dyno.releaseVersion());
        if (dyno.releaseVersion() != 0 && dyno.releaseVersion() != release.version()) {
            return Health.unhealthy(shown + " ran in " + dyno.name() + " on v" + dyno.releaseVersion() + ", not on v"
                    + release.version() + " (another release became current)");
        }
        Duration left = Duration.between(clock.instant(), deadline);
        left = left.isNegative() ? Duration.ZERO : left;
        HerokuRunResult result = client.waitForExit(app, dyno.name(),
                WaitPolicy.of(left.compareTo(commandPoll) < 0 ? left : commandPoll, left));
        String tail = result.output().isEmpty() ? "" : "; output ends: " + result.tail(5);
        if (!result.exited()) {
            try {
                client.stopDyno(app, dyno.name());
            } catch (PlatformException e) {
                // it ends by itself at its time to live; the verdict stands
            }
            return Health.unhealthy(shown + " in " + dyno.name() + " did not exit within "
                    + Durations.format(timeout) + " (stopped)" + tail);
        }
        int status = result.exitStatus().getAsInt();
        progress.report("one-off dyno " + dyno.name() + " exited with status " + status);
        return status == 0
                ? Health.healthy(shown + " exited with status 0 in " + dyno.name() + " on v" + release.version())
                : Health.unhealthy(shown + " exited with status " + status + " in " + dyno.name() + " on v"
                        + release.version() + tail);
    }

    private void checkBudget() {
        if (minimumBudget <= 0) {
            return;
        }
        int remaining = client.rateLimitRemaining();
        if (remaining < minimumBudget) {
            throw new HerokuApiException(0, HerokuApiException.RATE_LIMIT_BUDGET, "only " + remaining
                    + " API calls left in the account's budget, " + minimumBudget + " needed to start; try again later",
                    "", "GET", "/account/rate-limits", null);
        }
    }

    private HerokuRelease findReleaseOf(String app, HerokuBuild built) {
        // build.release may lag behind build.status (heroku-api.md §13.5): look again for a while.
        return new io.zdcd.heroku.internal.Waiter(clock, client.sleeper())
                .until("the release of build " + built.id(), "GET", "/apps/" + app + "/builds/" + built.id(),
                        releaseWait, () -> client.releaseOf(app, client.build(app, built.id())), Optional::isPresent,
                        r -> { })
                .orElseThrow();
    }

    private void awaitDynos(String app, HerokuRelease release, Progress progress) {
        if (waitForDynos) {
            List<HerokuDyno> settled = client.waitForDynosSettled(app, release.version(), dynoWait);
            List<HerokuDyno> crashed = settled.stream().filter(d -> !d.isUp()).toList();
            progress.report(crashed.isEmpty() ? settled.size() + " dynos up on v" + release.version()
                    : (settled.size() - crashed.size()) + " dynos up on v" + release.version() + ", crashed: "
                    + crashed.stream().map(HerokuDyno::name).collect(Collectors.joining(", ")));
        }
    }

    private String buildVersionOf(String app, HerokuRelease release) {
        if (release.slugId().isEmpty()) {
            return "";
        }
        return client.builds(app, 20).stream().filter(b -> b.slugId().equals(release.slugId()))
                .map(HerokuBuild::sourceVersion).findFirst().orElse("");
    }

    private Release toRelease(HerokuRelease r, String buildVersion) {
        Instant at;
        try {
            at = Instant.parse(r.createdAt());
        } catch (DateTimeParseException e) {
            at = clock.instant(); // the data format is not guaranteed (heroku-api.md §13.9): never fail on it
        }
        return new Release(r.version(), buildVersion, r.description(), at);
    }

    private static String tail(Optional<String> output) {
        return output.map(o -> {
            List<String> lines = o.strip().lines().toList();
            List<String> last = lines.subList(Math.max(0, lines.size() - 5), lines.size());
            return last.isEmpty() ? "" : "; output ends: " + String.join(" | ", last);
        }).orElse("");
    }

    private static String lower(Enum<?> e) {
        return e.name().toLowerCase(java.util.Locale.ROOT);
    }

    @Override
    public String toString() {
        return "HerokuPlatform[" + (app == null ? "" : app + ", ") + client + "]";
    }

    /** Configures a {@link HerokuPlatform}: a {@link HerokuClient} or its settings, and how to wait. */
    public static final class Builder {
        private final HerokuClient.Builder clientBuilder = HerokuClient.builder();
        private HerokuClient client;
        private String app;
        private WaitPolicy buildWait = WaitPolicy.BUILD;
        private WaitPolicy releaseWait = WaitPolicy.RELEASE;
        private WaitPolicy dynoWait = WaitPolicy.DYNOS;
        private WaitPolicy transferWait = WaitPolicy.TRANSFER;
        private boolean waitForDynos = true;
        private Duration commandPoll = Duration.ofSeconds(5);
        private String databaseConfigVar = HerokuPostgresBackups.DEFAULT_CONFIG_VAR;
        private RateLimitPolicy rateLimit = RateLimitPolicy.DEFAULT;
        private Clock clock = Clock.systemUTC();

        Builder() {
        }

        /**
         * A ready client; the connection settings below are then ignored. (default: one built from them)
         *
         * @param client the client to use
         * @return this builder
         */
        public Builder client(HerokuClient client) {
            this.client = Objects.requireNonNull(client, "client");
            return this;
        }

        /**
         * The app {@link #app()} names, e.g. for the command line. (default: {@code HEROKU_APP} in fromEnv, else none)
         *
         * @param app the Heroku app name
         * @return this builder
         */
        public Builder app(String app) {
            Objects.requireNonNull(app, "app");
            if (app.isBlank()) {
                throw new IllegalArgumentException("app is blank");
            }
            this.app = app;
            return this;
        }

        /**
         * The API token (required unless {@link #client} is given).
         *
         * @param token the Heroku API token (never logged or printed)
         * @return this builder
         */
        public Builder apiKey(String token) {
            clientBuilder.apiKey(token);
            return this;
        }

        /**
         * (default: {@value HerokuClient#DEFAULT_API_URL})
         *
         * @param url the base URL of the Heroku Platform API
         * @return this builder
         */
        public Builder apiUrl(String url) {
            clientBuilder.apiUrl(url);
            return this;
        }

        /**
         * (default: {@value HerokuClient#DEFAULT_DATA_API_URL})
         *
         * @param url the base URL of the Heroku Postgres (data) API
         * @return this builder
         */
        public Builder dataApiUrl(String url) {
            clientBuilder.dataApiUrl(url);
            return this;
        }

        /**
         * Share an OkHttp client's connection pool (see {@link HerokuClient.Builder#httpClient}). (default: a new one)
         *
         * @param httpClient the client whose pool to share
         * @return this builder
         */
        public Builder httpClient(OkHttpClient httpClient) {
            clientBuilder.httpClient(httpClient);
            return this;
        }

        /**
         * (default: {@link RetryPolicy#DEFAULT})
         *
         * @param policy how failed API calls are retried
         * @return this builder
         */
        public Builder retryPolicy(RetryPolicy policy) {
            clientBuilder.retryPolicy(policy);
            return this;
        }

        /**
         * Also sets the budget checked before each release and rollback. (default: {@link RateLimitPolicy#DEFAULT})
         *
         * @param policy how calls slow down as the API's rate limit budget runs low
         * @return this builder
         */
        public Builder rateLimitPolicy(RateLimitPolicy policy) {
            this.rateLimit = Objects.requireNonNull(policy, "rateLimitPolicy");
            clientBuilder.rateLimitPolicy(policy);
            return this;
        }

        /**
         * (default: {@link CircuitBreakerPolicy#DEFAULT})
         *
         * @param policy when to stop calling an API that keeps failing
         * @return this builder
         */
        public Builder circuitBreakerPolicy(CircuitBreakerPolicy policy) {
            clientBuilder.circuitBreakerPolicy(policy);
            return this;
        }

        /**
         * (default: {@link Timeouts#DEFAULT})
         *
         * @param timeouts the HTTP timeouts
         * @return this builder
         */
        public Builder timeouts(Timeouts timeouts) {
            clientBuilder.timeouts(timeouts);
            return this;
        }

        /**
         * (default: {@link Sleeper#system()})
         *
         * @param sleeper how to pause between polls and retries
         * @return this builder
         */
        public Builder sleeper(Sleeper sleeper) {
            clientBuilder.sleeper(sleeper);
            return this;
        }

        /**
         * (default: {@link Clock#systemUTC()})
         *
         * @param clock the time source for waits and deadlines
         * @return this builder
         */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            clientBuilder.clock(clock);
            return this;
        }

        /**
         * (default: none)
         *
         * @param listener receives every {@link HerokuEvent}
         * @return this builder
         */
        public Builder listener(HerokuListener listener) {
            clientBuilder.listener(listener);
            return this;
        }

        /**
         * How to wait for a build. (default: {@link WaitPolicy#BUILD})
         *
         * @param policy poll interval and deadline
         * @return this builder
         */
        public Builder buildWait(WaitPolicy policy) {
            this.buildWait = Objects.requireNonNull(policy, "buildWait");
            return this;
        }

        /**
         * How to wait for a release phase. (default: {@link WaitPolicy#RELEASE})
         *
         * @param policy poll interval and deadline
         * @return this builder
         */
        public Builder releaseWait(WaitPolicy policy) {
            this.releaseWait = Objects.requireNonNull(policy, "releaseWait");
            return this;
        }

        /**
         * How to wait for dynos up on a new release. (default: {@link WaitPolicy#DYNOS})
         *
         * @param policy poll interval and deadline
         * @return this builder
         */
        public Builder dynoWait(WaitPolicy policy) {
            this.dynoWait = Objects.requireNonNull(policy, "dynoWait");
            return this;
        }

        /**
         * How to wait for backups and restores. (default: {@link WaitPolicy#TRANSFER})
         *
         * @param policy poll interval and deadline
         * @return this builder
         */
        public Builder transferWait(WaitPolicy policy) {
            this.transferWait = Objects.requireNonNull(policy, "transferWait");
            return this;
        }

        /**
         * How often {@link #runCommand} looks at a one-off dyno's log for its exit (each look is one log session,
         * one API call). (default: 5 s)
         *
         * @param interval the pause between looks
         * @return this builder
         */
        public Builder commandPoll(Duration interval) {
            Objects.requireNonNull(interval, "commandPoll");
            if (interval.isNegative() || interval.isZero()) {
                throw new IllegalArgumentException("commandPoll must be > 0, was " + interval);
            }
            this.commandPoll = interval;
            return this;
        }

        /**
         * Whether a release waits until every web/worker dyno is up (or crashed) on it. (default: true)
         *
         * @param wait whether to wait
         * @return this builder
         */
        public Builder waitForDynos(boolean wait) {
            this.waitForDynos = wait;
            return this;
        }

        /**
         * The config var of the database {@link #backups()} backs up. (default: {@code DATABASE_URL})
         *
         * @param name the config var's name
         * @return this builder
         */
        public Builder databaseConfigVar(String name) {
            this.databaseConfigVar = Objects.requireNonNull(name, "databaseConfigVar");
            return this;
        }

        /**
         * Reads {@code HEROKU_APP} and the client's variables (see {@link HerokuClient.Builder#fromEnvironment}).
         *
         * @param env   the environment variables, such as {@code System.getenv()}
         * @param netrc the netrc file to look for the Heroku CLI's token in
         * @return this builder
         */
        public Builder fromEnvironment(Map<String, String> env, Path netrc) {
            clientBuilder.fromEnvironment(env, netrc);
            String a = env.get("HEROKU_APP");
            if (a != null && !a.isBlank()) {
                app(a.strip());
            }
            return this;
        }

        /**
         * @throws IllegalStateException when neither a client nor an API token was given
         *
         * @return the platform
         */
        public HerokuPlatform build() {
            return new HerokuPlatform(this, client != null ? client : clientBuilder.build());
        }
    }
}
