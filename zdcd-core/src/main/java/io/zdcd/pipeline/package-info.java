/**
 * The deployment pipeline: {@link io.zdcd.pipeline.DeploymentPipeline} deploys a push at once when its pending
 * migrations are all safe, defers it to the nightly build otherwise, and recovers automatically when a step fails.
 * Results are {@link io.zdcd.pipeline.DeploymentOutcome} values; progress is {@link io.zdcd.pipeline.DeploymentEvent}s
 * to {@link io.zdcd.pipeline.DeploymentListener}s. The sections below say once how a deployment runs; the methods and
 * settings of {@link io.zdcd.pipeline.DeploymentPipeline} link here.
 *
 * <h2 id="continuous">A push (continuous mode)</h2>
 * {@link io.zdcd.pipeline.DeploymentPipeline#deploy deploy}: lock, preflight, backup (only when migrations are
 * pending), migrate, release, verify. Any UNSAFE pending migration, or any build already queued, defers the build to
 * the nightly queue and changes nothing; with <a href="#expand-contract">expand/contract</a>, UNSAFE migrations that
 * can all be rewritten ship at once instead (their contract parts after verify). A failing step is
 * <a href="#recovery">recovered automatically</a>.
 *
 * <h2 id="nightly">The nightly build</h2>
 * {@link io.zdcd.pipeline.DeploymentPipeline#nightly() nightly()} is skipped when nothing is queued; otherwise it
 * deploys the newest queued build (all queued builds at once), without preflight, inside a maintenance window when any
 * pending migration is UNSAFE. In the window: backup, migrate, release, then verify
 * ({@link io.zdcd.spi.Platform#processesUp}, the smoke command); maintenance goes off, then the health check runs
 * (<a href="#verify">verify</a>). It is refused, with nothing changed, when the platform cannot release the build
 * ({@link io.zdcd.spi.Platform#cannotRelease}). A build whose nightly failed and was recovered stays queued.
 *
 * <p>The maintenance window
 * ({@link io.zdcd.pipeline.DeploymentPipeline.Builder#nightlyMaintenanceWindow Builder.nightlyMaintenanceWindow}, on by
 * default) is switched on before the backup, so a restore loses no write. Without it, a restore would lose the writes
 * made since the backup, so it needs consent
 * ({@link io.zdcd.pipeline.DeploymentPipeline.Builder#acceptWriteLoss Builder.acceptWriteLoss}).
 *
 * <h2 id="verify">Verify</h2>
 * The verify step asks {@link io.zdcd.spi.Platform#processesUp}, then runs the smoke command, if any
 * ({@link io.zdcd.pipeline.DeploymentPipeline.Builder#smokeCommand Builder.smokeCommand}): a command run in a one-off
 * process of the new release ({@link io.zdcd.spi.Platform#runCommand}, on Heroku a one-off dyno) before a nightly
 * maintenance window goes off, for example {@code python manage.py check --deploy} or a script that reads a few rows
 * through the new code. It must exit 0 within
 * {@link io.zdcd.pipeline.DeploymentPipeline.Builder#smokeTimeout Builder.smokeTimeout}; otherwise the release counts
 * as unhealthy and is recovered while no traffic has reached it. The health check
 * ({@link io.zdcd.pipeline.DeploymentPipeline.Builder#healthCheck Builder.healthCheck}) is asked once traffic reaches
 * the release: after {@link io.zdcd.spi.Platform#processesUp} and the smoke command said healthy, and, in a nightly
 * maintenance window, only after maintenance mode went off (while it is on, a router such as Heroku's answers 503 to
 * every request, so an HTTP check cannot tell anything).
 *
 * <p>When the health check fails after a maintenance window went off, writes may have happened on the new release
 * since: the code is rolled back at once, but the database is restored only with consent
 * ({@link io.zdcd.pipeline.DeploymentPipeline.Builder#acceptWriteLoss Builder.acceptWriteLoss}, or
 * {@link io.zdcd.pipeline.DeploymentPipeline#recoverAcceptingWriteLoss()} later); without it the outcome is
 * {@link io.zdcd.pipeline.DeploymentOutcome.Status#FAILED} and its remaining plan says from when writes would be lost.
 *
 * <h2 id="expand-contract">Expand/contract</h2>
 * Opt-in ({@link io.zdcd.pipeline.DeploymentPipeline.Builder#expandContract Builder.expandContract}; by default an
 * UNSAFE push is deferred to the nightly build). When every UNSAFE pending migration has a rewrite whose expand parts
 * the pipeline's classifier judges SAFE, the push deploys at once: backup, the expand parts (through the runner, with
 * its lock policy) in place of the migration, release, verify, then the contract parts (step {@code CONTRACT}). A
 * migration without a rewrite defers the whole push as before. The runner must apply SQL itself
 * ({@link io.zdcd.spi.MigrationRunner#isApplied}, {@link io.zdcd.spi.MigrationRunner#recordApplied}): with Django's
 * runner the push is deferred and the reason says so. The rewritten migration is recorded as applied once its last part
 * is; parts an earlier deployment applied are skipped. A failed expand part is recovered as a failed SAFE migration
 * (code rolled back, the additive expand kept); a failed contract part rolls nothing back: the outcome is
 * {@link io.zdcd.pipeline.DeploymentOutcome.Status#CONTRACT_FAILED} and the migration stays pending, so the next
 * deployment with expand/contract runs the rest of its contract. The nightly build uses the same rewrites (no
 * maintenance window for a rewritten migration).
 *
 * <h2 id="recovery">Recovery</h2>
 * A failing step is recovered automatically by a {@link io.zdcd.recovery.RecoveryPlan}, computed from the journal; the
 * database is restored only where no write can be lost or
 * {@link io.zdcd.pipeline.DeploymentPipeline.Builder#acceptWriteLoss Builder.acceptWriteLoss} allows it (otherwise the
 * restore waits for a person: {@link io.zdcd.pipeline.DeploymentPipeline#recoverAcceptingWriteLoss()}). One deployment
 * per app runs at a time (the journal's deploy lock); a deployment whose process crashed, or whose recovery failed or
 * awaits consent, is unfinished until {@link io.zdcd.pipeline.DeploymentPipeline#recover()} finishes it.
 */
package io.zdcd.pipeline;
