package io.zdcd.heroku;

import io.zdcd.spi.PlatformException;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * A Heroku API call that could not be carried out (a {@link PlatformException}, so a {@link io.zdcd.ZdcdException}): an error response (status, Heroku's error id and message), an
 * I/O error or timeout after the retries were spent, an open circuit breaker, or a wait that passed its deadline.
 * It always says which call ({@link #method()} and {@link #path()}, never the host's credentials) and, when Heroku
 * answered, the {@code Request-Id} to quote to Heroku support:
 *
 * <pre>{@code
 * Heroku API POST /apps/acme-api/releases failed: 422 invalid_params: Release is not eligible (Request-Id 5f1c...)
 * }</pre>
 *
 * <p>Errors without an HTTP response have {@link #statusCode()} {@code 0} and one of the {@code zdcd_*} error ids
 * below. The API token never appears in the message.
 *
 * @since 0.1
 */
public class HerokuApiException extends PlatformException {
    private static final long serialVersionUID = 1L;

    /** No response: connection refused or dropped, or a timeout (after the retries). */
    public static final String NETWORK_ERROR = "zdcd_network_error";
    /** The circuit breaker is open: recent calls failed, this one was not sent. */
    public static final String CIRCUIT_OPEN = "zdcd_circuit_open";
    /** A wait ({@link WaitPolicy}) reached its deadline. */
    public static final String DEADLINE_EXCEEDED = "zdcd_deadline_exceeded";
    /** A non-idempotent call failed without an answer and zdcd could not tell whether Heroku carried it out. */
    public static final String OUTCOME_UNKNOWN = "zdcd_outcome_unknown";
    /** The thread was interrupted (the interrupt flag is restored). */
    public static final String INTERRUPTED = "zdcd_interrupted";
    /** Heroku answered 2xx with a body zdcd could not read. */
    public static final String BAD_RESPONSE = "zdcd_bad_response";
    /** The account's API budget is below {@link RateLimitPolicy#minimumToStart()}. */
    public static final String RATE_LIMIT_BUDGET = "zdcd_rate_limit_budget";

    /** The HTTP status, 0 without a response. */
    private final int statusCode;
    /** Heroku's error id, or empty. */
    private final String errorId;
    /** Heroku's error message, or empty. */
    private final String herokuMessage;
    /** Heroku's request id, or empty. */
    private final String requestId;
    /** The HTTP method. */
    private final String method;
    /** The request path and query, without scheme, host or credentials. */
    private final String path;
    private final transient Duration retryAfter;

    /**
     * @param statusCode    the HTTP status, 0 without a response
     * @param errorId       Heroku's error id ({@code rate_limit}, {@code not_found}...) or a {@code zdcd_*} id
     * @param herokuMessage Heroku's message, or what happened
     * @param requestId     the response's {@code Request-Id} (or the one zdcd sent), may be empty
     * @param method        the HTTP method
     * @param path          the path (and query), without host or credentials
     * @param cause         the underlying exception, may be null
     */
    public HerokuApiException(int statusCode, String errorId, String herokuMessage, String requestId, String method,
                              String path, Throwable cause) {
        this(statusCode, errorId, herokuMessage, requestId, method, path, null, cause);
    }

    /**
     * As above, with the wait Heroku asked for in a {@code Retry-After} header (null if none).
     *
     * @param statusCode the HTTP status, 0 without a response
     * @param errorId Heroku's error id ({@code rate_limit}, {@code not_found}...) or a {@code zdcd_*} id; null becomes
     *     empty
     * @param herokuMessage Heroku's message, or what happened; null becomes empty
     * @param requestId the response's {@code Request-Id} (or the one zdcd sent); null or empty if none
     * @param method the HTTP method; null becomes empty
     * @param path the path (and query), without host or credentials; null becomes empty
     * @param retryAfter the wait Heroku asked for in a {@code Retry-After} header; null if none
     * @param cause the underlying exception, may be null
     */
    public HerokuApiException(int statusCode, String errorId, String herokuMessage, String requestId, String method,
                              String path, Duration retryAfter, Throwable cause) {
        super("Heroku API " + Objects.requireNonNullElse(method, "") + " " + Objects.requireNonNullElse(path, ""),
                describe(statusCode, errorId, herokuMessage, requestId), cause);
        this.statusCode = statusCode;
        this.errorId = Objects.requireNonNullElse(errorId, "");
        this.herokuMessage = Objects.requireNonNullElse(herokuMessage, "");
        this.requestId = Objects.requireNonNullElse(requestId, "");
        this.method = Objects.requireNonNullElse(method, "");
        this.path = Objects.requireNonNullElse(path, "");
        this.retryAfter = retryAfter;
    }

    private static String describe(int status, String id, String message, String requestId) {
        StringBuilder b = new StringBuilder();
        if (status > 0) {
            b.append(status).append(' ');
        }
        if (id != null && !id.isEmpty()) {
            b.append(id).append(": ");
        }
        b.append(message == null || message.isEmpty() ? "(no message)" : message.replace('\n', ' '));
        if (requestId != null && !requestId.isEmpty()) {
            b.append(" (Request-Id ").append(requestId).append(')');
        }
        return b.toString();
    }

    static HerokuApiException interrupted(InterruptedException e) {
        return new HerokuApiException(0, INTERRUPTED, "interrupted while waiting", "", "", "", e);
    }

    /**
     * The HTTP status, or 0 when there was no response.
     *
     * @return the status code, for example 404 or 429; 0 for a timeout or connection failure
     */
    public int statusCode() {
        return statusCode;
    }

    /**
     * Heroku's error id ({@code rate_limit}, {@code not_found}, {@code invalid_params}...) or a {@code zdcd_*} id.
     *
     * @return the error id; empty if the response had none
     */
    public String errorId() {
        return errorId;
    }

    /**
     * Heroku's own message (or zdcd's account of what happened), without the decoration of {@link #getMessage()}.
     *
     * @return the message; empty if there was none
     */
    public String herokuMessage() {
        return herokuMessage;
    }

    /**
     * The {@code Request-Id} of the failed response (or the one zdcd sent); empty if none.
     *
     * @return the request id; empty if none
     */
    public String requestId() {
        return requestId;
    }

    /**
     * The HTTP method of the failed request.
     *
     * @return the method, for example {@code POST}
     */
    public String method() {
        return method;
    }

    /**
     * The request path and query, without scheme, host or credentials.
     *
     * @return the path, for example {@code /apps/acme/releases}
     */
    public String path() {
        return path;
    }

    /**
     * The wait Heroku asked for ({@code Retry-After}), if it sent one.
     *
     * @return the requested wait; empty when the response had no {@code Retry-After} header
     */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }

    /**
     * True for answers that may succeed if repeated: 429, 5xx, and failures without a response.
     *
     * @return true when repeating the call may succeed; false for other 4xx answers
     */
    public boolean isTransient() {
        return statusCode == 429 || statusCode >= 500 || (statusCode == 0 && NETWORK_ERROR.equals(errorId));
    }
}
