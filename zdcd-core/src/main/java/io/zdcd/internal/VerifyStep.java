package io.zdcd.internal;

import io.zdcd.pipeline.DeploymentOutcome;
import io.zdcd.spi.Health;
import io.zdcd.spi.StepKind;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * VERIFY without a maintenance window: processes up and the smoke command, then the health check (traffic already
 * reaches the release, so its health check belongs to the same step).
 */
final class VerifyStep implements Step {
    @Override
    public Optional<DeploymentOutcome> run(Deployment d) {
        String subject = "v" + d.release.version();
        d.run(StepKind.VERIFY, subject, Map.of(), () -> {
            Health inside = Verification.processesAndSmoke(d, d.release);
            if (!inside.healthy()) {
                throw new Deployment.Failure(inside.detail());
            }
            Health traffic = Verification.traffic(d, d.release, subject);
            if (!traffic.healthy()) {
                throw new Deployment.Failure(traffic.detail());
            }
            return Deployment.Done.of(Verification.join(inside, traffic));
        });
        return Optional.empty();
    }

    @Override
    public List<StepKind> planned(Classified c) {
        return List.of(StepKind.VERIFY);
    }
}
