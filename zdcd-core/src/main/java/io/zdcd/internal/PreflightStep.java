package io.zdcd.internal;

import io.zdcd.pipeline.DeploymentOutcome;
import io.zdcd.spi.QueuedBuild;
import io.zdcd.spi.Rewrite;
import io.zdcd.spi.StepKind;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * PREFLIGHT of a push: classifies the pending migrations, then defers the build to the nightly (queued behind
 * other builds, or an UNSAFE migration that expand/contract cannot rewrite) or goes on with the deployment.
 */
final class PreflightStep implements Step {
    @Override
    public Optional<DeploymentOutcome> run(Deployment d) {
        PipelineSettings s = d.settings();
        String deferral = d.run(StepKind.PREFLIGHT, "", Map.of(), () -> {
            Classified c = Classified.of(s, d.build);
            d.classified = c;
            List<QueuedBuild> queued = s.queue().queued(s.app());
            String reason = !queued.isEmpty() ? Planner.queuedBehind(queued) : c.unsafe().isEmpty() ? ""
                    : Verdicts.unsafeReason(c.unsafe()) + c.rewrites().why();
            if (!reason.isEmpty()) {
                s.queue().enqueue(s.app(), d.build, reason, d.events.now());
                return Deployment.Done.of(reason, "deferred: " + reason);
            }
            int n = c.pending().size();
            Rewrites rewrites = c.rewrites();
            return Deployment.Done.of("", n == 0 ? "no pending migration"
                    : !rewrites.isEmpty() ? Counts.of(n, "migration") + ", " + rewrites.summary()
                    : n + (n == 1 ? " migration, SAFE" : " migrations, all SAFE"))
                    .withAttrs(rewrites.isEmpty() ? Map.of() : Map.of(JournalKeys.REWRITES, PipelineEngine.oneLine(
                            String.join("; ", rewrites.byMigration().values().stream().map(Rewrite::toString)
                                    .toList()))));
        });
        if (!deferral.isEmpty()) {
            s.journal().end(d.record().id(), false, "deferred to the nightly build: " + deferral, d.events.now());
            return Optional.of(new DeploymentOutcome.Deferred(s.app(), d.build, deferral, d.classified.unsafe(),
                    d.results(), d.elapsed()));
        }
        d.continueWith(Flows.after(d.classified, false));
        return Optional.empty();
    }

    @Override
    public List<StepKind> planned(Classified c) {
        return List.of(StepKind.PREFLIGHT);
    }
}
