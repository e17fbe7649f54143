package io.zdcd.internal;

import io.zdcd.pipeline.DeploymentOutcome;
import io.zdcd.spi.StepKind;
import java.util.List;
import java.util.Optional;

/**
 * The nightly's classification of the pending migrations: no step of its own (a nightly never defers), and a
 * failure to classify fails the deployment as its PREFLIGHT, with nothing journaled.
 */
final class ClassifyStep implements Step {
    @Override
    public Optional<DeploymentOutcome> run(Deployment d) {
        try {
            d.classified = Classified.of(d.settings(), d.build);
        } catch (Deployment.Failure f) {
            throw new Deployment.StepFailure(StepKind.PREFLIGHT, f.getMessage());
        }
        d.continueWith(Flows.after(d.classified, d.settings().nightlyMaintenanceWindow()));
        return Optional.empty();
    }

    @Override
    public List<StepKind> planned(Classified c) {
        return List.of();
    }
}
