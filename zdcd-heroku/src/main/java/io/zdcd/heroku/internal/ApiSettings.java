package io.zdcd.heroku.internal;

import io.zdcd.heroku.CircuitBreakerPolicy;
import io.zdcd.heroku.HerokuListener;
import io.zdcd.heroku.RateLimitPolicy;
import io.zdcd.heroku.RetryPolicy;
import io.zdcd.heroku.Sleeper;
import io.zdcd.heroku.Timeouts;
import java.time.Clock;
import java.util.Objects;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;

/** The transport's settings, checked by the public builders. */
public record ApiSettings(HttpUrl apiUrl, HttpUrl dataApiUrl, Secret token, RetryPolicy retry,
                          RateLimitPolicy rateLimit, CircuitBreakerPolicy circuitBreaker, Timeouts timeouts,
                          Sleeper sleeper, Clock clock, HerokuListener listener, OkHttpClient base) {
    public ApiSettings {
        Objects.requireNonNull(apiUrl, "apiUrl");
        Objects.requireNonNull(dataApiUrl, "dataApiUrl");
        Objects.requireNonNull(token, "token");
        Objects.requireNonNull(retry, "retry");
        Objects.requireNonNull(rateLimit, "rateLimit");
        Objects.requireNonNull(circuitBreaker, "circuitBreaker");
        Objects.requireNonNull(timeouts, "timeouts");
        Objects.requireNonNull(sleeper, "sleeper");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(listener, "listener");
    }
}
