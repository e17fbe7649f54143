package io.zdcd.internal;

import io.zdcd.classify.Classification;
import io.zdcd.classify.ClassificationReport;
import io.zdcd.classify.Finding;
import io.zdcd.classify.Verdict;
import io.zdcd.pipeline.DeploymentEvent;
import io.zdcd.pipeline.DeploymentListener;
import io.zdcd.pipeline.DeploymentOutcome;
import io.zdcd.pipeline.DeploymentPlan;
import io.zdcd.pipeline.StepResult;
import io.zdcd.recovery.RecoveryOutcome;
import io.zdcd.recovery.RecoveryPlan;
import io.zdcd.spi.Backup;
import io.zdcd.spi.Build;
import io.zdcd.spi.DeployLock;
import io.zdcd.spi.DeployLockLostException;
import io.zdcd.spi.DeploymentLockedException;
import io.zdcd.spi.DeploymentMode;
import io.zdcd.spi.DeploymentRecord;
import io.zdcd.spi.Health;
import io.zdcd.spi.JournalEntry;
import io.zdcd.spi.MigrationResult;
import io.zdcd.spi.MigrationRunner;
import io.zdcd.spi.PendingMigration;
import io.zdcd.spi.QueuedBuild;
import io.zdcd.spi.Release;
import io.zdcd.spi.Rewrite;
import io.zdcd.spi.StepKind;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The deployment engine behind {@code DeploymentPipeline}: continuous, nightly and recovery runs. */
public final class PipelineEngine {
    private static final Logger log = LoggerFactory.getLogger(PipelineEngine.class);
    /** The subject suffix of the verify step that runs once traffic is back after a maintenance window. */
    static final String TRAFFIC = "traffic";

    private final PipelineSettings s;
    private final Events events;

    public PipelineEngine(PipelineSettings settings) {
        this.s = settings;
        this.events = new Events(settings.app(), settings.listeners(), settings.clock());
    }

    // ---------------------------------------------------------------- plan

    public DeploymentPlan plan(Build build) {
        Optional<DeploymentRecord> unfinished = s.journal().unfinished(s.app());
        List<PendingMigration> pending = s.migrations().pending(build);
        List<Classification> verdicts = classify(pending);
        List<StepKind> steps = new ArrayList<>(List.of(StepKind.LOCK, StepKind.PREFLIGHT));
        if (unfinished.isPresent()) {
            return new DeploymentPlan(s.app(), build, DeploymentMode.CONTINUOUS, DeploymentPlan.Decision.REFUSE,
                    unfinishedMessage(unfinished.get()), verdicts, List.of(StepKind.LOCK));
        }
        Optional<String> cannot = cannotRelease(build, Optional.empty());
        if (cannot.isPresent()) {
            return new DeploymentPlan(s.app(), build, DeploymentMode.CONTINUOUS, DeploymentPlan.Decision.REFUSE,
                    cannot.get(), verdicts, List.of());
        }
        List<QueuedBuild> queued = s.queue().queued(s.app());
        if (!queued.isEmpty()) {
            return new DeploymentPlan(s.app(), build, DeploymentMode.CONTINUOUS, DeploymentPlan.Decision.DEFER,
                    queuedBehind(queued), verdicts, steps);
        }
        List<Classification> unsafe = verdicts.stream().filter(c -> !c.isSafe()).toList();
        Rewrites rewrites = rewrites(pending, unsafe);
        if (!unsafe.isEmpty() && rewrites.isEmpty()) {
            return new DeploymentPlan(s.app(), build, DeploymentMode.CONTINUOUS, DeploymentPlan.Decision.DEFER,
                    unsafeReason(unsafe) + rewrites.why(), verdicts, steps);
        }
        if (!verdicts.isEmpty()) {
            steps.add(StepKind.BACKUP);
            pending.forEach(m -> rewrites.expandOf(m).forEach(part -> steps.add(StepKind.MIGRATE)));
        }
        steps.add(StepKind.RELEASE);
        steps.add(StepKind.VERIFY);
        rewrites.contractParts().forEach(part -> steps.add(StepKind.CONTRACT));
        return new DeploymentPlan(s.app(), build, DeploymentMode.CONTINUOUS, DeploymentPlan.Decision.DEPLOY,
                verdicts.isEmpty() ? "no pending migration: code-only deploy"
                        : !rewrites.isEmpty() ? rewrites.summary() + ": deploy now"
                        : "every pending migration is SAFE: deploy now", verdicts, steps);
    }

    public DeploymentPlan planNightly(Optional<Build> head) {
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
        List<Classification> verdicts = classify(pending);
        List<Classification> unsafeVerdicts = verdicts.stream().filter(c -> !c.isSafe()).toList();
        Rewrites rewrites = rewrites(pending, unsafeVerdicts);
        List<Classification> unsafe = rewrites.isEmpty() ? unsafeVerdicts : List.of();
        boolean window = !unsafe.isEmpty() && s.nightlyMaintenanceWindow();
        List<StepKind> steps = new ArrayList<>(List.of(StepKind.LOCK));
        if (window) {
            steps.add(StepKind.MAINTENANCE_ON);
        }
        if (!verdicts.isEmpty()) {
            steps.add(StepKind.BACKUP);
            pending.forEach(m -> rewrites.expandOf(m).forEach(part -> steps.add(StepKind.MIGRATE)));
        }
        steps.add(StepKind.RELEASE);
        steps.add(StepKind.VERIFY);
        if (window) {
            steps.add(StepKind.MAINTENANCE_OFF);
            steps.add(StepKind.VERIFY);
        }
        rewrites.contractParts().forEach(part -> steps.add(StepKind.CONTRACT));
        int n = choice.queued().size();
        String what = "deploy " + target + (choice.fromQueue().isPresent() ? ", the newest of " + n
                + (n == 1 ? " queued build" : " queued builds") : n == 0 ? "" : " with the " + n
                + (n == 1 ? " queued build" : " queued builds"));
        String how = window ? " inside a maintenance window (" + unsafeReason(unsafe) + "): processes"
                + (s.smokeCommand().isPresent() ? " and the smoke command" : "") + " verified before it ends, "
                + "the health check after"
                : !unsafe.isEmpty() ? " WITHOUT a maintenance window although " + unsafeReason(unsafe)
                + " (restoring would lose writes)"
                : verdicts.isEmpty() ? ": no pending migration" : !rewrites.isEmpty() ? ": " + rewrites.summary()
                + ", no downtime" : ": every pending migration is SAFE, no downtime";
        return new DeploymentPlan(s.app(), target, DeploymentMode.NIGHTLY, DeploymentPlan.Decision.DEPLOY,
                what + how, verdicts, steps);
    }

    // ---------------------------------------------------------------- deploy and nightly

    public DeploymentOutcome deploy(Build build) {
        long t0 = System.nanoTime();
        Optional<String> cannot = cannotRelease(build, Optional.empty());
        if (cannot.isPresent()) {
            return events.finish(new DeploymentOutcome.Refused(s.app(), build, "", cannot.get(), List.of(),
                    since(t0)));
        }
        Run run = new Run(build, DeploymentMode.CONTINUOUS);
        return events.finish(run.execute());
    }

    /** Why the platform cannot release the build (asked before any side effect), as a refusal's reason. */
    private Optional<String> cannotRelease(Build build, Optional<QueuedBuild> queued) {
        Optional<String> why;
        try {
            why = s.platform().cannotRelease(s.app(), build);
        } catch (RuntimeException e) {
            why = Optional.of("cannot tell whether the platform can release it: " + message(e));
        }
        return why.map(w -> "cannot release " + build + queued.map(q -> " (queued at " + q.queuedAt() + ")")
                .orElse("") + ": " + w + "; nothing was changed"
                + (queued.isPresent() ? ". Deploy the newest commit instead (nightly with its build), or drop "
                + build.shortVersion() + " from the queue" : ""));
    }

    /** What a nightly run deploys: a target (the head, or the newest queued build), or why it skips. */
    private record NightlyChoice(Optional<Build> target, Optional<QueuedBuild> fromQueue, String skip,
                                 List<QueuedBuild> queued) { }

    private NightlyChoice chooseNightly(Optional<Build> head) {
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

    public DeploymentOutcome nightly(Optional<Build> head) {
        long t0 = System.nanoTime();
        NightlyChoice choice = chooseNightly(head);
        if (choice.target().isEmpty()) {
            return events.finish(new DeploymentOutcome.Skipped(s.app(), choice.skip(), since(t0)));
        }
        Build target = choice.target().get();
        List<QueuedBuild> queued = choice.queued();
        // Before any side effect: what the night will release must be releasable (a queued build may lack its source).
        Optional<String> cannot = cannotRelease(target, choice.fromQueue());
        if (cannot.isPresent()) {
            return events.finish(new DeploymentOutcome.Refused(s.app(), target, "", cannot.get(), List.of(),
                    since(t0)));
        }
        Run run = new Run(target, DeploymentMode.NIGHTLY);
        DeploymentOutcome outcome = run.execute();
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

    // ---------------------------------------------------------------- recovery

    public Optional<String> liveDeployment() {
        return s.journal().liveHolder(s.app()).map(holder -> s.journal().unfinished(s.app())
                .map(r -> "deployment #" + r.id() + " of " + r.build()).orElse("a deployment of " + s.app())
                + " is live, held by " + holder);
    }

    public Optional<RecoveryPlan> recoveryPlan() {
        return s.journal().unfinished(s.app()).map(this::planFor);
    }

    private RecoveryPlan planFor(DeploymentRecord record) {
        RecoveryPlan plan = RecoveryPlan.from(record);
        return s.acceptWriteLoss() ? plan.withConsentToLoseWrites() : plan;
    }

    public DeploymentOutcome recover(boolean consent) {
        long t0 = System.nanoTime();
        DeployLock lock;
        try {
            lock = s.journal().lock(s.app(), s.holder());
        } catch (DeploymentLockedException e) {
            Optional<DeploymentRecord> live = s.journal().unfinished(s.app());
            Build build = live.map(DeploymentRecord::build).orElse(Build.of("none"));
            return events.finish(new DeploymentOutcome.Refused(s.app(), build, e.holder(), Fencing.live(e, live),
                    List.of(), since(t0)));
        }
        try (lock) {
            Optional<DeploymentRecord> unfinished = s.journal().unfinished(s.app());
            if (unfinished.isEmpty()) {
                return events.finish(new DeploymentOutcome.Skipped(s.app(), "no unfinished deployment to recover",
                        since(t0)));
            }
            DeploymentRecord record = unfinished.get();
            events.emit(new DeploymentEvent.DeploymentStarted(s.app(), events.now(), record.build(), record.mode()));
            RecoveryPlan plan = planFor(record);
            if (consent) {
                plan = plan.withConsentToLoseWrites();
            }
            StepKind failed = RecoveryPlanner.plan(record).failedStep().orElse(StepKind.RECOVER);
            PipelineSettings fenced = s.fencedBy(lock);
            try {
                RecoveryOutcome r = new RecoveryExecutor(fenced, events).fencedBy(lock).execute(plan);
                return events.finish(afterRecovery(fenced, record.id(), record.build(), failed, plan.failure(), plan,
                        r, r.steps(), since(t0)));
            } catch (DeployLockLostException e) {
                // a journal write was refused: another process took the lock over; it recovers from here
                return events.finish(new DeploymentOutcome.Failed(s.app(), record.build(), StepKind.RECOVER,
                        PipelineEngine.message(e) + "; recovery stopped, nothing more was done or journaled", plan,
                        List.of(), since(t0)));
            }
        }
    }

    private DeploymentOutcome afterRecovery(PipelineSettings s, String deploymentId, Build build, StepKind failed,
                                            String reason, RecoveryPlan plan, RecoveryOutcome r,
                                            List<StepResult> steps, Duration elapsed) {
        if (r.isRecovered() && failed == StepKind.CONTRACT) {
            // the release passed verify before any contract part ran: it stays, and so does the pending contract
            String why = plan.failure().isEmpty() ? reason : plan.failure(); // "contract V1__x_002_contract.sql failed: ..."
            s.journal().end(deploymentId, false, "the release stays live and verified; " + oneLine(why)
                    + "; the contract stays pending for the next deployment with expand/contract", events.now());
            return new DeploymentOutcome.ContractFailed(s.app(), build, why, plan, steps, elapsed);
        }
        if (r.isRecovered()) {
            s.journal().end(deploymentId, false, "rolled back: " + reason, events.now());
            return new DeploymentOutcome.RolledBack(s.app(), build, failed, reason, plan, steps, elapsed);
        }
        return new DeploymentOutcome.Failed(s.app(), build, failed, reason + "; recovery stopped: " + r.reason(),
                r.remaining(), steps, elapsed);
    }

    public RecoveryOutcome execute(RecoveryPlan plan) {
        if (!plan.app().equals(s.app())) {
            throw new IllegalArgumentException("the plan recovers app " + plan.app() + ", this pipeline deploys "
                    + s.app());
        }
        return new RecoveryExecutor(s, events).execute(plan);
    }

    // ---------------------------------------------------------------- helpers

    private List<Classification> classify(List<PendingMigration> pending) {
        if (pending.isEmpty()) {
            return List.of();
        }
        if (s.classifier().isEmpty()) {
            return pending.stream().map(m -> new Classification(m.name(), Verdict.UNSAFE, List.of(),
                    List.of(new Finding("no-classifier", Verdict.UNSAFE, "no classifier is configured, so the "
                            + "migration is treated as UNSAFE (fail closed)", "")))).toList();
        }
        ClassificationReport report = s.classifier().get().classifyAll(
                pending.stream().map(PendingMigration::toMigration).toList());
        return report.migrations();
    }

    /**
     * The expand/contract rewrites of a push's UNSAFE pending migrations: all of them, or none with why (as a suffix
     * of the deferral reason). Empty without {@code expandContract} or without an UNSAFE migration.
     */
    private record Rewrites(Map<String, Rewrite> byMigration, String why) {
        static final Rewrites NONE = new Rewrites(Map.of(), "");

        boolean isEmpty() {
            return byMigration.isEmpty();
        }

        /** What the MIGRATE steps apply for {@code m}: its expand parts, or {@code m} itself. */
        List<PendingMigration> expandOf(PendingMigration m) {
            Rewrite r = byMigration.get(m.name());
            return r == null ? List.of(m) : r.expand();
        }

        List<PendingMigration> contractParts() {
            return byMigration.values().stream().flatMap(r -> r.contract().stream()).toList();
        }

        String summary() {
            int n = byMigration.size();
            return Counts.of(n, "UNSAFE migration") + " rewritten by expand/contract (" + String.join("; ",
                    byMigration.values().stream().map(ShippedRewrites::describe).toList()) + ")";
        }
    }

    private Rewrites rewrites(List<PendingMigration> pending, List<Classification> unsafe) {
        // a rewrite whose expand an earlier deployment shipped is finished as journaled, expand/contract on or off
        Map<String, Rewrite> shipped = unsafe.isEmpty() ? Map.of() : ShippedRewrites.find(s.journal(), s.app(),
                pending.stream().filter(p -> unsafe.stream().anyMatch(c -> c.migration().equals(p.name()))).toList());
        if (unsafe.isEmpty() || s.rewriter().isEmpty() && shipped.size() < unsafe.size()) {
            return Rewrites.NONE;
        }
        MigrationRunner runner = s.runner().orElseThrow(() -> new IllegalStateException("no runner configured"));
        try {
            runner.isApplied(unsafe.get(0).migration());
        } catch (UnsupportedOperationException e) {
            return new Rewrites(Map.of(), "; expand/contract is not possible: " + message(e));
        }
        Map<String, Rewrite> out = new LinkedHashMap<>();
        List<String> why = new ArrayList<>();
        for (Classification c : unsafe) {
            Optional<PendingMigration> m = pending.stream().filter(p -> p.name().equals(c.migration())).findFirst();
            if (m.isEmpty()) {
                why.add(c.migration() + ": not a pending migration");
                continue;
            }
            Rewrite r = shipped.get(c.migration());
            try {
                r = r != null ? r : s.rewriter().orElseThrow().rewrite(m.get());
            } catch (RuntimeException e) {
                why.add(c.migration() + ": the rewriter failed: " + message(e));
                continue;
            }
            if (!r.isPossible()) {
                why.add(c.migration() + ": " + r.noRecipe());
                continue;
            }
            // Fail closed: every expand part must be SAFE by this pipeline's own classifier too.
            Optional<Classification> notSafe = classify(r.expand()).stream().filter(x -> !x.isSafe()).findFirst();
            if (notSafe.isPresent()) {
                why.add(c.migration() + ": its expand part " + notSafe.get().migration() + " is not SAFE ("
                        + rules(notSafe.get()) + ")");
                continue;
            }
            out.put(c.migration(), r);
        }
        return why.isEmpty() ? new Rewrites(out, "")
                : new Rewrites(Map.of(), "; expand/contract is not possible for " + String.join("; ", why));
    }

    private static String queuedBehind(List<QueuedBuild> queued) {
        return "queued behind " + queued.size() + (queued.size() == 1 ? " build" : " builds")
                + " waiting for the nightly build (oldest " + queued.get(0).build() + ")";
    }

    /** {@code UNSAFE: V1__drop.sql (drop-column at line 1), V2__idx.sql (create-index-non-concurrently at line 3)}. */
    static String unsafeReason(List<Classification> unsafe) {
        return "UNSAFE: " + String.join(", ", unsafe.stream().map(c -> c.migration() + " (" + rules(c) + ")")
                .toList());
    }

    private static String rules(Classification c) {
        List<String> rules = new ArrayList<>();
        for (io.zdcd.classify.StatementAnalysis st : c.unsafeStatements()) {
            rules.add(st.findings().stream().filter(f -> f.verdict() == Verdict.UNSAFE).map(Finding::ruleId)
                    .findFirst().orElse(st.kind()) + " at line " + st.line());
        }
        c.findings().stream().filter(f -> f.verdict() == Verdict.UNSAFE).forEach(f -> rules.add(f.ruleId()));
        if (rules.isEmpty()) {
            return "judged UNSAFE";
        }
        return rules.size() <= 3 ? String.join(", ", rules)
                : String.join(", ", rules.subList(0, 3)) + " and " + (rules.size() - 3) + " more";
    }

    private static String unfinishedMessage(DeploymentRecord r) {
        return "deployment #" + r.id() + " of " + r.build() + " by " + r.holder() + " (started " + r.startedAt()
                + ") is unfinished: run recover()";
    }

    private static String join(Health a, Health b) {
        return a.detail().equals(b.detail()) ? a.detail() : a.detail() + "; " + b.detail();
    }

    static Duration since(long t0) {
        return Duration.ofNanos(System.nanoTime() - t0);
    }

    /** A step failed; carries the reason for the journal and the outcome. */
    static final class StepFailure extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final StepKind step;

        StepFailure(StepKind step, String message) {
            super(message, null, false, false);
            this.step = step;
        }
    }

    /** One deployment: continuous or nightly. */
    private final class Run {
        private final Build build;
        private final DeploymentMode mode;
        private final long t0 = System.nanoTime();
        private final List<StepResult> steps = new ArrayList<>();
        private DeploymentRecord record;
        private boolean maintenanceOn;
        private DeployLock lock;
        /** The pipeline's settings; once the lock is held, with the journal's and queue's writes fenced by it. */
        private PipelineSettings s = PipelineEngine.this.s;
        /** The step last started, where a refused journal write stops the deployment. */
        private StepKind lastStep = StepKind.LOCK;
        /** The expand/contract rewrites of this deployment's UNSAFE migrations (none without expandContract). */
        private Rewrites rewrites = Rewrites.NONE;

        Run(Build build, DeploymentMode mode) {
            this.build = build;
            this.mode = mode;
        }

        DeploymentOutcome execute() {
            events.emit(new DeploymentEvent.DeploymentStarted(s.app(), events.now(), build, mode));
            // LOCK: the deploy lock, then no unfinished deployment.
            long tLock = System.nanoTime();
            events.emit(new DeploymentEvent.StepStarted(s.app(), events.now(), StepKind.LOCK, ""));
            try {
                lock = s.journal().lock(s.app(), s.holder());
            } catch (DeploymentLockedException e) {
                step(StepKind.LOCK, "", StepResult.Status.FAILED, since(tLock), e.getMessage());
                return new DeploymentOutcome.Refused(s.app(), build, e.holder(), e.getMessage(), steps, since(t0));
            }
            try (DeployLock held = lock) {
                s = PipelineEngine.this.s.fencedBy(held); // no journal or queue write once the lock is taken over
                Optional<DeploymentRecord> unfinished = s.journal().unfinished(s.app());
                if (unfinished.isPresent()) {
                    String msg = unfinishedMessage(unfinished.get()) + Fencing.endOrphans(s, unfinished.get());
                    step(StepKind.LOCK, "", StepResult.Status.FAILED, since(tLock), msg);
                    return new DeploymentOutcome.Refused(s.app(), build, unfinished.get().holder(), msg, steps,
                            since(t0));
                }
                Optional<Release> previous;
                try {
                    previous = s.platform().currentRelease(s.app());
                } catch (RuntimeException e) {
                    step(StepKind.LOCK, "", StepResult.Status.FAILED, since(tLock), message(e));
                    return new DeploymentOutcome.Failed(s.app(), build, StepKind.LOCK, "cannot read the current "
                            + "release: " + message(e), RecoveryPlan.none(s.app()), steps, since(t0));
                }
                record = s.journal().begin(s.app(), build, mode, s.holder(), events.now());
                Map<String, String> lockAttrs = new HashMap<>();
                previous.ifPresent(p -> {
                    lockAttrs.put(JournalKeys.PREVIOUS_RELEASE, String.valueOf(p.version()));
                    lockAttrs.put(JournalKeys.PREVIOUS_BUILD, p.buildVersion());
                    lockAttrs.put(JournalKeys.PREVIOUS_RELEASE_AT, p.createdAt().toString());
                });
                journal(StepKind.LOCK, JournalEntry.Phase.SUCCEEDED, "", lockAttrs);
                step(StepKind.LOCK, "", StepResult.Status.SUCCEEDED, since(tLock), "held by " + s.holder()
                        + previous.map(p -> "; serving " + p).orElse("; no release yet"));
                try {
                    try {
                        return deployLocked();
                    } catch (StepFailure f) {
                        return recoverFromFailure(f.step, f.getMessage());
                    }
                } catch (Fencing.Fenced f) {
                    return fenced(f);
                } catch (DeployLockLostException e) {
                    return fenced(Fencing.Fenced.during(lastStep, e)); // a journal or queue write was refused
                }
            }
        }

        private DeploymentOutcome deployLocked() {
            // PREFLIGHT (continuous) or the nightly's classification (no deferral).
            List<PendingMigration> pending;
            List<Classification> verdicts;
            StepKind classifyStep = StepKind.PREFLIGHT;
            long tPre = System.nanoTime();
            if (mode == DeploymentMode.CONTINUOUS) {
                started(StepKind.PREFLIGHT, "", Map.of());
            }
            try {
                pending = s.migrations().pending(build);
                verdicts = classify(pending);
            } catch (RuntimeException e) {
                if (mode == DeploymentMode.CONTINUOUS) {
                    failed(classifyStep, "", tPre, "cannot list or classify the pending migrations: " + message(e),
                            Map.of());
                }
                throw new StepFailure(classifyStep, "cannot list or classify the pending migrations: " + message(e));
            }
            Map<String, Classification> byName = new HashMap<>();
            verdicts.forEach(c -> byName.put(c.migration(), c));
            List<Classification> unsafeVerdicts = verdicts.stream().filter(c -> !c.isSafe()).toList();
            Rewrites rewrites;
            try {
                rewrites = rewrites(pending, unsafeVerdicts);
            } catch (RuntimeException e) {
                if (mode == DeploymentMode.CONTINUOUS) {
                    failed(classifyStep, "", tPre, "cannot rewrite the UNSAFE migrations: " + message(e), Map.of());
                }
                throw new StepFailure(classifyStep, "cannot rewrite the UNSAFE migrations: " + message(e));
            }
            this.rewrites = rewrites;
            List<Classification> unsafe = rewrites.isEmpty() ? unsafeVerdicts : List.of();
            if (mode == DeploymentMode.CONTINUOUS) {
                List<QueuedBuild> queued = s.queue().queued(s.app());
                String reason = !queued.isEmpty() ? queuedBehind(queued) : unsafe.isEmpty() ? ""
                        : unsafeReason(unsafe) + rewrites.why();
                if (!reason.isEmpty()) {
                    s.queue().enqueue(s.app(), build, reason, events.now());
                    succeeded(StepKind.PREFLIGHT, "", tPre, "deferred: " + reason, Map.of());
                    s.journal().end(record.id(), false, "deferred to the nightly build: " + reason, events.now());
                    return new DeploymentOutcome.Deferred(s.app(), build, reason, unsafe, steps, since(t0));
                }
                succeeded(StepKind.PREFLIGHT, "", tPre, pending.isEmpty() ? "no pending migration"
                        : !rewrites.isEmpty() ? Counts.of(pending.size(), "migration") + ", " + rewrites.summary()
                        : pending.size() + (pending.size() == 1 ? " migration, SAFE" : " migrations, all SAFE"),
                        rewrites.isEmpty() ? Map.of() : Map.of(JournalKeys.REWRITES, oneLine(String.join("; ",
                                rewrites.byMigration().values().stream().map(Rewrite::toString).toList()))));
            }

            // MAINTENANCE_ON (nightly with an unsafe migration), before the backup.
            if (mode == DeploymentMode.NIGHTLY && !unsafe.isEmpty() && s.nightlyMaintenanceWindow()) {
                long t = System.nanoTime();
                started(StepKind.MAINTENANCE_ON, "", Map.of());
                try {
                    s.platform().maintenance(s.app(), true);
                    maintenanceOn = true;
                } catch (RuntimeException e) {
                    fail(StepKind.MAINTENANCE_ON, "", t, message(e), Map.of());
                }
                succeeded(StepKind.MAINTENANCE_ON, "", t, Counts.of(unsafe.size(), "UNSAFE migration") + " pending",
                        Map.of());
            }

            // BACKUP, only when migrations are pending.
            if (!pending.isEmpty()) {
                long t = System.nanoTime();
                started(StepKind.BACKUP, "", Map.of());
                Backup backup;
                try {
                    backup = s.backups().orElseThrow(() -> new IllegalStateException("no backups configured"))
                            .capture(s.app(), progress(StepKind.BACKUP, ""));
                } catch (RuntimeException e) {
                    fail(StepKind.BACKUP, "", t, message(e), Map.of());
                    return null; // unreachable
                }
                succeeded(StepKind.BACKUP, backup.id(), t, backup.toString(), Map.of(
                        JournalKeys.CAPTURED_AT, backup.capturedAt().toString(),
                        JournalKeys.MAINTENANCE_BEFORE_BACKUP, String.valueOf(maintenanceOn)));
            } else {
                step(StepKind.BACKUP, "", StepResult.Status.SKIPPED, Duration.ZERO, "no pending migration");
            }

            // MIGRATE, one step per migration (per expand part of a rewritten one).
            for (PendingMigration m : pending) {
                Rewrite r = rewrites.byMigration().get(m.name());
                if (r == null) {
                    Classification c = byName.get(m.name());
                    apply(StepKind.MIGRATE, m, c == null ? Verdict.UNSAFE.name() : c.verdict().name(), Map.of(),
                            null);
                    continue;
                }
                for (int i = 0; i < r.expand().size(); i++) {
                    boolean last = i == r.expand().size() - 1 && r.contract().isEmpty();
                    apply(StepKind.MIGRATE, r.expand().get(i), Verdict.SAFE.name(),
                            ShippedRewrites.expandAttributes(m, r, i), last ? m : null);
                }
            }

            // RELEASE
            long tRel = System.nanoTime();
            started(StepKind.RELEASE, "", Map.of());
            Release release;
            try {
                release = s.platform().release(s.app(), build, progress(StepKind.RELEASE, ""));
            } catch (RuntimeException e) {
                fail(StepKind.RELEASE, "", tRel, message(e), Map.of());
                return null;
            }
            succeeded(StepKind.RELEASE, "", tRel, release.toString(), Map.of());

            // VERIFY: processes up and the smoke command, while a maintenance window may still be on (the router
            // then answers 503 to every request, so no HTTP check can tell anything yet).
            String subject = "v" + release.version();
            long tVer = System.nanoTime();
            started(StepKind.VERIFY, subject, Map.of());
            Health inside = verifyInsideWindow(release);
            if (!inside.healthy()) {
                fail(StepKind.VERIFY, subject, tVer, inside.detail(), Map.of());
            }
            if (!maintenanceOn) {
                // No window: traffic already reaches the release, so its health check belongs to the same step.
                Health traffic = verifyTraffic(release, subject);
                if (!traffic.healthy()) {
                    fail(StepKind.VERIFY, subject, tVer, traffic.detail(), Map.of());
                }
                succeeded(StepKind.VERIFY, subject, tVer, join(inside, traffic), Map.of());
            } else {
                succeeded(StepKind.VERIFY, subject, tVer, inside.detail(), Map.of());
                // MAINTENANCE_OFF, then the health check once traffic is back.
                long t = System.nanoTime();
                started(StepKind.MAINTENANCE_OFF, "", Map.of());
                Instant offAt = events.now();
                try {
                    s.platform().maintenance(s.app(), false);
                    maintenanceOn = false;
                } catch (RuntimeException e) {
                    fail(StepKind.MAINTENANCE_OFF, "", t, message(e), Map.of());
                }
                succeeded(StepKind.MAINTENANCE_OFF, "", t, "", Map.of());
                String trafficSubject = subject + " " + TRAFFIC;
                long tTraffic = System.nanoTime();
                started(StepKind.VERIFY, trafficSubject, Map.of());
                Health traffic = verifyTraffic(release, trafficSubject);
                if (!traffic.healthy()) {
                    fail(StepKind.VERIFY, trafficSubject, tTraffic, traffic.detail() + " (after maintenance mode "
                            + "went off at " + offAt + ": writes may have reached the new release since)", Map.of());
                }
                succeeded(StepKind.VERIFY, trafficSubject, tTraffic, traffic.detail(), Map.of());
            }
            // CONTRACT: the rewritten migrations' contract parts, once the release is verified (a failure is not
            // rolled back: see afterRecovery).
            for (PendingMigration m : pending) {
                Rewrite r = rewrites.byMigration().get(m.name());
                for (int i = 0; r != null && i < r.contract().size(); i++) {
                    apply(StepKind.CONTRACT, r.contract().get(i), StepKind.CONTRACT.name(),
                            ShippedRewrites.contractAttributes(m, r), i == r.contract().size() - 1 ? m : null);
                }
            }
            Fencing.check(lock, StepKind.VERIFY); // a deployment that lost its lock never reports DEPLOYED
            s.journal().end(record.id(), true, "deployed " + build + " as " + release, events.now());
            return new DeploymentOutcome.Deployed(s.app(), build, release, steps, since(t0));
        }

        /**
         * One MIGRATE or CONTRACT step: applies {@code m} through the runner (failing the step when it does not
         * apply). A part of a rewrite that an earlier deployment applied is skipped. When {@code completes} is set,
         * {@code m} is the last part of that rewritten migration, which is then recorded as applied.
         */
        private void apply(StepKind step, PendingMigration m, String verdict, Map<String, String> extra,
                           PendingMigration completes) {
            MigrationRunner runner = s.runner().orElseThrow();
            List<String> cic = ConcurrentIndexes.in(m.sql());
            Map<String, String> attrs = new HashMap<>(extra);
            attrs.put(JournalKeys.VERDICT, verdict);
            attrs.put(JournalKeys.CONCURRENT_INDEXES, String.join(",", cic));
            long t = System.nanoTime();
            boolean earlier;
            try {
                earlier = !extra.isEmpty() && runner.isApplied(m.name());
            } catch (RuntimeException e) {
                fail(step, m.name(), t, "cannot tell whether it was applied by an earlier deployment: " + message(e),
                        Map.of(JournalKeys.STAYED, "0"));
                return; // unreachable
            }
            if (earlier) {
                Fencing.check(lock, step);
                String recorded = completes == null ? "" : record(step, m, t, completes, attrs);
                attrs.put(JournalKeys.EARLIER, "true");
                journal(step, JournalEntry.Phase.SUCCEEDED, m.name(), attrs);
                step(step, m.name(), StepResult.Status.SKIPPED, Duration.ZERO, "applied by an earlier deployment"
                        + recorded);
                return;
            }
            started(step, m.name(), attrs);
            MigrationResult result;
            try {
                result = runner.apply(m, progress(step, m.name()));
            } catch (RuntimeException e) {
                fail(step, m.name(), t, message(e), Map.of(JournalKeys.STAYED, "0"));
                return; // unreachable
            }
            if (!result.isApplied()) {
                long stayed = result.statements().stream()
                        .filter(st -> st.status() == io.zdcd.spi.StatementResult.Status.APPLIED).count();
                fail(step, m.name(), t, result.error() + " (" + result + ")", Map.of(
                        JournalKeys.STAYED, String.valueOf(stayed),
                        JournalKeys.INVALID_INDEXES, String.join(",", result.invalidIndexes())));
            }
            String recorded = completes == null ? "" : record(step, m, t, completes, attrs);
            succeeded(step, m.name(), t, verdict + (result.retries() > 0 ? ", " + result.retries()
                    + (result.retries() == 1 ? " retry" : " retries") : "") + recorded, attrs);
        }

        /** Records the rewritten migration as applied once its last part is; fails the step when it cannot. */
        private String record(StepKind step, PendingMigration part, long t, PendingMigration rewritten,
                              Map<String, String> attrs) {
            try {
                s.runner().orElseThrow().recordApplied(rewritten);
            } catch (RuntimeException e) {
                fail(step, part.name(), t, "applied, but " + rewritten.name() + " could not be recorded as applied: "
                        + message(e), Map.of(JournalKeys.STAYED, "1"));
            }
            attrs.put(JournalKeys.RECORDS, rewritten.name());
            return "; " + rewritten.name() + " recorded as applied";
        }

        /** Every process of the release up (polled until the verify timeout), then the smoke command if any. */
        private Health verifyInsideWindow(Release release) {
            String subject = "v" + release.version();
            Health up = poll(release, subject, () -> s.platform().processesUp(s.app(), release));
            if (!up.healthy() || s.smokeCommand().isEmpty()) {
                return up;
            }
            String command = s.smokeCommand().get();
            events.emit(new DeploymentEvent.StepProgress(s.app(), events.now(), StepKind.VERIFY, subject,
                    "running the smoke command in a one-off process of " + subject, -1, -1));
            Health smoke;
            try {
                smoke = s.platform().runCommand(s.app(), release, command, s.smokeTimeout(),
                        progress(StepKind.VERIFY, subject));
            } catch (UnsupportedOperationException e) {
                smoke = Health.unhealthy("a smoke command is configured but " + message(e));
            } catch (RuntimeException e) {
                smoke = Health.unhealthy("smoke command failed to run: " + message(e));
            }
            String prefix = "smoke command " + (smoke.healthy() ? "passed" : "failed") + ": ";
            return smoke.healthy() ? Health.healthy(up.detail() + "; " + prefix + smoke.detail())
                    : Health.unhealthy(prefix + smoke.detail());
        }

        /** The configured health check, polled until healthy or the verify timeout. */
        private Health verifyTraffic(Release release, String subject) {
            return poll(release, subject, () -> s.healthCheck().check(s.app(), release));
        }

        private Health poll(Release release, String subject, java.util.function.Supplier<Health> check) {
            long deadline = System.nanoTime() + s.verifyTimeout().toNanos();
            Health last;
            while (true) {
                try {
                    last = check.get();
                } catch (RuntimeException e) {
                    last = Health.unhealthy("health check threw: " + message(e));
                }
                if (last.healthy() || System.nanoTime() >= deadline) {
                    return last;
                }
                events.emit(new DeploymentEvent.StepProgress(s.app(), events.now(), StepKind.VERIFY,
                        subject, "not healthy yet: " + last.detail(), -1, -1));
                try {
                    Thread.sleep(Math.max(1, Math.min(s.verifyInterval().toMillis(),
                            (deadline - System.nanoTime()) / 1_000_000)));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return Health.unhealthy("interrupted while verifying " + release + "; last: " + last.detail());
                }
            }
        }

        private DeploymentOutcome recoverFromFailure(StepKind failedStep, String reason) {
            DeploymentRecord current = s.journal().unfinished(s.app())
                    .filter(r -> r.id().equals(record.id()))
                    .orElseThrow(() -> new IllegalStateException("journal lost deployment #" + record.id()));
            RecoveryPlan plan = planFor(current);
            RecoveryOutcome r = new RecoveryExecutor(s, events).fencedBy(lock).execute(plan);
            steps.addAll(r.steps());
            return afterRecovery(s, record.id(), build, failedStep, reason, plan, r, steps, since(t0));
        }

        /** The lock was lost: stop here, say so, journal it if possible, and leave the deployment to recover. */
        private DeploymentOutcome fenced(Fencing.Fenced f) {
            String reason = f.reason();
            try {
                journal(StepKind.LOCK, JournalEntry.Phase.FAILED, "", Map.of(JournalKeys.REASON, oneLine(reason)));
            } catch (RuntimeException e) {
                log.warn("could not journal the loss of the deploy lock: {}", message(e));
            }
            step(StepKind.LOCK, "", StepResult.Status.FAILED, Duration.ZERO, reason);
            RecoveryPlan unknown = RecoveryPlan.of(s.app(), reason, List.of(new io.zdcd.recovery.RecoveryStep.Manual(
                    "run recover: it reads what deployment #" + record.id() + " did from the journal")));
            RecoveryPlan remaining;
            try {
                remaining = s.journal().unfinished(s.app()).filter(r -> r.id().equals(record.id()))
                        .map(PipelineEngine.this::planFor).orElse(unknown);
            } catch (RuntimeException e) {
                remaining = unknown;
            }
            return new DeploymentOutcome.Failed(s.app(), build, f.step, reason, remaining, steps, since(t0));
        }

        // ---- journal + events + step results

        private void started(StepKind step, String subject, Map<String, String> attrs) {
            Fencing.check(lock, step);
            lastStep = step;
            journal(step, JournalEntry.Phase.STARTED, subject, attrs);
            events.emit(new DeploymentEvent.StepStarted(s.app(), events.now(), step, subject));
        }

        private void succeeded(StepKind step, String subject, long t, String detail, Map<String, String> attrs) {
            journal(step, JournalEntry.Phase.SUCCEEDED, subject, attrs);
            step(step, subject, StepResult.Status.SUCCEEDED, since(t), detail);
        }

        private void failed(StepKind step, String subject, long t, String reason, Map<String, String> attrs) {
            Map<String, String> a = new HashMap<>(attrs);
            a.put(JournalKeys.REASON, oneLine(reason));
            journal(step, JournalEntry.Phase.FAILED, subject, a);
            step(step, subject, StepResult.Status.FAILED, since(t), reason);
        }

        private void fail(StepKind step, String subject, long t, String reason, Map<String, String> attrs) {
            failed(step, subject, t, reason, attrs);
            throw new StepFailure(step, (subject.isEmpty() ? "" : subject + ": ") + reason);
        }

        private void journal(StepKind step, JournalEntry.Phase phase, String subject, Map<String, String> attrs) {
            s.journal().append(record.id(), new JournalEntry(step, phase, events.now(), subject, attrs));
        }

        private void step(StepKind step, String subject, StepResult.Status status, Duration elapsed, String detail) {
            StepResult r = new StepResult(step, subject, status, elapsed, oneLine(detail));
            steps.add(r);
            events.emit(new DeploymentEvent.StepFinished(s.app(), events.now(), r));
        }

        private io.zdcd.spi.Progress progress(StepKind step, String subject) {
            return Fencing.journaling(events.progress(step, subject), Map.of(),
                    a -> journal(step, JournalEntry.Phase.STARTED, subject, a));
        }
    }

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
