package io.zdcd.heroku;

import io.zdcd.heroku.internal.Api;
import io.zdcd.heroku.internal.ApiRequest;
import io.zdcd.heroku.internal.ApiSettings;
import io.zdcd.heroku.internal.ApiTransport;
import io.zdcd.heroku.internal.ClientSetup;
import io.zdcd.heroku.internal.Dto;
import io.zdcd.heroku.internal.Netrc;
import io.zdcd.heroku.internal.Secret;
import io.zdcd.heroku.internal.Waiter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
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
 * HerokuRelease current = heroku.releases().current("acme-api");
 * }</pre>
 *
 * <p>The endpoints come in resource groups: {@link #apps()}, {@link #releases()}, {@link #builds()},
 * {@link #formation()}, {@link #dynos()}, {@link #logs()}, {@link #config()}, {@link #addons()},
 * {@link #pipelines()} and {@link #postgres()}; all share this client's transport (token, retries, rate limit),
 * policies and listener, and each method returns the same object each time.
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

    private final ApiTransport api;
    private final List<String> warnings;
    private final AppsApi apps;
    private final ReleasesApi releases;
    private final BuildsApi builds;
    private final FormationApi formation;
    private final DynosApi dynos;
    private final LogsApi logs;
    private final ConfigVarsApi config;
    private final AddonsApi addons;
    private final PipelinesApi pipelines;
    private final PostgresApi postgres;

    private HerokuClient(ApiSettings settings, List<String> warnings) {
        this.api = new ApiTransport(settings);
        Waiter waiter = new Waiter(settings.clock(), settings.sleeper());
        this.apps = new AppsApi(api);
        this.releases = new ReleasesApi(api, waiter);
        this.builds = new BuildsApi(api, waiter, releases);
        this.formation = new FormationApi(api);
        this.logs = new LogsApi(api);
        this.dynos = new DynosApi(api, waiter, logs);
        this.config = new ConfigVarsApi(api);
        this.addons = new AddonsApi(api);
        this.pipelines = new PipelinesApi(api);
        this.postgres = new PostgresApi(api, waiter);
        this.warnings = List.copyOf(warnings);
        for (String w : this.warnings) {
            org.slf4j.LoggerFactory.getLogger(HerokuClient.class).warn("{}", w);
            api.emit(new HerokuEvent.Warning(settings.clock().instant(), w));
        }
    }

    /**
     * What the user should fix in the setup this client was built from (for example a {@code ~/.netrc} others
     * can read: {@code chmod 600}), each said once per run; also logged at WARN and sent to the listener. A
     * command-line tool prints them.
     *
     * @return the warnings, in the order found; empty when the setup is fine
     */
    public List<String> warnings() {
        return warnings;
    }

    /** {@return a new builder with the defaults; only the API key is required} */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * A client configured from the environment: {@code HEROKU_API_KEY} (or the Heroku CLI's {@code ~/.netrc} entry
     * for {@code api.heroku.com}), {@code HEROKU_API_URL}, {@code HEROKU_DATA_API_URL}.
     *
     * @return a client with the default policies
     * @throws IllegalStateException when no API key is found (the message says where zdcd looks)
     */
    public static HerokuClient fromEnv() {
        return builder().fromEnvironment(System.getenv(), ClientSetup.defaultNetrc()).build();
    }

    // ---------------------------------------------------------------------------------------------- resource groups

    /** {@return the apps calls: apps and maintenance mode} */
    public AppsApi apps() {
        return apps;
    }

    /** {@return the releases calls: releases, rollbacks and the release phase} */
    public ReleasesApi releases() {
        return releases;
    }

    /** {@return the builds calls: sources and builds} */
    public BuildsApi builds() {
        return builds;
    }

    /** {@return the formation calls: process types and their quantities} */
    public FormationApi formation() {
        return formation;
    }

    /** {@return the dynos calls: dynos, one-off dynos and waiting for a release's dynos} */
    public DynosApi dynos() {
        return dynos;
    }

    /** {@return the logs calls: log sessions} */
    public LogsApi logs() {
        return logs;
    }

    /** {@return the config vars calls: config vars} */
    public ConfigVarsApi config() {
        return config;
    }

    /** {@return the add-ons calls: add-ons and attachments} */
    public AddonsApi addons() {
        return addons;
    }

    /** {@return the pipelines calls: pipeline promotions} */
    public PipelinesApi pipelines() {
        return pipelines;
    }

    /** {@return the Postgres data calls: the Heroku Postgres data API: backups, restores, transfers} */
    public PostgresApi postgres() {
        return postgres;
    }

    // ---------------------------------------------------------------------------------------------- account

    /** {@return the calls left in the account's budget, by {@code GET /account/rate-limits} (free)} */
    public int rateLimitRemaining() {
        Dto.RateLimit r = api.idempotent(ApiRequest.get(Api.PLATFORM, "/account/rate-limits"), Dto.RateLimit.class);
        return r == null || r.remaining() == null ? 0 : r.remaining();
    }

    /**
     * {@return the calls left: the {@code RateLimit-Remaining} of the latest response, or empty when no response
     * carried it} No call is made.
     */
    public OptionalInt lastRateLimitRemaining() {
        return api.lastRateLimitRemaining();
    }

    /** The sleeper this client pauses with. */
    Sleeper sleeper() {
        return api.settings().sleeper();
    }

    /** The clock this client's deadlines and events use. */
    Clock clock() {
        return api.settings().clock();
    }

    /** The rate-limit policy this client was built with (its budget to start a release). */
    RateLimitPolicy rateLimitPolicy() {
        return api.settings().rateLimit();
    }

    @Override
    public String toString() {
        ApiSettings s = api.settings();
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

        /**
         * The API token, as {@code heroku auth:token} prints it (required). Never logged or shown.
         *
         * @param token the API token; must not be blank
         * @return this builder
         */
        public Builder apiKey(String token) {
            this.apiKey = ClientSetup.notBlank(token, "apiKey");
            return this;
        }

        /**
         * The Platform API's base URL (default: {@value HerokuClient#DEFAULT_API_URL}).
         *
         * @param url an {@code https://} URL without credentials ({@code http://} only for a loopback host, as for
         *     local fakes)
         * @return this builder
         */
        public Builder apiUrl(String url) {
            this.apiUrl = ClientSetup.checkUrl(url, "apiUrl");
            return this;
        }

        /**
         * The Heroku Postgres data API's base URL (default: {@value HerokuClient#DEFAULT_DATA_API_URL}).
         *
         * @param url an {@code https://} URL without credentials ({@code http://} only for a loopback host, as for
         *     local fakes)
         * @return this builder
         */
        public Builder dataApiUrl(String url) {
            this.dataApiUrl = ClientSetup.checkUrl(url, "dataApiUrl");
            return this;
        }

        /**
         * Retries of failed calls (default: {@link RetryPolicy#DEFAULT}).
         *
         * @param policy how often and how long to retry; must not be null
         * @return this builder
         */
        public Builder retryPolicy(RetryPolicy policy) {
            this.retry = Objects.requireNonNull(policy, "retryPolicy");
            return this;
        }

        /**
         * Use of the account's API budget (default: {@link RateLimitPolicy#DEFAULT}).
         *
         * @param policy when to slow down and how much budget a deploy needs to start; must not be null
         * @return this builder
         */
        public Builder rateLimitPolicy(RateLimitPolicy policy) {
            this.rateLimit = Objects.requireNonNull(policy, "rateLimitPolicy");
            return this;
        }

        /**
         * When to fail fast during an outage (default: {@link CircuitBreakerPolicy#DEFAULT}).
         *
         * @param policy the failure rate and window that open the breaker; must not be null
         * @return this builder
         */
        public Builder circuitBreakerPolicy(CircuitBreakerPolicy policy) {
            this.circuitBreaker = Objects.requireNonNull(policy, "circuitBreakerPolicy");
            return this;
        }

        /**
         * Per-call timeouts (default: {@link Timeouts#DEFAULT}).
         *
         * @param timeouts connect, read, write and whole-call timeouts; must not be null
         * @return this builder
         */
        public Builder timeouts(Timeouts timeouts) {
            this.timeouts = Objects.requireNonNull(timeouts, "timeouts");
            return this;
        }

        /**
         * How zdcd pauses between polls and when slowing down (default: {@link Sleeper#system()}).
         *
         * @param sleeper the sleeper; tests pass one that advances a fake clock; must not be null
         * @return this builder
         */
        public Builder sleeper(Sleeper sleeper) {
            this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
            return this;
        }

        /**
         * The clock deadlines and events use (default: {@link Clock#systemUTC()}).
         *
         * @param clock the clock; must not be null
         * @return this builder
         */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * Receives retries, slow-downs and progress (default: none).
         *
         * @param listener the listener, called on the calling thread; must not be null
         * @return this builder
         */
        public Builder listener(HerokuListener listener) {
            this.listener = Objects.requireNonNull(listener, "listener");
            return this;
        }

        /**
         * An OkHttp client to share its connection pool and dispatcher (default: a new one). zdcd derives its own
         * from it with its timeouts and interceptors, and with OkHttp's silent retry on connection failure turned
         * off (zdcd decides what may be repeated). Do not give it an interceptor that logs headers: it would log the
         * token.
         *
         * @param client the OkHttp client to derive from; must not be null
         * @return this builder
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
         * @param env the environment variables, for example {@code System.getenv()}; must not be null
         * @param netrc the netrc file (default in {@link HerokuClient#fromEnv()}: {@code $NETRC} or {@code ~/.netrc})
         * @return this builder
         */
        public Builder fromEnvironment(Map<String, String> env, Path netrc) {
            Optional<String> key = ClientSetup.env(Objects.requireNonNull(env, "env"), "HEROKU_API_KEY");
            if (key.isPresent()) {
                apiKey(key.get());
            } else if (apiKey == null) {
                Netrc.password(netrc, "api.heroku.com").ifPresent(fromNetrc -> {
                    apiKey(fromNetrc);
                    Netrc.permissionWarning(netrc).ifPresent(warnings::add);
                });
            }
            ClientSetup.env(env, "HEROKU_API_URL").ifPresent(url -> apiUrl(url.strip()));
            ClientSetup.env(env, "HEROKU_DATA_API_URL").ifPresent(data -> dataApiUrl(data.strip()));
            return this;
        }

        /**
         * @return a client with these settings
         * @throws IllegalStateException if no API key was given (the message says where zdcd looks for one)
         */
        public HerokuClient build() {
            if (apiKey == null) {
                throw new IllegalStateException("no Heroku API token: set HEROKU_API_KEY (see `heroku auth:token`) "
                        + "or log in with `heroku login`, which stores it in ~/.netrc");
            }
            return new HerokuClient(new ApiSettings(ClientSetup.base(apiUrl), ClientSetup.base(dataApiUrl),
                    new Secret(apiKey), retry, rateLimit, circuitBreaker, timeouts, sleeper, clock, listener,
                    httpClient), warnings);
        }
    }
}
