package io.zdcd.heroku;

import io.zdcd.heroku.internal.Redaction;
import io.zdcd.spi.Health;
import io.zdcd.spi.HealthCheck;
import io.zdcd.spi.Release;
import java.io.IOException;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

/**
 * A {@link HealthCheck} that GETs a URL of the app ({@code https://acme-api.herokuapp.com/healthz}) and calls the
 * release healthy on a 2xx answer. The pipeline asks it repeatedly until healthy or its verify deadline passes.
 * The URL's credentials and query never appear in a {@link Health} detail or {@code toString()}. A plain
 * {@code http://} URL that carries credentials (user info, or a query parameter named like a token, key, secret,
 * password, auth or signature) is refused unless its host is loopback: they would cross the network in clear text.
 *
 * <pre>{@code
 * HealthCheck check = HttpHealthCheck.of("https://acme-api.herokuapp.com/healthz");
 * }</pre>
 *
 * @since 0.1
 */
public final class HttpHealthCheck implements HealthCheck {
    private final HttpUrl url;
    private final OkHttpClient http;

    private HttpHealthCheck(HttpUrl url, Duration timeout) {
        this.url = url;
        this.http = new OkHttpClient.Builder().callTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS)
                .retryOnConnectionFailure(false).build();
    }

    /**
     * A check of {@code url} with a 5 s timeout per request.
     *
     * @param url the URL to GET, {@code http://} or {@code https://}
     * @return the check
     * @throws IllegalArgumentException if {@code url} is not an http(s) URL
     */
    public static HttpHealthCheck of(String url) {
        return of(url, Duration.ofSeconds(5));
    }

    /**
     * A check of {@code url} with the given timeout per request.
     *
     * @param url the URL to GET, {@code http://} or {@code https://}
     * @param timeout the longest one request may take; positive
     * @return the check
     */
    public static HttpHealthCheck of(String url, Duration timeout) {
        Objects.requireNonNull(url, "url");
        HttpUrl u = HttpUrl.parse(url);
        if (u == null) {
            throw new IllegalArgumentException("not an http(s) URL: " + Redaction.withoutQuery(url));
        }
        if (!u.isHttps() && !Redaction.isLoopback(u.host()) && carriesCredentials(u)) {
            throw new IllegalArgumentException(Redaction.withoutQuery(url) + " is plain http and carries credentials "
                    + "(user info or a token-like query parameter): they would cross the network in clear text to "
                    + u.host() + ". Use https:// (http:// with credentials is accepted only for a loopback host)");
        }
        return new HttpHealthCheck(u, Objects.requireNonNull(timeout, "timeout"));
    }

    private static boolean carriesCredentials(HttpUrl u) {
        if (!u.username().isEmpty() || !u.password().isEmpty()) {
            return true;
        }
        for (String name : u.queryParameterNames()) {
            String n = name.toLowerCase(java.util.Locale.ROOT);
            if (n.contains("token") || n.contains("key") || n.contains("secret") || n.contains("pass")
                    || n.contains("auth") || n.contains("sig") || n.contains("credential")) {
                return true;
            }
        }
        return false;
    }

    @Override
    public Health check(String app, Release release) {
        String where = "GET " + Redaction.withoutQuery(url.newBuilder().username("").password("").build().toString());
        try (Response r = http.newCall(new Request.Builder().url(url).get().build()).execute()) {
            String detail = where + ": " + r.code();
            return r.isSuccessful() ? Health.healthy(detail) : Health.unhealthy(detail);
        } catch (IOException e) {
            return Health.unhealthy(where + ": " + e.getClass().getSimpleName());
        }
    }

    @Override
    public String toString() {
        return "HttpHealthCheck[" + Redaction.withoutQuery(url.newBuilder().username("").password("").build().toString()) + "]";
    }
}
