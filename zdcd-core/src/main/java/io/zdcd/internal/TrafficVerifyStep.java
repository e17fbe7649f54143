package io.zdcd.internal;

import io.zdcd.pipeline.DeploymentOutcome;
import io.zdcd.spi.Health;
import io.zdcd.spi.StepKind;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** VERIFY {@code v<n> traffic}: the health check once maintenance mode is off and traffic is back. */
final class TrafficVerifyStep implements Step {
    /** The subject suffix of the verify step that runs once traffic is back after a maintenance window. */
    static final String TRAFFIC = "traffic";

    @Override
    public Optional<DeploymentOutcome> run(Deployment d) {
        String subject = "v" + d.release.version() + " " + TRAFFIC;
        d.run(StepKind.VERIFY, subject, Map.of(), () -> {
            Health traffic = Verification.traffic(d, d.release, subject);
            if (!traffic.healthy()) {
                throw new Deployment.Failure(traffic.detail() + " (after maintenance mode went off at "
                        + d.maintenanceOffAt + ": writes may have reached the new release since)");
            }
            return Deployment.Done.of(traffic.detail());
        });
        return Optional.empty();
    }

    @Override
    public List<StepKind> planned(Classified c) {
        return List.of(StepKind.VERIFY);
    }
}
