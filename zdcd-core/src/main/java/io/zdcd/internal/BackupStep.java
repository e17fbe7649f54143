package io.zdcd.internal;

import io.zdcd.pipeline.DeploymentOutcome;
import io.zdcd.spi.Backup;
import io.zdcd.spi.StepKind;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** BACKUP: the restore point, captured only when migrations are pending (skipped otherwise). */
final class BackupStep implements Step {
    @Override
    public Optional<DeploymentOutcome> run(Deployment d) {
        if (d.classified.pending().isEmpty()) {
            d.skipped(StepKind.BACKUP, "", "no pending migration");
            return Optional.empty();
        }
        d.run(StepKind.BACKUP, "", Map.of(), () -> {
            Backup backup;
            try {
                backup = d.settings().backups().orElseThrow(() -> new IllegalStateException("no backups configured"))
                        .capture(d.app(), d.progress(StepKind.BACKUP, ""));
            } catch (RuntimeException e) {
                throw new Deployment.Failure(PipelineEngine.message(e));
            }
            return Deployment.Done.of(backup.toString()).withSubject(backup.id()).withAttrs(Map.of(
                    JournalKeys.CAPTURED_AT, backup.capturedAt().toString(),
                    JournalKeys.MAINTENANCE_BEFORE_BACKUP, String.valueOf(d.maintenanceOn)));
        });
        return Optional.empty();
    }

    @Override
    public List<StepKind> planned(Classified c) {
        return c.pending().isEmpty() ? List.of() : List.of(StepKind.BACKUP);
    }
}
