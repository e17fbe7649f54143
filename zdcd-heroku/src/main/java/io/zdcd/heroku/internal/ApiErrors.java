package io.zdcd.heroku.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.zdcd.heroku.HerokuApiException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.Objects;
import okhttp3.Response;

/** Turns failed calls into {@link HerokuApiException}s, with the API token hidden from every message. */
final class ApiErrors {
    private ApiErrors() {
    }

    /** A failure without an answer: {@link HerokuApiException#NETWORK_ERROR}, the token hidden. */
    static HerokuApiException network(ApiRequest req, String requestId, IOException e, Secret token) {
        String what = e instanceof InterruptedIOException ? "timed out" : "no answer";
        String detail = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return new HerokuApiException(0, HerokuApiException.NETWORK_ERROR,
                token.redact(what + " (" + detail + ")"), requestId, req.method(), req.path(), e);
    }

    /** An error answer: Heroku's {@code id} and {@code message} (or the start of the body), Request-Id, Retry-After. */
    static HerokuApiException of(ApiRequest req, Response resp, byte[] bytes, String sentRequestId, Secret token,
                                 ObjectMapper json) {
        String id = "";
        String message = "";
        try {
            Dto.Error e = json.readValue(bytes, Dto.Error.class);
            if (e != null) {
                id = Objects.requireNonNullElse(e.id(), "");
                message = Objects.requireNonNullElse(e.message(), "");
            }
        } catch (IOException | RuntimeException notJson) {
            String text = new String(bytes, java.nio.charset.StandardCharsets.UTF_8).strip();
            message = text.length() > 200 ? text.substring(0, 200) + "..." : text;
        }
        if (message.isEmpty()) {
            message = resp.message().isEmpty() ? "HTTP " + resp.code() : resp.message();
        }
        String requestId = Objects.requireNonNullElse(resp.header("Request-Id"), sentRequestId);
        Duration retryAfter = null;
        String ra = resp.header("Retry-After");
        if (ra != null) {
            try {
                retryAfter = Duration.ofSeconds(Long.parseLong(ra.trim()));
            } catch (NumberFormatException ignored) {
                // an HTTP date: ignored, the backoff applies
            }
        }
        return new HerokuApiException(resp.code(), id, token.redact(message), requestId, req.method(),
                req.path(), retryAfter, null);
    }
}
