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
import java.util.List;
import java.util.Optional;

/** The immutable settings of a {@code DeploymentPipeline}, as its builder collected them. */
public record PipelineSettings(String app, Platform platform, MigrationSource migrations,
                               Optional<MigrationRunner> runner, Optional<MigrationClassifier> classifier,
                               Optional<DatabaseBackups> backups, HealthCheck healthCheck, Duration verifyTimeout,
                               Duration verifyInterval, Optional<String> smokeCommand, Duration smokeTimeout,
                               DeploymentJournal journal, BuildQueue queue,
                               List<DeploymentListener> listeners, String holder, boolean nightlyMaintenanceWindow,
                               boolean acceptWriteLoss, Clock clock, Optional<MigrationRewriter> rewriter) {
    public PipelineSettings {
        listeners = List.copyOf(listeners);
    }

    /** These settings with the journal's and the queue's writes fenced by {@code lock} (see DeploymentJournal#fencedBy). */
    public PipelineSettings fencedBy(io.zdcd.spi.DeployLock lock) {
        return new PipelineSettings(app, platform, migrations, runner, classifier, backups, healthCheck, verifyTimeout,
                verifyInterval, smokeCommand, smokeTimeout, journal.fencedBy(lock), queue.fencedBy(lock), listeners,
                holder, nightlyMaintenanceWindow, acceptWriteLoss, clock, rewriter);
    }
}
