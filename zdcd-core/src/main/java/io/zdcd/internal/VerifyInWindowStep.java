package io.zdcd.internal;

import io.zdcd.pipeline.DeploymentOutcome;
import io.zdcd.spi.Health;
import io.zdcd.spi.StepKind;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * VERIFY inside a maintenance window: processes up and the smoke command only (the router answers 503 to every
 * request while the window is on, so no HTTP check can tell anything yet; {@link TrafficVerifyStep} runs it after).
 */
final class VerifyInWindowStep implements Step {
    @Override
    public Optional<DeploymentOutcome> run(Deployment d) {
        d.run(StepKind.VERIFY, "v" + d.release.version(), Map.of(), () -> {
            Health inside = Verification.processesAndSmoke(d, d.release);
            if (!inside.healthy()) {
                throw new Deployment.Failure(inside.detail());
            }
            return Deployment.Done.of(inside.detail());
        });
        return Optional.empty();
    }

    @Override
    public List<StepKind> planned(Classified c) {
        return List.of(StepKind.VERIFY);
    }
}
