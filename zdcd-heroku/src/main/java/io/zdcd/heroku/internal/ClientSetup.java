package io.zdcd.heroku.internal;

import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import okhttp3.HttpUrl;

/** How a {@code HerokuClient.Builder} checks its settings and reads them from the environment. */
public final class ClientSetup {
    private ClientSetup() {
    }

    /**
     * {@code value}, checked for a setter.
     *
     * @throws NullPointerException naming {@code name} when {@code value} is null
     * @throws IllegalArgumentException "{@code name} is blank" when it is blank
     */
    public static String notBlank(String value, String name) {
        Objects.requireNonNull(value, name);
        if (value.isBlank()) {
            throw new IllegalArgumentException(name + " is blank");
        }
        return value;
    }

    /** The value of {@code name} in {@code env}, unless it is missing or blank. */
    public static Optional<String> env(Map<String, String> env, String name) {
        return Optional.ofNullable(env.get(name)).filter(v -> !v.isBlank());
    }

    /** The netrc file the Heroku CLI writes: {@code $NETRC}, else {@code ~/.netrc}. */
    public static Path defaultNetrc() {
        String env = System.getenv("NETRC");
        return env != null && !env.isBlank() ? Path.of(env) : Path.of(System.getProperty("user.home"), ".netrc");
    }

    /** {@code url} as a base URL: ending in {@code /}, so that relative paths resolve under it. */
    public static HttpUrl base(String url) {
        HttpUrl u = HttpUrl.get(url);
        return u.encodedPath().endsWith("/") ? u : u.newBuilder().addPathSegment("").build();
    }

    /**
     * {@code url}, checked as the base URL setting {@code name}: an http(s) URL without credentials, plain http only
     * for a loopback host (as for local fakes).
     *
     * @throws IllegalArgumentException otherwise, the URL redacted in the message
     */
    public static String checkUrl(String url, String name) {
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
