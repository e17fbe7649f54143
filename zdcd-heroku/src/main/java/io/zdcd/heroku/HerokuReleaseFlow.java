package io.zdcd.heroku;

import io.zdcd.heroku.internal.Waiter;
import io.zdcd.spi.Build;
import io.zdcd.spi.PlatformException;
import io.zdcd.spi.Progress;
import io.zdcd.spi.Release;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * How {@link HerokuPlatform} releases, rolls back and waits for an unfinished operation: a Heroku build, the release
 * Heroku creates from it, its release phase, then (by default) the dynos on it.
 */
final class HerokuReleaseFlow {
    private final HerokuClient client;
    private final Clock clock;
    private final WaitPolicy buildWait;
    private final WaitPolicy releaseWait;
    private final WaitPolicy dynoWait;
    private final boolean waitForDynos;
    private final int minimumBudget;

    HerokuReleaseFlow(HerokuClient client, WaitPolicy buildWait, WaitPolicy releaseWait, WaitPolicy dynoWait,
                      boolean waitForDynos) {
        this.client = client;
        this.clock = client.clock();
        this.buildWait = buildWait;
        this.releaseWait = releaseWait;
        this.dynoWait = dynoWait;
        this.waitForDynos = waitForDynos;
        this.minimumBudget = client.rateLimitPolicy().minimumToStart();
    }

    Optional<Release> currentRelease(String app) {
        return ReleasesApi.currentOf(client.releases().list(app, 50)).map(r -> toRelease(r, buildVersionOf(app, r)));
    }

    Release release(String app, Build build, Progress progress) {
        String operation = "release " + app + " build " + build.shortVersion();
        String sourceUrl = build.sourceUrl().orElseThrow(() -> new PlatformException(operation,
                "the build has no source URL (Heroku builds a gzipped tarball it can download: Build.withSourceUrl)"));
        checkBudget();
        HerokuBuild started = client.builds().create(app, sourceUrl, build.version());
        progress.operationStarted("build", started.id()); // journaled before waiting: a crash cannot lose it
        progress.report("Heroku build " + started.id() + " started");
        HerokuBuild built = client.builds().waitFor(app, started.id(), buildWait);
        if (built.status() != HerokuBuild.Status.SUCCEEDED) {
            throw new PlatformException(operation, "Heroku build " + built.id() + " " + lower(built.status())
                    + tail(client.builds().output(built)));
        }
        progress.report("Heroku build " + built.id() + " succeeded");
        HerokuRelease created = findReleaseOf(app, built);
        progress.operationStarted("release", created.id());
        progress.report("release v" + created.version() + " created, release phase running");
        HerokuRelease done = client.releases().waitFor(app, created.id(), releaseWait);
        if (done.status() != HerokuRelease.Status.SUCCEEDED) {
            throw new PlatformException(operation, "release phase of v" + done.version() + " "
                    + lower(done.status()) + "; v" + done.version() + " does not serve traffic"
                    + tail(client.releases().output(done)));
        }
        progress.report("release v" + done.version() + " succeeded");
        awaitDynos(app, done, progress);
        return toRelease(done, build.version());
    }

    Release rollback(String app, Release target, Progress progress) {
        String operation = "roll back " + app + " to v" + target.version();
        HerokuRelease to = client.releases().get(app, String.valueOf(target.version()));
        if (!to.eligibleForRollback()) {
            throw new PlatformException(operation, "Heroku says v" + to.version() + " (" + lower(to.status())
                    + ") is not eligible for rollback");
        }
        // no budget check here: a rollback is recovery, and refusing it would leave a broken release serving
        HerokuRelease created = client.releases().rollback(app, to.id());
        progress.operationStarted("release", created.id());
        progress.report("rollback release v" + created.version() + " created, release phase running");
        HerokuRelease done = client.releases().waitFor(app, created.id(), releaseWait);
        if (done.status() != HerokuRelease.Status.SUCCEEDED) {
            throw new PlatformException(operation, "release phase of rollback release v" + done.version() + " "
                    + lower(done.status()) + tail(client.releases().output(done)));
        }
        progress.report("rollback release v" + done.version() + " succeeded");
        awaitDynos(app, done, progress);
        return toRelease(done, target.buildVersion());
    }

    Optional<Release> awaitOperation(String app, String kind, String id, Progress progress) {
        String releaseId;
        if ("build".equals(kind)) {
            HerokuBuild built = client.builds().waitFor(app, id, buildWait);
            progress.report("Heroku build " + id + " " + lower(built.status()));
            if (built.status() != HerokuBuild.Status.SUCCEEDED) {
                return Optional.empty();
            }
            releaseId = findReleaseOf(app, built).id();
        } else if ("release".equals(kind)) {
            releaseId = id;
        } else {
            return Optional.empty();
        }
        HerokuRelease done = client.releases().waitFor(app, releaseId, releaseWait);
        progress.report("release v" + done.version() + " " + lower(done.status()));
        return done.status() == HerokuRelease.Status.SUCCEEDED
                ? Optional.of(toRelease(done, buildVersionOf(app, done))) : Optional.empty();
    }

    private void checkBudget() {
        if (minimumBudget <= 0) {
            return;
        }
        int remaining = client.rateLimitRemaining();
        if (remaining < minimumBudget) {
            throw new HerokuApiException(0, HerokuApiException.RATE_LIMIT_BUDGET, "only " + remaining
                    + " API calls left in the account's budget, " + minimumBudget + " needed to start; try again later",
                    "", "GET", "/account/rate-limits", null);
        }
    }

    private HerokuRelease findReleaseOf(String app, HerokuBuild built) {
        // build.release may lag behind build.status (heroku-api.md §13.5): look again for a while.
        return new Waiter(clock, client.sleeper())
                .until("the release of build " + built.id(), "GET", "/apps/" + app + "/builds/" + built.id(),
                        releaseWait, () -> client.builds().releaseOf(app, client.builds().get(app, built.id())),
                        Optional::isPresent, r -> { })
                .orElseThrow();
    }

    private void awaitDynos(String app, HerokuRelease release, Progress progress) {
        if (waitForDynos) {
            List<HerokuDyno> settled = client.dynos().waitForSettled(app, release.version(), dynoWait);
            List<HerokuDyno> crashed = settled.stream().filter(d -> !d.isUp()).toList();
            progress.report(crashed.isEmpty() ? settled.size() + " dynos up on v" + release.version()
                    : (settled.size() - crashed.size()) + " dynos up on v" + release.version() + ", crashed: "
                    + crashed.stream().map(HerokuDyno::name).collect(Collectors.joining(", ")));
        }
    }

    private String buildVersionOf(String app, HerokuRelease release) {
        if (release.slugId().isEmpty()) {
            return "";
        }
        return client.builds().list(app, 20).stream().filter(b -> b.slugId().equals(release.slugId()))
                .map(HerokuBuild::sourceVersion).findFirst().orElse("");
    }

    private Release toRelease(HerokuRelease r, String buildVersion) {
        Instant at;
        try {
            at = Instant.parse(r.createdAt());
        } catch (DateTimeParseException e) {
            at = clock.instant(); // the data format is not guaranteed (heroku-api.md §13.9): never fail on it
        }
        return new Release(r.version(), buildVersion, r.description(), at);
    }

    private static String tail(Optional<String> output) {
        return output.map(o -> {
            List<String> lines = o.strip().lines().toList();
            List<String> last = lines.subList(Math.max(0, lines.size() - 5), lines.size());
            return last.isEmpty() ? "" : "; output ends: " + String.join(" | ", last);
        }).orElse("");
    }

    private static String lower(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT);
    }
}
