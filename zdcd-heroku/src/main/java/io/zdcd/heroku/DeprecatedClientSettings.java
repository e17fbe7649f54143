package io.zdcd.heroku;

import java.time.Clock;
import okhttp3.OkHttpClient;

/**
 * {@link HerokuPlatform.Builder}'s copies of {@link HerokuClient.Builder}'s settings, deprecated since the platform
 * takes a configured client ({@link HerokuPlatform.Builder#client}); kept apart so that removing them is deleting
 * this class. Without a client they configure the one the platform builds; next to one they are refused.
 *
 * @param <B> the builder
 */
abstract class DeprecatedClientSettings<B extends DeprecatedClientSettings<B>> {
    /** The client the platform builds when it is given none. */
    final HerokuClient.Builder clientBuilder = HerokuClient.builder();
    /** The last client setting made here, if any. */
    String clientSetting;

    abstract B self();

    /**
     * @param token the Heroku API token; never logged or shown
     * @return this builder
     * @deprecated set it on {@link HerokuClient.Builder#apiKey}, then {@link HerokuPlatform.Builder#client}.
     */
    @Deprecated(since = "0.1", forRemoval = true)
    public B apiKey(String token) {
        return forward("apiKey", () -> clientBuilder.apiKey(token));
    }

    /**
     * @param url the Platform API's base URL
     * @return this builder
     * @deprecated set it on {@link HerokuClient.Builder#apiUrl}, then {@link HerokuPlatform.Builder#client}.
     */
    @Deprecated(since = "0.1", forRemoval = true)
    public B apiUrl(String url) {
        return forward("apiUrl", () -> clientBuilder.apiUrl(url));
    }

    /**
     * @param url the Heroku Postgres data API's base URL
     * @return this builder
     * @deprecated set it on {@link HerokuClient.Builder#dataApiUrl}, then {@link HerokuPlatform.Builder#client}.
     */
    @Deprecated(since = "0.1", forRemoval = true)
    public B dataApiUrl(String url) {
        return forward("dataApiUrl", () -> clientBuilder.dataApiUrl(url));
    }

    /**
     * @param httpClient an OkHttp client whose connection pool and dispatcher are shared
     * @return this builder
     * @deprecated set it on {@link HerokuClient.Builder#httpClient}, then {@link HerokuPlatform.Builder#client}.
     */
    @Deprecated(since = "0.1", forRemoval = true)
    public B httpClient(OkHttpClient httpClient) {
        return forward("httpClient", () -> clientBuilder.httpClient(httpClient));
    }

    /**
     * @param policy retries of failed calls
     * @return this builder
     * @deprecated set it on {@link HerokuClient.Builder#retryPolicy}, then {@link HerokuPlatform.Builder#client}.
     */
    @Deprecated(since = "0.1", forRemoval = true)
    public B retryPolicy(RetryPolicy policy) {
        return forward("retryPolicy", () -> clientBuilder.retryPolicy(policy));
    }

    /**
     * @param policy use of the account's API budget
     * @return this builder
     * @deprecated set it on {@link HerokuClient.Builder#rateLimitPolicy}, then
     *             {@link HerokuPlatform.Builder#client}.
     */
    @Deprecated(since = "0.1", forRemoval = true)
    public B rateLimitPolicy(RateLimitPolicy policy) {
        return forward("rateLimitPolicy", () -> clientBuilder.rateLimitPolicy(policy));
    }

    /**
     * @param policy when to fail fast during an outage
     * @return this builder
     * @deprecated set it on {@link HerokuClient.Builder#circuitBreakerPolicy}, then
     *             {@link HerokuPlatform.Builder#client}.
     */
    @Deprecated(since = "0.1", forRemoval = true)
    public B circuitBreakerPolicy(CircuitBreakerPolicy policy) {
        return forward("circuitBreakerPolicy", () -> clientBuilder.circuitBreakerPolicy(policy));
    }

    /**
     * @param timeouts per-call timeouts
     * @return this builder
     * @deprecated set them on {@link HerokuClient.Builder#timeouts}, then {@link HerokuPlatform.Builder#client}.
     */
    @Deprecated(since = "0.1", forRemoval = true)
    public B timeouts(Timeouts timeouts) {
        return forward("timeouts", () -> clientBuilder.timeouts(timeouts));
    }

    /**
     * @param sleeper how zdcd pauses between polls and when slowing down
     * @return this builder
     * @deprecated set it on {@link HerokuClient.Builder#sleeper}, then {@link HerokuPlatform.Builder#client}.
     */
    @Deprecated(since = "0.1", forRemoval = true)
    public B sleeper(Sleeper sleeper) {
        return forward("sleeper", () -> clientBuilder.sleeper(sleeper));
    }

    /**
     * @param clock the clock deadlines and events use
     * @return this builder
     * @deprecated set it on {@link HerokuClient.Builder#clock}, then {@link HerokuPlatform.Builder#client}.
     */
    @Deprecated(since = "0.1", forRemoval = true)
    public B clock(Clock clock) {
        return forward("clock", () -> clientBuilder.clock(clock));
    }

    /**
     * @param listener receives retries, slow-downs and progress
     * @return this builder
     * @deprecated set it on {@link HerokuClient.Builder#listener}, then {@link HerokuPlatform.Builder#client}.
     */
    @Deprecated(since = "0.1", forRemoval = true)
    public B listener(HerokuListener listener) {
        return forward("listener", () -> clientBuilder.listener(listener));
    }

    private B forward(String setting, Runnable set) {
        set.run();
        clientSetting = setting;
        return self();
    }
}
