package io.zdcd.internal;

import io.zdcd.classify.MigrationClassifier;
import io.zdcd.pipeline.DeploymentListener;
import io.zdcd.spi.BuildQueue;
import io.zdcd.spi.DatabaseBackups;
import io.zdcd.spi.DeploymentJournal;
import io.zdcd.spi.HealthCheck;
import io.zdcd.spi.MigrationRewriter;
import io.zdcd.spi.MigrationRunner;
import io.zdcd.spi.MigrationSource;
import io.zdcd.spi.Platform;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The settings a {@code DeploymentPipeline.Builder} collects (validated by its setters), with their defaults, until
 * {@link #settings()} checks them together and makes them {@link PipelineSettings}.
 */
public final class PipelineDraft {
    public String app;
    public Platform platform;
    public MigrationSource migrations = MigrationSource.none();
    public MigrationRunner runner;
    public MigrationClassifier classifier;
    public DatabaseBackups backups;
    public HealthCheck healthCheck = HealthCheck.releaseSucceeded();
    public Duration verifyTimeout;
    public Duration verifyInterval;
    public String smokeCommand;
    public Duration smokeTimeout;
    public DeploymentJournal journal;
    public BuildQueue queue;
    public final List<DeploymentListener> listeners = new ArrayList<>();
    public String holder = defaultHolder();
    public boolean nightlyMaintenanceWindow = true;
    public boolean acceptWriteLoss;
    public Clock clock = Clock.systemUTC();
    public MigrationRewriter rewriter;

    /** The defaults, with the pipeline's default timeouts. */
    public PipelineDraft(Duration verifyTimeout, Duration verifyInterval, Duration smokeTimeout) {
        this.verifyTimeout = verifyTimeout;
        this.verifyInterval = verifyInterval;
        this.smokeTimeout = smokeTimeout;
    }

    /** A draft holding {@code s}, to make a changed copy. */
    public static PipelineDraft of(PipelineSettings s) {
        PipelineDraft d = new PipelineDraft(s.verifyTimeout(), s.verifyInterval(), s.smokeTimeout());
        d.app = s.app();
        d.platform = s.platform();
        d.migrations = s.migrations();
        d.runner = s.runner().orElse(null);
        d.classifier = s.classifier().orElse(null);
        d.backups = s.backups().orElse(null);
        d.healthCheck = s.healthCheck();
        d.smokeCommand = s.smokeCommand().orElse(null);
        d.journal = s.journal();
        d.queue = s.queue();
        d.listeners.addAll(s.listeners());
        d.holder = s.holder();
        d.nightlyMaintenanceWindow = s.nightlyMaintenanceWindow();
        d.acceptWriteLoss = s.acceptWriteLoss();
        d.clock = s.clock();
        d.rewriter = s.rewriter().orElse(null);
        return d;
    }

    /**
     * The settings, once the required ones are there.
     *
     * @throws IllegalStateException without an app or a platform, or with migrations but no backups
     */
    public PipelineSettings settings() {
        if (app == null) {
            throw new IllegalStateException("app == null");
        }
        if (platform == null) {
            throw new IllegalStateException("platform == null");
        }
        if (runner != null && backups == null) {
            throw new IllegalStateException("backups == null: a pipeline that migrates needs backups "
                    + "(a restore point before every migration)");
        }
        return new PipelineSettings(app, platform, migrations, Optional.ofNullable(runner),
                Optional.ofNullable(classifier), Optional.ofNullable(backups), healthCheck, verifyTimeout,
                verifyInterval, Optional.ofNullable(smokeCommand), smokeTimeout,
                journal == null ? DeploymentJournal.inMemory() : journal,
                queue == null ? BuildQueue.inMemory() : queue, List.copyOf(listeners), holder,
                nightlyMaintenanceWindow, acceptWriteLoss, clock, Optional.ofNullable(rewriter));
    }

    /**
     * {@code value}, checked for a setter.
     *
     * @throws NullPointerException naming {@code param} when {@code value} is null
     * @throws IllegalArgumentException "{@code setting} is blank" when it is blank
     */
    public static String notBlank(String value, String param, String setting) {
        Objects.requireNonNull(value, param);
        if (value.isBlank()) {
            throw new IllegalArgumentException(setting + " is blank");
        }
        return value;
    }

    /**
     * {@code d}, checked for a setter: zero or more when {@code zeroAllowed}, otherwise more than zero.
     *
     * @throws NullPointerException naming {@code param} when {@code d} is null
     * @throws IllegalArgumentException "{@code setting} must be >= 0 (or > 0), was {@code d}" when out of range
     */
    public static Duration duration(Duration d, String param, String setting, boolean zeroAllowed) {
        Objects.requireNonNull(d, param);
        if (d.isNegative() || !zeroAllowed && d.isZero()) {
            throw new IllegalArgumentException(setting + (zeroAllowed ? " must be >= 0, was " : " must be > 0, was ")
                    + d);
        }
        return d;
    }

    private static String defaultHolder() {
        String user = System.getProperty("user.name", "unknown");
        String host = System.getenv().getOrDefault("HOSTNAME", "localhost");
        return user + "@" + host + " (pid " + ProcessHandle.current().pid() + ")";
    }
}
