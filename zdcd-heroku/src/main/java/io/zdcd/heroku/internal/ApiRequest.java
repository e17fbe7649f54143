package io.zdcd.heroku.internal;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import okhttp3.HttpUrl;

/**
 * One API request.
 *
 * @param method  HTTP method
 * @param api     which base URL
 * @param path    encoded path (and query) relative to the base URL, starting with {@code /}
 * @param body    an object to send as JSON, or null
 * @param headers extra headers (Range, a variant Accept)
 */
public record ApiRequest(String method, Api api, String path, Object body, Map<String, String> headers) {
    public ApiRequest {
        headers = Map.copyOf(headers);
    }

    public static ApiRequest get(Api api, String path) {
        return new ApiRequest("GET", api, path, null, Map.of());
    }

    public static ApiRequest of(String method, Api api, String path, Object body) {
        return new ApiRequest(method, api, path, body, Map.of());
    }

    public ApiRequest withHeader(String name, String value) {
        Map<String, String> h = new LinkedHashMap<>(headers);
        h.put(name, value);
        return new ApiRequest(method, api, path, body, h);
    }

    String operation() {
        int q = path.indexOf('?');
        return method + " " + (q < 0 ? path : path.substring(0, q));
    }

    /** An encoded path from raw segments: {@code path("apps", "my app")} is {@code /apps/my%20app}. */
    public static String path(String... segments) {
        HttpUrl.Builder b = new HttpUrl.Builder().scheme("https").host("h");
        for (String s : segments) {
            Objects.requireNonNull(s, "path segment");
            if (s.isEmpty()) {
                throw new IllegalArgumentException("empty path segment");
            }
            b.addPathSegment(s);
        }
        return b.build().encodedPath();
    }

    /** A JSON object body with its keys in the given order: {@code body("slug", id, "description", text)}. */
    public static Map<String, Object> body(Object... keysAndValues) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            m.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return m;
    }
}
