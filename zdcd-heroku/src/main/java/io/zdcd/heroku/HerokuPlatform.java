package io.zdcd.heroku;

import io.zdcd.heroku.internal.ClientSetup;
import io.zdcd.spi.Build;
import io.zdcd.spi.Health;
import io.zdcd.spi.PlatformException;
import io.zdcd.spi.Progress;
import io.zdcd.spi.Release;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

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
    private final HerokuPostgresBackups backups;
    private final HerokuReleaseFlow flow;
    private final HerokuVerification verification;

    private HerokuPlatform(Builder b, HerokuClient client) {
        this.client = client;
        this.app = b.app;
        this.flow = new HerokuReleaseFlow(client, b.buildWait, b.releaseWait, b.dynoWait, b.waitForDynos);
        this.verification = new HerokuVerification(client, client.clock(), b.commandPoll);
        this.backups = HerokuPostgresBackups.builder().client(client).configVar(b.databaseConfigVar)
                .transferWait(b.transferWait).clock(client.clock()).build();
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
        return builder().fromEnvironment(System.getenv(), ClientSetup.defaultNetrc()).build();
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
        return flow.currentRelease(app);
    }

    @Override
    public Release release(String app, Build build, Progress progress) {
        return flow.release(app, build, progress);
    }

    @Override
    public Release rollback(String app, Release target, Progress progress) {
        return flow.rollback(app, target, progress);
    }

    /**
     * Waits for a build ({@code kind} {@code build}: the build, then the release Heroku creates from it) or a release
     * ({@code release}: its release phase) that an earlier {@link #release} reported and did not see finish. Heroku
     * cannot cancel a build: this is how recovery makes sure nothing goes live after its rollback. Other kinds
     * (backup transfers) make nothing live: empty at once.
     */
    @Override
    public Optional<Release> awaitOperation(String app, String kind, String id, Progress progress) {
        return flow.awaitOperation(app, kind, id, progress);
    }

    @Override
    public void maintenance(String app, boolean on) {
        HerokuApp result = client.apps().setMaintenance(app, on);
        if (result.maintenance() != on) {
            throw new PlatformException("maintenance " + (on ? "on" : "off") + " for " + app,
                    "Heroku still reports maintenance " + (result.maintenance() ? "on" : "off")
                            + (result.generation().equals("fir") ? " (Fir apps have no maintenance mode)" : ""));
        }
    }

    @Override
    public boolean inMaintenance(String app) {
        return client.apps().get(app).maintenance();
    }

    /**
     * Whether every web dyno is {@code up} on {@code release} ({@code GET /apps/{app}/dynos}); an app without web
     * dynos is judged by its other formation dynos, and one without any is unhealthy. Works with maintenance mode
     * on (the router then answers 503, but the dynos run). Unhealthy names each dyno that is not up on the release:
     * crashed, starting, or still on an older release. Never throws: an API failure is an unhealthy answer.
     */
    @Override
    public Health processesUp(String app, Release release) {
        return verification.processesUp(app, release);
    }

    /**
     * Runs {@code command} in a one-off dyno ({@code POST /apps/{app}/dynos}, type {@code run}, detached; Heroku
     * runs it on the current release, which is checked to be {@code release}) and waits at most {@code timeout}
     * for the {@code Process exited with status N} line in the dyno's log ({@link DynosApi#waitForExit}).
     * Healthy on status 0; otherwise unhealthy with the status (or "did not exit") and the last lines of output,
     * the API token and URL credentials hidden. A dyno still running at the deadline is stopped. The command is
     * shown (in progress and details) with credentials hidden; pass secrets through config vars, not the command.
     */
    @Override
    public Health runCommand(String app, Release release, String command, Duration timeout, Progress progress) {
        return verification.runCommand(app, release, command, timeout, progress);
    }

    @Override
    public String toString() {
        return "HerokuPlatform[" + (app == null ? "" : app + ", ") + client + "]";
    }

    /**
     * Configures a {@link HerokuPlatform}: the {@link HerokuClient} it calls Heroku with (its clock and rate-limit
     * budget are the platform's too), the app, and how to wait.
     */
    public static final class Builder extends DeprecatedClientSettings<Builder> {
        private HerokuClient client;
        private String app;
        private WaitPolicy buildWait = WaitPolicy.BUILD;
        private WaitPolicy releaseWait = WaitPolicy.RELEASE;
        private WaitPolicy dynoWait = WaitPolicy.DYNOS;
        private WaitPolicy transferWait = WaitPolicy.TRANSFER;
        private boolean waitForDynos = true;
        private Duration commandPoll = Duration.ofSeconds(5);
        private String databaseConfigVar = HerokuPostgresBackups.DEFAULT_CONFIG_VAR;

        Builder() {
        }

        @Override
        Builder self() {
            return this;
        }

        /**
         * The configured client to call Heroku with: token, URLs, retries, rate limit, circuit breaker, timeouts,
         * sleeper, clock and listener are set on {@link HerokuClient#builder()}. (default: one built from the
         * environment by {@link #fromEnvironment}, else none: {@link #build()} then fails)
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
         * Reads {@code HEROKU_APP}, and the client's variables for the client built when none is given (see
         * {@link HerokuClient.Builder#fromEnvironment}).
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
         * @throws IllegalStateException when neither a client nor an API token was given, or when a client was
         *                               given and so was one of its settings here (it would be ignored)
         *
         * @return the platform
         */
        public HerokuPlatform build() {
            if (client != null && clientSetting != null) {
                throw new IllegalStateException("HerokuPlatform.Builder." + clientSetting + "(...) would be ignored: "
                        + "a client(...) is given; set it on HerokuClient.builder() instead");
            }
            return new HerokuPlatform(this, client != null ? client : clientBuilder.build());
        }
    }
}
