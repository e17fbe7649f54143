package io.zdcd.heroku;

import static io.zdcd.heroku.internal.ApiRequest.path;

import io.zdcd.heroku.internal.Api;
import io.zdcd.heroku.internal.ApiRequest;
import io.zdcd.heroku.internal.ApiTransport;
import io.zdcd.heroku.internal.Dto;
import io.zdcd.heroku.internal.Waiter;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Releases, rollbacks and the release phase: {@link HerokuClient#releases()}.
 *
 * @since 0.1
 */
public final class ReleasesApi {
    private final ApiTransport api;
    private final Waiter waiter;

    ReleasesApi(ApiTransport api, Waiter waiter) {
        this.api = api;
        this.waiter = waiter;
    }

    /**
     * The newest {@code max} releases, newest first ({@code Range: version ..; max=N, order=desc}, paged).
     *
     * @param app the app
     * @param max how many, at least 1
     * @return the releases, newest first
     */
    public List<HerokuRelease> list(String app, int max) {
        if (max < 1) {
            throw new IllegalArgumentException("max must be >= 1, was " + max);
        }
        String range = "version ..; max=" + Math.min(max, 1000) + ", order=desc";
        return api.list(ApiRequest.get(Api.PLATFORM, path("apps", app, "releases")), Dto.Release.class, range, max)
                .stream().map(Dto.Release::toRelease).toList();
    }

    /**
     * {@code GET /apps/{app}/releases/{id_or_version}}.
     *
     * @param app         the app
     * @param idOrVersion the release's id, or its version ({@code 42} or {@code v42})
     * @return the release
     */
    public HerokuRelease get(String app, String idOrVersion) {
        String v = idOrVersion.startsWith("v") && idOrVersion.length() > 1
                && idOrVersion.substring(1).chars().allMatch(Character::isDigit) ? idOrVersion.substring(1) : idOrVersion;
        return api.idempotent(ApiRequest.get(Api.PLATFORM, path("apps", app, "releases", v)), Dto.Release.class)
                .toRelease();
    }

    /**
     * The release marked {@code current} among the newest 50 (the newest release need not be current: a pending
     * or failed one sits above it); if none carries the flag, the newest succeeded one.
     *
     * @param app the app
     * @return the current release
     * @throws HerokuApiException ({@code not_found}) if the app has no release that could be current
     */
    public HerokuRelease current(String app) {
        return currentOf(list(app, 50)).orElseThrow(() -> new HerokuApiException(404, "not_found", "app " + app
                + " has no current release", "", "GET", path("apps", app, "releases"), null));
    }

    /** The release flagged current, else the newest succeeded one. */
    static Optional<HerokuRelease> currentOf(List<HerokuRelease> newestFirst) {
        return newestFirst.stream().filter(HerokuRelease::current).findFirst()
                .or(() -> newestFirst.stream().filter(r -> r.status() == HerokuRelease.Status.SUCCEEDED).findFirst());
    }

    /**
     * Rolls back to {@code releaseId} ({@code POST /apps/{app}/releases {"release": id}}): Heroku creates a new
     * release with that release's code and config vars, and runs the release phase on it. Not idempotent: the
     * newest version is read first, and after a failure without answer a release newer than it counts as done.
     *
     * @param app       the app
     * @param releaseId the id of the release to go back to
     * @return the new release
     */
    public HerokuRelease rollback(String app, String releaseId) {
        return api.nonIdempotent(ApiRequest.of("POST", Api.PLATFORM, path("apps", app, "releases"),
                Map.of("release", releaseId)), Dto.Release.class, api.probes().newRelease(app)).toRelease();
    }

    /**
     * Creates a release of an existing slug ({@code POST /apps/{app}/releases {"slug", "description"}}); not
     * idempotent, probed as {@link #rollback} is.
     *
     * @param app         the app
     * @param slugId      the slug
     * @param description the release's description
     * @return the new release
     */
    public HerokuRelease create(String app, String slugId, String description) {
        return api.nonIdempotent(ApiRequest.of("POST", Api.PLATFORM, path("apps", app, "releases"),
                        ApiRequest.body("slug", slugId, "description", description)), Dto.Release.class,
                api.probes().newRelease(app)).toRelease();
    }

    /**
     * Waits while the release is pending (its release phase running), polling {@code GET .../releases/{id}}.
     *
     * @param app         the app
     * @param idOrVersion the release
     * @param policy      poll interval and deadline
     * @return the release, succeeded, failed or expired
     */
    public HerokuRelease waitFor(String app, String idOrVersion, WaitPolicy policy) {
        return waiter.until("release " + idOrVersion + " of " + app, "GET", path("apps", app, "releases", idOrVersion),
                policy, () -> get(app, idOrVersion), r -> r.status() != HerokuRelease.Status.PENDING,
                Waiter.onChange(HerokuRelease::status, r -> api.emit(new HerokuEvent.ReleaseProgressed(
                        api.settings().clock().instant(), app, r.version(), r.status()))));
    }

    /**
     * The release command's output (the end of it, at most 64 KiB), if the release has a stream and it started.
     *
     * @param release the release
     * @return the output, or empty
     */
    public Optional<String> output(HerokuRelease release) {
        return release.outputStreamUrl().flatMap(u -> api.fetchText(u, 64 * 1024));
    }

    @Override
    public String toString() {
        return "ReleasesApi";
    }
}
