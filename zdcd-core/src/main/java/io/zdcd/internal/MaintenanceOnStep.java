package io.zdcd.internal;

import io.zdcd.pipeline.DeploymentOutcome;
import io.zdcd.spi.StepKind;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** MAINTENANCE_ON: the window of a nightly's UNSAFE migrations opens, before the backup. */
final class MaintenanceOnStep implements Step {
    @Override
    public Optional<DeploymentOutcome> run(Deployment d) {
        d.run(StepKind.MAINTENANCE_ON, "", Map.of(), () -> {
            try {
                d.settings().platform().maintenance(d.app(), true);
                d.maintenanceOn = true;
            } catch (RuntimeException e) {
                throw new Deployment.Failure(PipelineEngine.message(e));
            }
            return Deployment.Done.of(Counts.of(d.classified.unsafe().size(), "UNSAFE migration") + " pending");
        });
        return Optional.empty();
    }

    @Override
    public List<StepKind> planned(Classified c) {
        return List.of(StepKind.MAINTENANCE_ON);
    }
}
