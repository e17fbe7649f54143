package io.zdcd.heroku.internal;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.zdcd.heroku.HerokuAddon;
import io.zdcd.heroku.HerokuApp;
import io.zdcd.heroku.HerokuAttachment;
import io.zdcd.heroku.HerokuBuild;
import io.zdcd.heroku.HerokuDyno;
import io.zdcd.heroku.HerokuFormation;
import io.zdcd.heroku.HerokuPromotion;
import io.zdcd.heroku.HerokuRelease;
import io.zdcd.heroku.HerokuSource;
import io.zdcd.heroku.PgTransfer;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The JSON shapes of the Heroku API (snake_case, unknown fields ignored: Heroku adds fields over time), and their
 * mapping to the public value types.
 */
public final class Dto {
    private Dto() {
    }

    public record Ref(String id, String name) {
        static Optional<String> idOf(Ref r) {
            return r == null || r.id() == null ? Optional.empty() : Optional.of(r.id());
        }
    }

    public record Error(String id, String message, String url) {
    }

    public record RateLimit(Integer remaining) {
    }

    public record App(String id, String name, Boolean maintenance, String webUrl, Ref generation) {
        public HerokuApp toApp() {
            return new HerokuApp(id, name, Boolean.TRUE.equals(maintenance), Optional.ofNullable(webUrl),
                    generation == null ? "" : generation.name());
        }
    }

    public record Release(String id, Integer version, HerokuRelease.Status status, Boolean current,
                          Boolean eligibleForRollback, String description, Ref slug, String outputStreamUrl,
                          String createdAt) {
        public HerokuRelease toRelease() {
            HerokuRelease.Status s = status == null ? HerokuRelease.Status.UNKNOWN : status;
            boolean eligible = eligibleForRollback != null ? eligibleForRollback : s == HerokuRelease.Status.SUCCEEDED;
            return new HerokuRelease(id, version == null ? 0 : version, s, Boolean.TRUE.equals(current), eligible,
                    description, Ref.idOf(slug), Optional.ofNullable(outputStreamUrl), createdAt);
        }
    }

    public record SourceBlob(String url, String version, String checksum) {
    }

    public record Build(String id, HerokuBuild.Status status, SourceBlob sourceBlob, Ref slug, Ref release,
                        String outputStreamUrl, String createdAt) {
        public HerokuBuild toBuild() {
            return new HerokuBuild(id, status, sourceBlob == null ? "" : sourceBlob.url(),
                    sourceBlob == null ? "" : sourceBlob.version(), Ref.idOf(slug), Ref.idOf(release),
                    Optional.ofNullable(outputStreamUrl), createdAt);
        }
    }

    public record DynoRelease(String id, Integer version) {
    }

    public record Dyno(String id, String name, String type, String state, String command, DynoRelease release) {
        public HerokuDyno toDyno() {
            return new HerokuDyno(id, name, type, state, command,
                    release == null || release.version() == null ? 0 : release.version());
        }
    }

    public record LogSession(String id, String logplexUrl) {
        public io.zdcd.heroku.HerokuLogSession toLogSession() {
            return new io.zdcd.heroku.HerokuLogSession(id, logplexUrl);
        }
    }

    public record DynoSize(String id, String name) {
    }

    public record Formation(String type, Integer quantity, String size, DynoSize dynoSize) {
        public HerokuFormation toFormation() {
            String s = dynoSize != null && dynoSize.name() != null ? dynoSize.name() : size;
            return new HerokuFormation(type, quantity == null ? 0 : quantity, s);
        }
    }

    public record Plan(String id, String name) {
    }

    public record AddonRef(String id, String name, Ref app, Plan plan) {
    }

    public record Addon(String id, String name, Ref addonService, Plan plan, Ref app, List<String> configVars,
                        String state) {
        public HerokuAddon toAddon() {
            return new HerokuAddon(id, name, addonService == null ? "" : addonService.name(),
                    plan == null ? "" : plan.name(), app == null ? "" : app.name(),
                    configVars == null ? List.of() : configVars, state);
        }
    }

    public record Attachment(String id, String name, AddonRef addon, Ref app) {
        public HerokuAttachment toAttachment() {
            AddonRef a = Objects.requireNonNull(addon, "attachment without add-on");
            return new HerokuAttachment(id, name, a.id(), a.name(), a.app() == null ? "" : a.app().name(),
                    a.plan() == null ? "" : a.plan().name());
        }
    }

    public record SourceUrls(String getUrl, String putUrl) {
    }

    public record Source(SourceUrls sourceBlob) {
        public HerokuSource toSource() {
            return new HerokuSource(sourceBlob.getUrl(), sourceBlob.putUrl());
        }
    }

    public record Promotion(String id, String status) {
    }

    public record PromotionTarget(Ref app, String status, String errorMessage, Ref release) {
        public HerokuPromotion.Target toTarget() {
            return new HerokuPromotion.Target(app == null ? "" : app.id(), status, errorMessage, Ref.idOf(release));
        }
    }

    public record TransferLog(String createdAt, String level, String message) {
    }

    public record Transfer(String uuid, Integer num, String fromType, String toType, String toUrl, Boolean succeeded,
                           Long processedBytes, Long sourceBytes, String startedAt, String finishedAt,
                           String canceledAt, String createdAt, List<TransferLog> logs) {
        public PgTransfer toTransfer() {
            return new PgTransfer(uuid, num == null ? 0 : num, fromType, toType, toUrl, Boolean.TRUE.equals(succeeded),
                    processedBytes == null ? 0 : processedBytes, sourceBytes == null ? 0 : sourceBytes,
                    Optional.ofNullable(startedAt), Optional.ofNullable(finishedAt), Optional.ofNullable(canceledAt),
                    createdAt, logs == null ? List.of() : logs.stream().map(TransferLog::message)
                            .filter(Objects::nonNull).toList());
        }
    }

    public record PgInfo(@JsonProperty("waiting?") Boolean waiting, @JsonProperty("error?") Boolean error,
                         String message) {
    }
}
