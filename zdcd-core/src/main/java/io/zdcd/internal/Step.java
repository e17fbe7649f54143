package io.zdcd.internal;

import io.zdcd.pipeline.DeploymentOutcome;
import java.util.Optional;

/**
 * One step of a deployment flow (see {@link Flows}): a small job, like an interceptor of OkHttp's chain. A step acts
 * through its {@link Deployment}, whose runner journals it, times it with the pipeline's clock, emits its events and
 * turns a {@link Deployment.Failure} into a FAILED step that the deployment recovers from.
 */
interface Step {
    /**
     * Runs this step of {@code d}.
     *
     * @param d the deployment, its state and its step runner
     * @return empty to go on with the next step, or the outcome when the deployment ends here (refused, deferred)
     */
    Optional<DeploymentOutcome> run(Deployment d);
}
