package io.zdcd.internal;

import io.zdcd.pipeline.DeploymentEvent;
import io.zdcd.pipeline.DeploymentListener;
import io.zdcd.pipeline.DeploymentOutcome;
import io.zdcd.pipeline.DeploymentPlan;
import io.zdcd.recovery.RecoveryOutcome;
import io.zdcd.recovery.RecoveryPlan;
import io.zdcd.spi.Build;
import io.zdcd.spi.DeployLock;
import io.zdcd.spi.DeployLockLostException;
import io.zdcd.spi.DeploymentLockedException;
import io.zdcd.spi.DeploymentRecord;
import io.zdcd.spi.QueuedBuild;
import io.zdcd.spi.StepKind;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The deployment engine behind {@code DeploymentPipeline}: continuous, nightly and recovery runs. A deployment runs
 * one of the step lists of {@link Flows} through a {@link Deployment}.
 */
public final class PipelineEngine {
    private static final Logger log = LoggerFactory.getLogger(PipelineEngine.class);

    private final PipelineSettings s;
    private final Events events;
    private final Planner planner;

    public PipelineEngine(PipelineSettings settings) {
        this.s = settings;
        this.events = new Events(settings.app(), settings.listeners(), settings.clock());
        this.planner = new Planner(settings);
    }

    // ---------------------------------------------------------------- plan

    public DeploymentPlan plan(Build build) {
        return planner.plan(build);
    }

    public DeploymentPlan planNightly(Optional<Build> head) {
        return planner.planNightly(head);
    }

    // ---------------------------------------------------------------- deploy and nightly

    public DeploymentOutcome deploy(Build build) {
        Instant t0 = events.now();
        Optional<String> cannot = planner.cannotRelease(build, Optional.empty());
        if (cannot.isPresent()) {
            return events.finish(new DeploymentOutcome.Refused(s.app(), build, "", cannot.get(), List.of(),
                    events.since(t0)));
        }
        return events.finish(run(build, Flows.CONTINUOUS));
    }

    public DeploymentOutcome nightly(Optional<Build> head) {
        Instant t0 = events.now();
        Planner.NightlyChoice choice = planner.chooseNightly(head);
        if (choice.target().isEmpty()) {
            return events.finish(new DeploymentOutcome.Skipped(s.app(), choice.skip(), events.since(t0)));
        }
        Build target = choice.target().get();
        List<QueuedBuild> queued = choice.queued();
        // Before any side effect: what the night will release must be releasable (a queued build may lack its source).
        Optional<String> cannot = planner.cannotRelease(target, choice.fromQueue());
        if (cannot.isPresent()) {
            return events.finish(new DeploymentOutcome.Refused(s.app(), target, "", cannot.get(), List.of(),
                    events.since(t0)));
        }
        DeploymentOutcome outcome = run(target, Flows.NIGHTLY);
        // A failed contract leaves the build live: it leaves the queue too (its contract stays pending as a migration)
        if (outcome.status() == DeploymentOutcome.Status.DEPLOYED
                || outcome.status() == DeploymentOutcome.Status.CONTRACT_FAILED) {
            s.queue().dequeue(s.app(), target);
            if (!queued.isEmpty()) {
                s.queue().dequeue(s.app(), queued.get(queued.size() - 1).build());
            }
        }
        return events.finish(outcome);
    }

    /** Runs {@code flow} for {@code build}; the deploy lock is released when it ends. */
    private DeploymentOutcome run(Build build, Flows.Flow flow) {
        try (Deployment deployment = new Deployment(s, events, build, flow.mode())) {
            return deployment.execute(flow);
        }
    }

    // ---------------------------------------------------------------- recovery

    public Optional<String> liveDeployment() {
        return s.journal().liveHolder(s.app()).map(holder -> s.journal().unfinished(s.app())
                .map(r -> "deployment #" + r.id() + " of " + r.build()).orElse("a deployment of " + s.app())
                + " is live, held by " + holder);
    }

    public Optional<RecoveryPlan> recoveryPlan() {
        return s.journal().unfinished(s.app()).map(r -> Endings.planFor(s, r));
    }

    public DeploymentOutcome recover(boolean consent) {
        Instant t0 = events.now();
        DeployLock lock;
        try {
            lock = s.journal().lock(s.app(), s.holder());
        } catch (DeploymentLockedException e) {
            Optional<DeploymentRecord> live = s.journal().unfinished(s.app());
            Build build = live.map(DeploymentRecord::build).orElse(Build.of("none"));
            return events.finish(new DeploymentOutcome.Refused(s.app(), build, e.holder(), Fencing.live(e, live),
                    List.of(), events.since(t0)));
        }
        try (lock) {
            Optional<DeploymentRecord> unfinished = s.journal().unfinished(s.app());
            if (unfinished.isEmpty()) {
                return events.finish(new DeploymentOutcome.Skipped(s.app(), "no unfinished deployment to recover",
                        events.since(t0)));
            }
            DeploymentRecord record = unfinished.get();
            events.emit(new DeploymentEvent.DeploymentStarted(s.app(), events.now(), record.build(), record.mode()));
            RecoveryPlan plan = Endings.planFor(s, record);
            if (consent) {
                plan = plan.withConsentToLoseWrites();
            }
            StepKind failed = RecoveryPlanner.plan(record).failedStep().orElse(StepKind.RECOVER);
            PipelineSettings fenced = s.fencedBy(lock);
            try {
                RecoveryOutcome r = new RecoveryExecutor(fenced, events).fencedBy(lock).execute(plan);
                return events.finish(Endings.afterRecovery(fenced, events, record.id(), record.build(), failed,
                        plan.failure(), plan, r, r.steps(), events.since(t0)));
            } catch (DeployLockLostException e) {
                // a journal write was refused: another process took the lock over; it recovers from here
                return events.finish(new DeploymentOutcome.Failed(s.app(), record.build(), StepKind.RECOVER,
                        message(e) + "; recovery stopped, nothing more was done or journaled", plan,
                        List.of(), events.since(t0)));
            }
        }
    }

    public RecoveryOutcome execute(RecoveryPlan plan) {
        if (!plan.app().equals(s.app())) {
            throw new IllegalArgumentException("the plan recovers app " + plan.app() + ", this pipeline deploys "
                    + s.app());
        }
        return new RecoveryExecutor(s, events).execute(plan);
    }

    // ---------------------------------------------------------------- helpers

    static String message(Throwable e) {
        String m = e.getMessage();
        return m == null || m.isBlank() ? e.getClass().getSimpleName() : m;
    }

    static String oneLine(String s) {
        String one = s == null ? "" : s.replaceAll("\\s*\\R\\s*", " ").trim();
        return one.length() > 500 ? one.substring(0, 497) + "..." : one;
    }

    /** Log helper for listeners that throw. */
    static void listenerFailed(DeploymentListener l, RuntimeException e) {
        log.warn("deployment listener {} threw {}; ignored", l, e.toString());
        log.debug("listener failure", e);
    }
}
