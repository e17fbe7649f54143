package io.zdcd.internal;

import io.zdcd.pipeline.DeploymentOutcome;
import io.zdcd.pipeline.StepResult;
import io.zdcd.recovery.RecoveryPlan;
import io.zdcd.spi.DeployLock;
import io.zdcd.spi.DeploymentLockedException;
import io.zdcd.spi.DeploymentRecord;
import io.zdcd.spi.JournalEntry;
import io.zdcd.spi.Release;
import io.zdcd.spi.StepKind;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * LOCK: the deploy lock, then no unfinished deployment; begins the journal record with the release serving before.
 * The first step of every flow: it ends the deployment (refused, or failed before any change) when it cannot pass.
 */
final class LockStep implements Step {
    @Override
    public Optional<DeploymentOutcome> run(Deployment d) {
        PipelineSettings s = d.settings();
        Instant t = d.events.now();
        d.announce(StepKind.LOCK, "");
        DeployLock lock;
        try {
            lock = s.journal().lock(s.app(), s.holder());
        } catch (DeploymentLockedException e) {
            d.result(StepKind.LOCK, "", StepResult.Status.FAILED, d.events.since(t), e.getMessage());
            return Optional.of(new DeploymentOutcome.Refused(s.app(), d.build, e.holder(), e.getMessage(),
                    d.results(), d.elapsed()));
        }
        d.hold(lock);
        s = d.settings();
        Optional<DeploymentRecord> unfinished = s.journal().unfinished(s.app());
        if (unfinished.isPresent()) {
            String msg = Planner.unfinishedMessage(unfinished.get()) + Fencing.endOrphans(s, unfinished.get());
            d.result(StepKind.LOCK, "", StepResult.Status.FAILED, d.events.since(t), msg);
            return Optional.of(new DeploymentOutcome.Refused(s.app(), d.build, unfinished.get().holder(), msg,
                    d.results(), d.elapsed()));
        }
        Optional<Release> previous;
        try {
            previous = s.platform().currentRelease(s.app());
        } catch (RuntimeException e) {
            d.result(StepKind.LOCK, "", StepResult.Status.FAILED, d.events.since(t), PipelineEngine.message(e));
            return Optional.of(new DeploymentOutcome.Failed(s.app(), d.build, StepKind.LOCK, "cannot read the current "
                    + "release: " + PipelineEngine.message(e), RecoveryPlan.none(s.app()), d.results(), d.elapsed()));
        }
        d.begin();
        Map<String, String> lockAttrs = new HashMap<>();
        previous.ifPresent(p -> {
            lockAttrs.put(JournalKeys.PREVIOUS_RELEASE, String.valueOf(p.version()));
            lockAttrs.put(JournalKeys.PREVIOUS_BUILD, p.buildVersion());
            lockAttrs.put(JournalKeys.PREVIOUS_RELEASE_AT, p.createdAt().toString());
        });
        d.journal(StepKind.LOCK, JournalEntry.Phase.SUCCEEDED, "", lockAttrs);
        d.result(StepKind.LOCK, "", StepResult.Status.SUCCEEDED, d.events.since(t), "held by " + s.holder()
                + previous.map(p -> "; serving " + p).orElse("; no release yet"));
        return Optional.empty();
    }

    @Override
    public List<StepKind> planned(Classified c) {
        return List.of(StepKind.LOCK);
    }
}
