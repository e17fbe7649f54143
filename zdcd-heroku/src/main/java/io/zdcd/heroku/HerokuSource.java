package io.zdcd.heroku;

import io.zdcd.heroku.internal.Redaction;
import java.util.Objects;

/**
 * A place to upload a source tarball ({@code POST /sources}): PUT the bytes to {@code putUrl}, then build from
 * {@code getUrl}. Both are pre-signed (secret) URLs: {@link #toString()} hides their queries.
 *
 * @param getUrl what a build reads
 * @param putUrl where to upload
 * @since 0.1
 */
public record HerokuSource(String getUrl, String putUrl) {
    /**
     * {@code getUrl} and {@code putUrl} must not be null.
     *
     * @param getUrl what a build reads
     * @param putUrl where to upload
     */
    public HerokuSource {
        Objects.requireNonNull(getUrl, "getUrl");
        Objects.requireNonNull(putUrl, "putUrl");
    }

    @Override
    public String toString() {
        return "HerokuSource[" + Redaction.withoutQuery(getUrl) + "]";
    }
}
