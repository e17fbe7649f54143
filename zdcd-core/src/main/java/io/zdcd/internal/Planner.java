package io.zdcd.internal;

import io.zdcd.classify.Classification;
import io.zdcd.pipeline.DeploymentPlan;
import io.zdcd.spi.Build;
import io.zdcd.spi.DeploymentMode;
import io.zdcd.spi.DeploymentRecord;
import io.zdcd.spi.PendingMigration;
import io.zdcd.spi.QueuedBuild;
import io.zdcd.spi.StepKind;
import java.util.List;
import java.util.Optional;

/** What a deployment would do (its plan, without side effects), and the decisions taken before it starts. */
final class Planner {
    private final PipelineSettings s;

    Planner(PipelineSettings settings) {
        this.s = settings;
    }

    DeploymentPlan plan(Build build) {
        Optional<DeploymentRecord> unfinished = s.journal().unfinished(s.app());
        List<PendingMigration> pending = s.migrations().pending(build);
        List<Classification> verdicts = Verdicts.classify(s, pending);
        if (unfinished.isPresent()) { // refused by the lock
            return new DeploymentPlan(s.app(), build, DeploymentMode.CONTINUOUS, DeploymentPlan.Decision.REFUSE,
                    unfinishedMessage(unfinished.get()), verdicts, List.of(StepKind.LOCK));
        }
        Optional<String> cannot = cannotRelease(build, Optional.empty());
        if (cannot.isPresent()) {
            return new DeploymentPlan(s.app(), build, DeploymentMode.CONTINUOUS, DeploymentPlan.Decision.REFUSE,
                    cannot.get(), verdicts, List.of());
        }
        List<QueuedBuild> queued = s.queue().queued(s.app());
        if (!queued.isEmpty()) { // deferred by PREFLIGHT, before it looks for rewrites
            return new DeploymentPlan(s.app(), build, DeploymentMode.CONTINUOUS, DeploymentPlan.Decision.DEFER,
                    queuedBehind(queued), verdicts, Flows.planned(Flows.CONTINUOUS.steps(),
                    new Classified(pending, verdicts, Rewrites.NONE)));
        }
        List<Classification> unsafe = verdicts.stream().filter(c -> !c.isSafe()).toList();
        Rewrites rewrites = Rewrites.of(s, pending, unsafe);
        Classified classified = new Classified(pending, verdicts, rewrites);
        if (!unsafe.isEmpty() && rewrites.isEmpty()) {
            return new DeploymentPlan(s.app(), build, DeploymentMode.CONTINUOUS, DeploymentPlan.Decision.DEFER,
                    Verdicts.unsafeReason(unsafe) + rewrites.why(), verdicts,
                    Flows.planned(Flows.CONTINUOUS.steps(), classified));
        }
        return new DeploymentPlan(s.app(), build, DeploymentMode.CONTINUOUS, DeploymentPlan.Decision.DEPLOY,
                verdicts.isEmpty() ? "no pending migration: code-only deploy"
                        : !rewrites.isEmpty() ? rewrites.summary() + ": deploy now"
                        : "every pending migration is SAFE: deploy now", verdicts,
                Flows.planned(Flows.CONTINUOUS, classified, false));
    }

    DeploymentPlan planNightly(Optional<Build> head) {
        Optional<DeploymentRecord> unfinished = s.journal().unfinished(s.app());
        if (unfinished.isPresent()) {
            return new DeploymentPlan(s.app(), head.orElse(unfinished.get().build()), DeploymentMode.NIGHTLY,
                    DeploymentPlan.Decision.REFUSE, unfinishedMessage(unfinished.get()), List.of(),
                    List.of(StepKind.LOCK));
        }
        NightlyChoice choice = chooseNightly(head);
        if (choice.target().isEmpty()) {
            Build shown = head.or(() -> s.journal().lastSucceeded(s.app()).map(DeploymentRecord::build))
                    .orElse(Build.of("none"));
            return new DeploymentPlan(s.app(), shown, DeploymentMode.NIGHTLY, DeploymentPlan.Decision.SKIP,
                    choice.skip(), List.of(), List.of());
        }
        Build target = choice.target().get();
        Optional<String> cannot = cannotRelease(target, choice.fromQueue());
        if (cannot.isPresent()) {
            return new DeploymentPlan(s.app(), target, DeploymentMode.NIGHTLY, DeploymentPlan.Decision.REFUSE,
                    cannot.get(), List.of(), List.of());
        }
        List<PendingMigration> pending = s.migrations().pending(target);
        List<Classification> verdicts = Verdicts.classify(s, pending);
        Rewrites rewrites = Rewrites.of(s, pending, verdicts.stream().filter(c -> !c.isSafe()).toList());
        Classified classified = new Classified(pending, verdicts, rewrites);
        List<Classification> unsafe = classified.unsafe();
        boolean window = !unsafe.isEmpty() && s.nightlyMaintenanceWindow();
        List<StepKind> steps = Flows.planned(Flows.NIGHTLY, classified, s.nightlyMaintenanceWindow());
        int n = choice.queued().size();
        String what = "deploy " + target + (choice.fromQueue().isPresent() ? ", the newest of " + n
                + (n == 1 ? " queued build" : " queued builds") : n == 0 ? "" : " with the " + n
                + (n == 1 ? " queued build" : " queued builds"));
        String how = window ? " inside a maintenance window (" + Verdicts.unsafeReason(unsafe) + "): processes"
                + (s.smokeCommand().isPresent() ? " and the smoke command" : "") + " verified before it ends, "
                + "the health check after"
                : !unsafe.isEmpty() ? " WITHOUT a maintenance window although " + Verdicts.unsafeReason(unsafe)
                + " (restoring would lose writes)"
                : verdicts.isEmpty() ? ": no pending migration" : !rewrites.isEmpty() ? ": " + rewrites.summary()
                + ", no downtime" : ": every pending migration is SAFE, no downtime";
        return new DeploymentPlan(s.app(), target, DeploymentMode.NIGHTLY, DeploymentPlan.Decision.DEPLOY,
                what + how, verdicts, steps);
    }

    /** Why the platform cannot release the build (asked before any side effect), as a refusal's reason. */
    Optional<String> cannotRelease(Build build, Optional<QueuedBuild> queued) {
        Optional<String> why;
        try {
            why = s.platform().cannotRelease(s.app(), build);
        } catch (RuntimeException e) {
            why = Optional.of("cannot tell whether the platform can release it: " + PipelineEngine.message(e));
        }
        return why.map(w -> "cannot release " + build + queued.map(q -> " (queued at " + q.queuedAt() + ")")
                .orElse("") + ": " + w + "; nothing was changed"
                + (queued.isPresent() ? ". Deploy the newest commit instead (nightly with its build), or drop "
                + build.shortVersion() + " from the queue" : ""));
    }

    /** What a nightly run deploys: a target (the head, or the newest queued build), or why it skips. */
    record NightlyChoice(Optional<Build> target, Optional<QueuedBuild> fromQueue, String skip,
                         List<QueuedBuild> queued) { }

    NightlyChoice chooseNightly(Optional<Build> head) {
        List<QueuedBuild> queued = s.queue().queued(s.app());
        Optional<DeploymentRecord> last = s.journal().lastSucceeded(s.app());
        if (head.isPresent()) {
            boolean deployedAlready = last.map(r -> r.build().version().equals(head.get().version())).orElse(false);
            if (queued.isEmpty() && deployedAlready) {
                return new NightlyChoice(Optional.empty(), Optional.empty(), "nothing queued and nothing committed "
                        + "since the last successful deployment (" + last.get().build() + " at "
                        + last.get().endedAt().orElse(last.get().startedAt()) + ")", queued);
            }
            return new NightlyChoice(head, Optional.empty(), "", queued);
        } else if (queued.isEmpty()) {
            return new NightlyChoice(Optional.empty(), Optional.empty(), "nothing queued"
                    + last.map(r -> " since the last successful deployment (" + r.build() + ")").orElse(""), queued);
        }
        QueuedBuild newest = queued.get(queued.size() - 1);
        return new NightlyChoice(Optional.of(newest.build()), Optional.of(newest), "", queued);
    }

    static String queuedBehind(List<QueuedBuild> queued) {
        return "queued behind " + queued.size() + (queued.size() == 1 ? " build" : " builds")
                + " waiting for the nightly build (oldest " + queued.get(0).build() + ")";
    }

    static String unfinishedMessage(DeploymentRecord r) {
        return "deployment #" + r.id() + " of " + r.build() + " by " + r.holder() + " (started " + r.startedAt()
                + ") is unfinished: run recover()";
    }
}
