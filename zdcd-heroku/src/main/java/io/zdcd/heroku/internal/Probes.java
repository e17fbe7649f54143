package io.zdcd.heroku.internal;

import com.fasterxml.jackson.databind.JavaType;
import io.zdcd.heroku.PgTransfer;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * The idempotency probes of the non-idempotent POSTs, all in one place: each method reads what exists before the
 * POST (call it first) and returns the probe {@link ApiTransport#nonIdempotent} asks after a 5xx, a timeout or a
 * dropped connection, which finds what the first attempt created, if it took effect. A POST without a probe (a
 * pipeline promotion: it cannot be looked up by what it did) passes {@code null} and is never repeated.
 */
public final class Probes {
    /** Builds are listed with this range unit, as the Heroku CLI does (the schema documents {@code id, started_at}). */
    public static final String BUILDS_RANGE = "created_at ..; max=10, order=desc";

    private final ApiTransport api;

    Probes(ApiTransport api) {
        this.api = api;
    }

    /** A new release (rollback, release of a slug): one newer than the newest version now. */
    public Supplier<Optional<Dto.Release>> newRelease(String app) {
        int before = releases(app, 1).stream().map(Dto.Release::version).filter(Objects::nonNull).findFirst()
                .orElse(0);
        return () -> releases(app, 5).stream()
                .filter(r -> r.version() != null && r.version() > before)
                .min((a, b) -> Integer.compare(a.version(), b.version()));
    }

    /** A new build of the same source URL and version, not among the newest 10 builds now. */
    public Supplier<Optional<Dto.Build>> newBuild(String app, String sourceUrl, String version) {
        Set<String> before = builds(app).stream().map(Dto.Build::id).collect(Collectors.toSet());
        String v = Objects.requireNonNullElse(version, "");
        return () -> builds(app).stream()
                .filter(b -> !before.contains(b.id()) && b.sourceBlob() != null
                        && sourceUrl.equals(b.sourceBlob().url())
                        && v.equals(Objects.requireNonNullElse(b.sourceBlob().version(), "")))
                .findFirst();
    }

    /** A new dyno running the same command. */
    public Supplier<Optional<Dto.Dyno>> newDyno(String app, String command) {
        Set<String> before = dynos(app).stream().map(Dto.Dyno::id).collect(Collectors.toSet());
        return () -> dynos(app).stream().filter(d -> !before.contains(d.id()) && command.equals(d.command()))
                .findFirst();
    }

    /** A new transfer (backup, restore) of that kind among the app's transfers. */
    public Supplier<Optional<Dto.Transfer>> newTransfer(String app, PgTransfer.Kind kind) {
        Set<String> before = transfers(app).stream().map(Dto.Transfer::uuid).collect(Collectors.toSet());
        return () -> transfers(app).stream()
                .filter(x -> !before.contains(x.uuid()) && x.toTransfer().kind() == kind).findFirst();
    }

    private List<Dto.Release> releases(String app, int max) {
        return api.list(ApiRequest.get(Api.PLATFORM, ApiRequest.path("apps", app, "releases")), Dto.Release.class,
                "version ..; max=" + max + ", order=desc", max);
    }

    private List<Dto.Build> builds(String app) {
        return api.list(ApiRequest.get(Api.PLATFORM, ApiRequest.path("apps", app, "builds")), Dto.Build.class,
                BUILDS_RANGE, 10);
    }

    private List<Dto.Dyno> dynos(String app) {
        return api.list(ApiRequest.get(Api.PLATFORM, ApiRequest.path("apps", app, "dynos")), Dto.Dyno.class, null,
                10_000);
    }

    /** {@code GET /client/v11/apps/{app}/transfers} on the data API (one page: the data API does not page). */
    public List<Dto.Transfer> transfers(String app) {
        JavaType t = api.json().getTypeFactory().constructCollectionType(List.class, Dto.Transfer.class);
        List<Dto.Transfer> list = api.idempotent(ApiRequest.get(Api.DATA,
                ApiRequest.path("client", "v11", "apps", app, "transfers")), t);
        return list == null ? List.of() : list;
    }
}
