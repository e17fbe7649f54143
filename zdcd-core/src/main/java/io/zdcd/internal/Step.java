package io.zdcd.internal;

import io.zdcd.pipeline.DeploymentOutcome;
import io.zdcd.spi.StepKind;
import java.util.List;
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

    /**
     * The steps this one journals for a deployment whose classification found {@code c}, as a plan lists them (what
     * {@code zdcd plan} prints).
     *
     * @param c what the classification found (with no rewrites when the plan stops before looking for them)
     * @return the kinds, in order; empty when this step journals none of its own
     */
    List<StepKind> planned(Classified c);
}
