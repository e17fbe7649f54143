package io.zdcd.internal;

import io.zdcd.pipeline.DeploymentEvent;
import io.zdcd.pipeline.DeploymentOutcome;
import io.zdcd.pipeline.StepResult;
import io.zdcd.recovery.RecoveryOutcome;
import io.zdcd.recovery.RecoveryPlan;
import io.zdcd.spi.Build;
import io.zdcd.spi.DeployLock;
import io.zdcd.spi.DeployLockLostException;
import io.zdcd.spi.DeploymentMode;
import io.zdcd.spi.DeploymentRecord;
import io.zdcd.spi.JournalEntry;
import io.zdcd.spi.Progress;
import io.zdcd.spi.Release;
import io.zdcd.spi.StepKind;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One deployment (continuous or nightly): runs the steps of its {@link Flows.Flow}, holds what they found, and is the
 * one place that journals a step, times it with the pipeline's clock, emits its events and handles its failure (the
 * deployment recovers) or the loss of the lock (it stops). Closing it releases the deploy lock if it holds it.
 */
final class Deployment implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(PipelineEngine.class);

    final Build build;
    final Events events;
    private final DeploymentMode mode;
    private final PipelineSettings unfenced;
    private final Instant t0;
    private final List<StepResult> steps = new ArrayList<>();
    private final Deque<Step> next = new ArrayDeque<>();
    /** The pipeline's settings; once the lock is held, with the journal's and queue's writes fenced by it. */
    private PipelineSettings s;
    private DeploymentRecord record;
    private DeployLock lock;
    /** The step last started, where a refused journal write stops the deployment. */
    private StepKind lastStep = StepKind.LOCK;

    /** What PREFLIGHT (or the nightly's CLASSIFY) found. */
    Classified classified;
    /** Whether this deployment turned maintenance mode on (and has not turned it off yet). */
    boolean maintenanceOn;
    /** When MAINTENANCE_OFF started, for the traffic check's failure. */
    Instant maintenanceOffAt;
    /** The release RELEASE created. */
    Release release;

    Deployment(PipelineSettings settings, Events events, Build build, DeploymentMode mode) {
        this.unfenced = settings;
        this.s = settings;
        this.events = events;
        this.build = build;
        this.mode = mode;
        this.t0 = events.now();
    }

    PipelineSettings settings() {
        return s;
    }

    String app() {
        return s.app();
    }

    List<StepResult> results() {
        return steps;
    }

    Duration elapsed() {
        return events.since(t0);
    }

    /** Holds {@code held} until this deployment is closed; the journal's and queue's writes are fenced by it. */
    void hold(DeployLock held) {
        this.lock = held;
        this.s = unfenced.fencedBy(held); // no journal or queue write once the lock is taken over
    }

    /** Begins the deployment's journal record (the lock is held). */
    void begin() {
        record = s.journal().begin(s.app(), build, mode, s.holder(), events.now());
    }

    DeploymentRecord record() {
        return record;
    }

    /** Goes on with {@code steps} once the running step passed, instead of the rest of the flow. */
    void continueWith(List<Step> steps) {
        next.clear();
        next.addAll(steps);
    }

    /** Runs {@code flow}: its first step takes the lock; a later step's failure is recovered from. */
    DeploymentOutcome execute(Flows.Flow flow) {
        events.emit(new DeploymentEvent.DeploymentStarted(s.app(), events.now(), build, mode));
        next.addAll(flow.steps());
        Optional<DeploymentOutcome> refused = next.poll().run(this);
        if (refused.isPresent()) {
            return refused.get();
        }
        try {
            try {
                for (Step step = next.poll(); step != null; step = next.poll()) {
                    Optional<DeploymentOutcome> end = step.run(this);
                    if (end.isPresent()) {
                        return end.get();
                    }
                }
                return deployed();
            } catch (StepFailure f) {
                return recoverFromFailure(f.step, f.getMessage());
            }
        } catch (Fencing.Fenced f) {
            return fenced(f);
        } catch (DeployLockLostException e) {
            return fenced(Fencing.Fenced.during(lastStep, e)); // a journal or queue write was refused
        }
    }

    @Override
    public void close() {
        if (lock != null) {
            lock.close();
        }
    }

    private DeploymentOutcome deployed() {
        Fencing.check(lock, StepKind.VERIFY); // a deployment that lost its lock never reports DEPLOYED
        s.journal().end(record.id(), true, "deployed " + build + " as " + release, events.now());
        return new DeploymentOutcome.Deployed(s.app(), build, release, steps, elapsed());
    }

    private DeploymentOutcome recoverFromFailure(StepKind failedStep, String reason) {
        DeploymentRecord current = s.journal().unfinished(s.app())
                .filter(r -> r.id().equals(record.id()))
                .orElseThrow(() -> new IllegalStateException("journal lost deployment #" + record.id()));
        RecoveryPlan plan = Endings.planFor(s, current);
        RecoveryOutcome r = new RecoveryExecutor(s, events).fencedBy(lock).execute(plan);
        steps.addAll(r.steps());
        return Endings.afterRecovery(s, events, record.id(), build, failedStep, reason, plan, r, steps, elapsed());
    }

    /** The lock was lost: stop here, say so, journal it if possible, and leave the deployment to recover. */
    private DeploymentOutcome fenced(Fencing.Fenced f) {
        String reason = f.reason();
        try {
            journal(StepKind.LOCK, JournalEntry.Phase.FAILED, "", Map.of(JournalKeys.REASON,
                    PipelineEngine.oneLine(reason)));
        } catch (RuntimeException e) {
            log.warn("could not journal the loss of the deploy lock: {}", PipelineEngine.message(e));
        }
        result(StepKind.LOCK, "", StepResult.Status.FAILED, Duration.ZERO, reason);
        RecoveryPlan unknown = RecoveryPlan.of(s.app(), reason, List.of(new io.zdcd.recovery.RecoveryStep.Manual(
                "run recover: it reads what deployment #" + record.id() + " did from the journal")));
        RecoveryPlan remaining;
        try {
            remaining = s.journal().unfinished(s.app()).filter(r -> r.id().equals(record.id()))
                    .map(r -> Endings.planFor(s, r)).orElse(unknown);
        } catch (RuntimeException e) {
            remaining = unknown;
        }
        return new DeploymentOutcome.Failed(s.app(), build, f.step, reason, remaining, steps, elapsed());
    }

    // ---------------------------------------------------------------- the step runner

    /** A step's body failed: why, and the attributes of its FAILED entry (besides the reason). */
    static final class Failure extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final transient Map<String, String> attrs;

        Failure(String reason, Map<String, String> attrs) {
            super(reason, null, false, false);
            this.attrs = attrs;
        }

        Failure(String reason) {
            this(reason, Map.of());
        }
    }

    /** A step failed (journaled and reported): the deployment recovers. Carries the reason for the outcome. */
    static final class StepFailure extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final StepKind step;

        StepFailure(StepKind step, String message) {
            super(message, null, false, false);
            this.step = step;
        }
    }

    /** What a step's body returns when it passed: a value for the step, and its SUCCEEDED entry and result. */
    record Done<T>(T value, String subject, String detail, Map<String, String> attrs) {
        /** Passed with {@code detail}; the SUCCEEDED entry keeps the STARTED entry's subject. */
        static <T> Done<T> of(T value, String detail) {
            return new Done<>(value, null, detail, Map.of());
        }

        static Done<Void> of(String detail) {
            return of(null, detail);
        }

        Done<T> withSubject(String subject) {
            return new Done<>(value, subject, detail, attrs);
        }

        Done<T> withAttrs(Map<String, String> attrs) {
            return new Done<>(value, subject, detail, attrs);
        }
    }

    /** A step's body: returns when the step passed, throws {@link Failure} when it failed. */
    interface Body<T> {
        Done<T> run();
    }

    /** Runs one step: STARTED, its body, then SUCCEEDED or FAILED (a failure throws {@link StepFailure}). */
    <T> T run(StepKind kind, String subject, Map<String, String> attrs, Body<T> body) {
        return run(kind, subject, attrs, events.now(), body);
    }

    /** {@link #run(StepKind, String, Map, Body)}, timed from {@code t}. */
    <T> T run(StepKind kind, String subject, Map<String, String> attrs, Instant t, Body<T> body) {
        started(kind, subject, attrs);
        Done<T> done;
        try {
            done = body.run();
        } catch (Failure f) {
            throw fail(kind, subject, t, f);
        }
        succeeded(kind, done.subject() == null ? subject : done.subject(), t, done.detail(), done.attrs());
        return done.value();
    }

    /** Passes when the lock is still held, else stops the deployment before {@code next}. */
    void fence(StepKind next) {
        Fencing.check(lock, next);
    }

    /** The STARTED event of a step that has no journal record to write to (LOCK, before the record begins). */
    void announce(StepKind kind, String subject) {
        events.emit(new DeploymentEvent.StepStarted(s.app(), events.now(), kind, subject));
    }

    private void started(StepKind kind, String subject, Map<String, String> attrs) {
        fence(kind);
        lastStep = kind;
        journal(kind, JournalEntry.Phase.STARTED, subject, attrs);
        announce(kind, subject);
    }

    private void succeeded(StepKind kind, String subject, Instant t, String detail, Map<String, String> attrs) {
        journal(kind, JournalEntry.Phase.SUCCEEDED, subject, attrs);
        result(kind, subject, StepResult.Status.SUCCEEDED, events.since(t), detail);
    }

    /** Journals and reports {@code f} as the failure of the step, and returns the StepFailure to throw. */
    StepFailure fail(StepKind kind, String subject, Instant t, Failure f) {
        String reason = f.getMessage();
        Map<String, String> a = new HashMap<>(f.attrs);
        a.put(JournalKeys.REASON, PipelineEngine.oneLine(reason));
        journal(kind, JournalEntry.Phase.FAILED, subject, a);
        result(kind, subject, StepResult.Status.FAILED, events.since(t), reason);
        return new StepFailure(kind, (subject.isEmpty() ? "" : subject + ": ") + reason);
    }

    /** A step that did not run, reported only (nothing to journal). */
    void skipped(StepKind kind, String subject, String detail) {
        result(kind, subject, StepResult.Status.SKIPPED, Duration.ZERO, detail);
    }

    void journal(StepKind kind, JournalEntry.Phase phase, String subject, Map<String, String> attrs) {
        s.journal().append(record.id(), new JournalEntry(kind, phase, events.now(), subject, attrs));
    }

    /** The step's result: added to the outcome's steps and emitted. */
    void result(StepKind kind, String subject, StepResult.Status status, Duration elapsed, String detail) {
        StepResult r = new StepResult(kind, subject, status, elapsed, PipelineEngine.oneLine(detail));
        steps.add(r);
        events.emit(new DeploymentEvent.StepFinished(s.app(), events.now(), r));
    }

    /** Progress of a step: events, and a journal entry for each platform operation it starts. */
    Progress progress(StepKind kind, String subject) {
        return Fencing.journaling(events.progress(kind, subject), Map.of(),
                a -> journal(kind, JournalEntry.Phase.STARTED, subject, a));
    }
}
