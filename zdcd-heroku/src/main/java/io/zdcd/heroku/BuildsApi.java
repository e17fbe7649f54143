package io.zdcd.heroku;

import static io.zdcd.heroku.internal.ApiRequest.path;

import io.zdcd.heroku.internal.Api;
import io.zdcd.heroku.internal.ApiRequest;
import io.zdcd.heroku.internal.ApiTransport;
import io.zdcd.heroku.internal.Dto;
import io.zdcd.heroku.internal.Waiter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Sources and builds: {@link HerokuClient#builds()}.
 *
 * @since 0.1
 */
public final class BuildsApi {
    private final ApiTransport api;
    private final Waiter waiter;
    private final ReleasesApi releases;

    BuildsApi(ApiTransport api, Waiter waiter, ReleasesApi releases) {
        this.api = api;
        this.waiter = waiter;
        this.releases = releases;
    }

    /**
     * {@code POST /sources}: a place to upload a source tarball.
     *
     * @return the upload and download URLs
     */
    public HerokuSource createSource() {
        return api.idempotent(ApiRequest.of("POST", Api.PLATFORM, "/sources", null), Dto.Source.class).toSource();
    }

    /**
     * Uploads a gzipped tarball to {@link HerokuSource#putUrl()} (no Heroku credentials are sent there).
     *
     * @param source where to upload
     * @param tarGz  the gzipped tarball
     */
    public void uploadSource(HerokuSource source, byte[] tarGz) {
        api.putBytes(source.putUrl(), tarGz);
    }

    /**
     * Starts a build of the gzipped tarball at {@code sourceUrl} ({@code POST /apps/{app}/builds}). Not idempotent:
     * the recent builds are listed first, and after a failure without answer a new build of the same URL and
     * version counts as done.
     *
     * @param app       the app
     * @param sourceUrl a URL Heroku can download the tarball from
     * @param version   the source version (commit SHA) Heroku records, may be empty
     * @return the build, usually pending
     */
    public HerokuBuild create(String app, String sourceUrl, String version) {
        Objects.requireNonNull(sourceUrl, "sourceUrl");
        Map<String, Object> blob = new LinkedHashMap<>();
        blob.put("url", sourceUrl);
        if (version != null && !version.isEmpty()) {
            blob.put("version", version);
        }
        return api.nonIdempotent(ApiRequest.of("POST", Api.PLATFORM, path("apps", app, "builds"),
                        Map.of("source_blob", blob)), Dto.Build.class,
                api.probes().newBuild(app, sourceUrl, version)).toBuild();
    }

    /**
     * {@code GET /apps/{app}/builds/{id}}.
     *
     * @param app     the app
     * @param buildId the build
     * @return the build
     */
    public HerokuBuild get(String app, String buildId) {
        return api.idempotent(ApiRequest.get(Api.PLATFORM, path("apps", app, "builds", buildId)), Dto.Build.class)
                .toBuild();
    }

    /**
     * The newest {@code max} builds, newest first.
     *
     * @param app the app
     * @param max how many
     * @return the builds
     */
    public List<HerokuBuild> list(String app, int max) {
        return api.list(ApiRequest.get(Api.PLATFORM, path("apps", app, "builds")), Dto.Build.class,
                "created_at ..; max=" + Math.min(Math.max(max, 1), 1000) + ", order=desc", max).stream()
                .map(Dto.Build::toBuild).toList();
    }

    /**
     * Waits while the build is pending.
     *
     * @param app     the app
     * @param buildId the build
     * @param policy  poll interval and deadline
     * @return the build, succeeded or failed
     */
    public HerokuBuild waitFor(String app, String buildId, WaitPolicy policy) {
        return waiter.until("build " + buildId + " of " + app, "GET", path("apps", app, "builds", buildId), policy,
                () -> get(app, buildId), b -> b.status() != HerokuBuild.Status.PENDING,
                Waiter.onChange(HerokuBuild::status, b -> api.emit(new HerokuEvent.BuildProgressed(
                        api.settings().clock().instant(), app, b.id(), b.status()))));
    }

    /**
     * The build log (the end of it, at most 64 KiB), if it can be read.
     *
     * @param build the build
     * @return the log, or empty
     */
    public Optional<String> output(HerokuBuild build) {
        return build.outputStreamUrl().flatMap(u -> api.fetchText(u, 64 * 1024));
    }

    /**
     * The release Heroku created from a succeeded build: {@code build.release}, or, while that is still null
     * (heroku-api.md §13.5), the newest release of the build's slug.
     *
     * @param app   the app
     * @param build the build
     * @return the release, or empty while there is none yet
     */
    public Optional<HerokuRelease> releaseOf(String app, HerokuBuild build) {
        if (build.releaseId().isPresent()) {
            return Optional.of(releases.get(app, build.releaseId().get()));
        }
        if (build.slugId().isEmpty()) {
            return Optional.empty();
        }
        return releases.list(app, 10).stream().filter(r -> r.slugId().equals(build.slugId())).findFirst();
    }

    @Override
    public String toString() {
        return "BuildsApi";
    }
}
