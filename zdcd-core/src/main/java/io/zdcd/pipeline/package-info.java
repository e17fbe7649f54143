/**
 * The deployment pipeline: {@link io.zdcd.pipeline.DeploymentPipeline} deploys a push at once when its pending
 * migrations are all safe, defers it to the nightly build otherwise, and recovers automatically when a step fails.
 * Results are {@link io.zdcd.pipeline.DeploymentOutcome} values; progress is {@link io.zdcd.pipeline.DeploymentEvent}s
 * to {@link io.zdcd.pipeline.DeploymentListener}s.
 */
package io.zdcd.pipeline;
