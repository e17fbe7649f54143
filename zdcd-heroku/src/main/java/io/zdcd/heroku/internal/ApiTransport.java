package io.zdcd.heroku.internal;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.core.IntervalBiFunction;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import io.zdcd.heroku.CircuitBreakerPolicy;
import io.zdcd.heroku.HerokuApiException;
import io.zdcd.heroku.HerokuEvent;
import io.zdcd.heroku.RetryPolicy;
import io.zdcd.heroku.Timeouts;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import java.util.function.Supplier;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * HTTP to Heroku's Platform API and Postgres data API: headers, JSON, errors, paging, and the resilience rules
 * (Resilience4j retry and circuit breaker built from zdcd's own policies; rate-limit slow-down in an interceptor).
 */
public final class ApiTransport {
    private static final Logger log = LoggerFactory.getLogger(ApiTransport.class);
    static final String ACCEPT = "application/vnd.heroku+json; version=3";
    private static final MediaType JSON = MediaType.get("application/json; charset=utf-8");

    private record Raw(int code, okhttp3.Headers headers, byte[] body) {
    }

    private final ApiSettings settings;
    private final OkHttpClient http;
    private final ObjectMapper json;
    private final CircuitBreaker breaker;
    private final RateLimitInterceptor rateLimiter;
    private final SafeListener events;
    private final Probes probes = new Probes(this);

    public ApiTransport(ApiSettings settings) {
        this.settings = settings;
        this.events = new SafeListener(settings.listener());
        this.rateLimiter = new RateLimitInterceptor(settings.rateLimit(), settings.sleeper(), settings.clock(), events);
        OkHttpClient base = settings.base() == null ? new OkHttpClient() : settings.base();
        Timeouts t = settings.timeouts();
        this.http = base.newBuilder()
                .connectTimeout(t.connect().toMillis(), TimeUnit.MILLISECONDS)
                .readTimeout(t.read().toMillis(), TimeUnit.MILLISECONDS)
                .writeTimeout(t.write().toMillis(), TimeUnit.MILLISECONDS)
                .callTimeout(t.call().toMillis(), TimeUnit.MILLISECONDS)
                // OkHttp would silently re-send a request after a connection failure, POSTs included: zdcd decides.
                .retryOnConnectionFailure(false)
                .addInterceptor(new HeadersInterceptor(settings.token(), "zdcd/" + ZdcdVersion.get()))
                .addInterceptor(rateLimiter)
                .addInterceptor(new LoggingInterceptor())
                .build();
        this.json = JsonMapper.builder()
                .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.READ_UNKNOWN_ENUM_VALUES_AS_NULL)
                .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_ENUMS)
                .build();
        CircuitBreakerPolicy cb = settings.circuitBreaker();
        this.breaker = CircuitBreaker.of("heroku", CircuitBreakerConfig.custom()
                .failureRateThreshold(cb.failureRatePercent())
                .slidingWindow(cb.windowSize(), cb.minimumCalls(), CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .waitDurationInOpenState(cb.openFor())
                .permittedNumberOfCallsInHalfOpenState(Math.min(3, cb.minimumCalls()))
                .recordException(ApiTransport::isOutage)
                .clock(settings.clock())
                .build());
    }

    public ApiSettings settings() {
        return settings;
    }

    /** The idempotency probes of the non-idempotent POSTs. */
    public Probes probes() {
        return probes;
    }

    public ObjectMapper json() {
        return json;
    }

    /** The {@code RateLimit-Remaining} of the latest response, if one carried it. */
    public OptionalInt lastRateLimitRemaining() {
        return rateLimiter.lastRemaining();
    }

    /** Sends an event to the listener (never throws). */
    public void emit(HerokuEvent event) {
        events.onEvent(event);
    }

    /** A 5xx or a failure without response: counts against the circuit breaker. */
    static boolean isOutage(Throwable t) {
        return t instanceof HerokuApiException h
                && (h.statusCode() >= 500 || HerokuApiException.NETWORK_ERROR.equals(h.errorId()));
    }

    // ---------------------------------------------------------------------------------------------- verbs

    /** An idempotent call (GET, PUT, DELETE, absolute PATCH, read-only POST), retried on 429, 5xx and I/O errors. */
    public <T> T idempotent(ApiRequest req, JavaType type) {
        Raw raw = withRetry(req.operation(), t -> t instanceof HerokuApiException h && h.isTransient(),
                () -> guarded(req));
        return parse(req, raw, type);
    }

    public <T> T idempotent(ApiRequest req, Class<T> type) {
        return idempotent(req, json.constructType(type));
    }

    /**
     * A non-idempotent POST. Repeated as it is after a 429 only (Heroku did not run it). After a 5xx or an I/O
     * error, {@code reconcile} is asked whether the first attempt took effect (it returns what it created); only if
     * not is the POST repeated. Without {@code reconcile} such a failure is not repeated at all and becomes
     * {@link HerokuApiException#OUTCOME_UNKNOWN}.
     */
    public <T> T nonIdempotent(ApiRequest req, Class<T> type, Supplier<Optional<T>> reconcile) {
        AtomicReference<HerokuApiException> ambiguous = new AtomicReference<>();
        Predicate<Throwable> retryable = t -> t instanceof HerokuApiException h
                && (h.statusCode() == 429 || (reconcile != null && h.isTransient()));
        try {
            return withRetry(req.operation(), retryable, () -> {
                if (ambiguous.get() != null) {
                    Optional<T> found = reconcile.get();
                    if (found.isPresent()) {
                        log.info("Heroku {}: the failed attempt had taken effect, not repeating it", req.operation());
                        return found.get();
                    }
                    ambiguous.set(null);
                }
                try {
                    return parse(req, guarded(req), json.constructType(type));
                } catch (HerokuApiException e) {
                    if (e.isTransient() && e.statusCode() != 429) {
                        ambiguous.set(e);
                    }
                    throw e;
                }
            });
        } catch (HerokuApiException e) {
            HerokuApiException first = ambiguous.get();
            if (first == null) {
                throw e;
            }
            if (reconcile != null) {
                Optional<T> found = reconcile.get();
                if (found.isPresent()) {
                    return found.get();
                }
                throw e;
            }
            throw new HerokuApiException(e.statusCode(), HerokuApiException.OUTCOME_UNKNOWN,
                    "no usable answer (" + (e.statusCode() > 0 ? e.statusCode() + " " : "") + e.herokuMessage()
                            + "); not repeated because Heroku may have carried it out: check before retrying",
                    e.requestId(), e.method(), e.path(), e);
        }
    }

    /** A list, following {@code Next-Range} until {@code max} items are read or the list ends. */
    public <T> List<T> list(ApiRequest req, Class<T> elementType, String range, int max) {
        JavaType listType = json.getTypeFactory().constructCollectionType(List.class, elementType);
        List<T> out = new ArrayList<>();
        String nextRange = range;
        while (true) {
            ApiRequest page = nextRange == null ? req : req.withHeader("Range", nextRange);
            Raw raw = withRetry(page.operation(), t -> t instanceof HerokuApiException h && h.isTransient(),
                    () -> guarded(page));
            List<T> items = parse(page, raw, listType);
            if (items != null) {
                out.addAll(items);
            }
            String next = raw.headers().get("Next-Range");
            if (raw.code() != 206 || next == null || next.isBlank() || out.size() >= max) {
                break;
            }
            nextRange = next;
        }
        return out.size() > max ? List.copyOf(out.subList(0, max)) : List.copyOf(out);
    }

    /**
     * GETs an output stream (build or release log) without Heroku credentials (it is another host); empty when it
     * has not started (404). At most {@code maxBytes}, the end kept.
     */
    public Optional<String> fetchText(String url, int maxBytes) {
        HttpUrl u = HttpUrl.parse(url);
        if (u == null) {
            return Optional.empty();
        }
        Request r = new Request.Builder().url(u).get().build();
        try (Response resp = http.newCall(r).execute()) {
            if (resp.code() == 404) {
                return Optional.empty();
            }
            byte[] bytes = resp.body().bytes();
            String text = new String(bytes, java.nio.charset.StandardCharsets.UTF_8);
            if (text.length() > maxBytes) {
                text = text.substring(text.length() - maxBytes);
            }
            return Optional.of(settings.token().redact(text));
        } catch (IOException e) {
            log.debug("could not read output stream {}: {}", u.encodedPath(), e.toString());
            return Optional.empty();
        }
    }

    /**
     * GETs a log stream (a log session's URL) without Heroku credentials and hands each line, with the token
     * hidden, to {@code line} until it returns true, the stream ends, or {@code timeout} passes. Never throws for
     * an unreadable stream: reading just stops.
     *
     * @return whether {@code line} returned true
     */
    public boolean streamLines(String url, java.time.Duration timeout, Predicate<String> line) {
        HttpUrl u = HttpUrl.parse(url);
        if (u == null) {
            return false;
        }
        OkHttpClient bounded = http.newBuilder().callTimeout(Math.max(1, timeout.toMillis()), TimeUnit.MILLISECONDS)
                .build();
        try (Response resp = bounded.newCall(new Request.Builder().url(u).get().build()).execute()) {
            if (!resp.isSuccessful()) {
                log.debug("log stream {} answered {}", u.encodedPath(), resp.code());
                return false;
            }
            okio.BufferedSource source = resp.body().source();
            String l;
            while ((l = source.readUtf8Line()) != null) {
                if (line.test(settings.token().redact(l))) {
                    return true;
                }
            }
            return false;
        } catch (IOException e) {
            log.debug("log stream {} stopped: {}", u.encodedPath(), e.toString());
            return false;
        }
    }

    /** PUTs bytes to a pre-signed URL (source upload): no Heroku credentials, no Content-Type. */
    public void putBytes(String url, byte[] bytes) {
        HttpUrl u = Objects.requireNonNull(HttpUrl.parse(url), "not a URL");
        ApiRequest req = ApiRequest.of("PUT", Api.PLATFORM, u.encodedPath(), null);
        withRetry("PUT source", t -> t instanceof HerokuApiException h && h.isTransient(), () -> {
            Request r = new Request.Builder().url(u).put(RequestBody.create(bytes, null)).build();
            try (Response resp = http.newCall(r).execute()) {
                if (!resp.isSuccessful()) {
                    throw new HerokuApiException(resp.code(), "", "upload failed", "", "PUT", u.encodedPath(), null);
                }
                return null;
            } catch (IOException e) {
                throw ApiErrors.network(req, "", e, settings.token());
            }
        });
    }

    // ---------------------------------------------------------------------------------------------- internals

    private <T> T withRetry(String operation, Predicate<Throwable> retryable, Supplier<T> attempt) {
        RetryPolicy p = settings.retry();
        IntervalBiFunction<Object> interval = (n, either) -> {
            Duration wait = p.backoffAfter(n);
            if (either.isLeft() && either.getLeft() instanceof HerokuApiException h && h.retryAfter().isPresent()) {
                Duration asked = h.retryAfter().get();
                wait = asked.compareTo(p.maxBackoff()) > 0 ? p.maxBackoff() : (asked.compareTo(wait) > 0 ? asked : wait);
            }
            double j = p.jitter() == 0 ? 0 : ThreadLocalRandom.current().nextDouble(-p.jitter(), p.jitter());
            return Math.max(0L, Math.round(wait.toMillis() * (1 + j)));
        };
        RetryConfig config = RetryConfig.custom()
                .maxAttempts(p.maxAttempts())
                .intervalBiFunction(interval)
                .retryOnException(retryable)
                .build();
        Retry retry = Retry.of("heroku " + operation, config);
        retry.getEventPublisher().onRetry(e -> emit(new HerokuEvent.ApiCallRetried(settings.clock().instant(),
                operation, e.getNumberOfRetryAttempts(), e.getWaitInterval(), reason(e.getLastThrowable()))));
        return retry.executeSupplier(attempt);
    }

    private static String reason(Throwable t) {
        if (t instanceof HerokuApiException h) {
            return h.statusCode() > 0 ? h.statusCode() + (h.errorId().isEmpty() ? "" : " " + h.errorId()) : h.errorId();
        }
        return t == null ? "" : t.getClass().getSimpleName();
    }

    private Raw guarded(ApiRequest req) {
        try {
            return breaker.executeSupplier(() -> execute(req));
        } catch (CallNotPermittedException e) {
            throw new HerokuApiException(0, HerokuApiException.CIRCUIT_OPEN,
                    "not sent: Heroku failed too often recently (circuit breaker open for "
                            + settings.circuitBreaker().openFor().toSeconds() + " s)", "", req.method(), req.path(), e);
        }
    }

    private Raw execute(ApiRequest req) {
        HttpUrl base = req.api() == Api.DATA ? settings.dataApiUrl() : settings.apiUrl();
        HttpUrl url = base.resolve(req.path().substring(1));
        if (url == null) {
            throw new IllegalArgumentException("bad path " + req.path());
        }
        String requestId = UUID.randomUUID().toString();
        Request.Builder b = new Request.Builder().url(url).tag(ApiTag.class, new ApiTag(requestId));
        req.headers().forEach(b::header);
        RequestBody body = null;
        if (req.body() != null) {
            try {
                body = RequestBody.create(json.writeValueAsBytes(req.body()), JSON);
            } catch (IOException e) {
                throw new IllegalArgumentException("cannot write request body", e);
            }
        } else if (!"GET".equals(req.method()) && !"DELETE".equals(req.method())) {
            body = RequestBody.create(new byte[0], null);
        }
        b.method(req.method(), body);
        try (Response resp = http.newCall(b.build()).execute()) {
            byte[] bytes = resp.body().bytes();
            if (resp.isSuccessful()) {
                return new Raw(resp.code(), resp.headers(), bytes);
            }
            throw ApiErrors.of(req, resp, bytes, requestId, settings.token(), json);
        } catch (IOException e) {
            throw ApiErrors.network(req, requestId, e, settings.token());
        }
    }

    private <T> T parse(ApiRequest req, Raw raw, JavaType type) {
        if (type.getRawClass() == Void.class) {
            return null;
        }
        if (raw.body().length == 0) {
            throw new HerokuApiException(raw.code(), HerokuApiException.BAD_RESPONSE, "empty response body",
                    Objects.requireNonNullElse(raw.headers().get("Request-Id"), ""), req.method(), req.path(), null);
        }
        try {
            return json.readValue(raw.body(), type);
        } catch (IOException e) {
            throw new HerokuApiException(raw.code(), HerokuApiException.BAD_RESPONSE,
                    "unreadable response body (" + e.getClass().getSimpleName() + ")",
                    Objects.requireNonNullElse(raw.headers().get("Request-Id"), ""), req.method(), req.path(), e);
        }
    }

    /** Marks a request as a Heroku API call: it gets the Accept, Authorization and User-Agent headers. */
    record ApiTag(String requestId) {
    }
}
