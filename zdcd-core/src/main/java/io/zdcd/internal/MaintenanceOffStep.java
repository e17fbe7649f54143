package io.zdcd.internal;

import io.zdcd.pipeline.DeploymentOutcome;
import io.zdcd.spi.StepKind;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** MAINTENANCE_OFF: the window closes once the release is verified inside it; traffic reaches the release. */
final class MaintenanceOffStep implements Step {
    @Override
    public Optional<DeploymentOutcome> run(Deployment d) {
        d.run(StepKind.MAINTENANCE_OFF, "", Map.of(), () -> {
            d.maintenanceOffAt = d.events.now();
            try {
                d.settings().platform().maintenance(d.app(), false);
                d.maintenanceOn = false;
            } catch (RuntimeException e) {
                throw new Deployment.Failure(PipelineEngine.message(e));
            }
            return Deployment.Done.of("");
        });
        return Optional.empty();
    }

    @Override
    public List<StepKind> planned(Classified c) {
        return List.of(StepKind.MAINTENANCE_OFF);
    }
}
