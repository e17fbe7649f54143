package io.zdcd.internal;

import io.zdcd.pipeline.DeploymentEvent;
import io.zdcd.pipeline.StepResult;
import io.zdcd.recovery.RecoveryOutcome;
import io.zdcd.recovery.RecoveryPlan;
import io.zdcd.recovery.RecoveryStep;
import io.zdcd.spi.DeployLock;
import io.zdcd.spi.JournalEntry;
import io.zdcd.spi.Release;
import io.zdcd.spi.StepKind;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Executes a {@link RecoveryPlan} step by step through the pipeline's ports, journaling each step. */
final class RecoveryExecutor {
    private final PipelineSettings s;
    private final Events events;
    private final List<StepResult> results = new ArrayList<>();
    private Optional<String> planDeploymentId = Optional.empty();
    private DeployLock lock;
    /** Backups a restore transfer awaited by this recovery restored: not restored again. */
    private final Map<String, String> restoredBy = new HashMap<>();

    RecoveryExecutor(PipelineSettings settings, Events events) {
        this.s = settings;
        this.events = events;
    }

    /** Checks {@code lock} before every action: once it is lost, recovery stops before its next action. */
    RecoveryExecutor fencedBy(DeployLock lock) {
        this.lock = lock;
        return this;
    }

    RecoveryOutcome execute(RecoveryPlan plan) {
        Optional<String> id = plan.deploymentId();
        planDeploymentId = id;
        if (plan.steps().isEmpty()) {
            id.ifPresent(d -> journal(d, StepKind.RECOVER, JournalEntry.Phase.STARTED, "", Map.of()));
            id.ifPresent(d -> journal(d, StepKind.RECOVER, JournalEntry.Phase.SUCCEEDED, "", Map.of()));
            return new RecoveryOutcome(RecoveryOutcome.Status.RECOVERED, List.of(), plan.withSteps(List.of()), "");
        }
        id.ifPresent(d -> journal(d, StepKind.RECOVER, JournalEntry.Phase.STARTED, "", Map.of()));
        List<RecoveryStep> steps = plan.steps();
        // Without consent to lose writes, only the leading code rollback runs (it loses no write); the rest waits.
        int runnable = plan.needsConsent() ? leadingRollbacks(steps) : steps.size();
        for (int i = 0; i < runnable; i++) {
            RecoveryStep step = steps.get(i);
            if (step instanceof RecoveryStep.KeepSchema) {
                continue;
            }
            StepKind kind = kind(step);
            String subject = subject(step);
            java.time.Instant t = events.now();
            id.ifPresent(d -> journal(d, kind, JournalEntry.Phase.STARTED, subject, recoveryAttrs()));
            events.emit(new DeploymentEvent.StepStarted(s.app(), events.now(), kind, subject));
            String detail;
            try {
                Fencing.check(lock, kind);
                detail = run(step, kind, subject, progress(id, kind, subject));
            } catch (RuntimeException e) {
                String reason = kind.label() + (subject.isEmpty() ? "" : " " + subject) + " failed: "
                        + PipelineEngine.message(e);
                Map<String, String> a = recoveryAttrs();
                a.put(JournalKeys.REASON, PipelineEngine.oneLine(PipelineEngine.message(e)));
                id.ifPresent(d -> journal(d, kind, JournalEntry.Phase.FAILED, subject, a));
                id.ifPresent(d -> journal(d, StepKind.RECOVER, JournalEntry.Phase.STARTED, "", Map.of()));
            id.ifPresent(d -> journal(d, StepKind.RECOVER, JournalEntry.Phase.FAILED, "", Map.of(
                        JournalKeys.REASON, PipelineEngine.oneLine(reason))));
                record(kind, subject, StepResult.Status.FAILED, events.since(t), PipelineEngine.message(e));
                return new RecoveryOutcome(RecoveryOutcome.Status.FAILED, results,
                        plan.withSteps(steps.subList(i, steps.size())), reason);
            }
            id.ifPresent(d -> journal(d, kind, JournalEntry.Phase.SUCCEEDED, subject, recoveryAttrs()));
            record(kind, subject, StepResult.Status.SUCCEEDED, events.since(t), detail);
        }
        if (runnable < steps.size()) {
            String reason = "the plan's restore would lose every write made since " + plan.writesLostSince().orElseThrow()
                    + "; " + (runnable == 0 ? "nothing was done" : "the code was rolled back, the database was not "
                    + "restored") + " without consent";
            id.ifPresent(d -> journal(d, StepKind.RECOVER, JournalEntry.Phase.FAILED, "", Map.of(
                    JournalKeys.REASON, "needs consent to lose writes")));
            return new RecoveryOutcome(RecoveryOutcome.Status.NEEDS_CONSENT, results,
                    plan.withSteps(steps.subList(runnable, steps.size())), reason);
        }
        id.ifPresent(d -> journal(d, StepKind.RECOVER, JournalEntry.Phase.SUCCEEDED, "", Map.of()));
        return new RecoveryOutcome(RecoveryOutcome.Status.RECOVERED, results, plan.withSteps(List.of()), "");
    }

    private static int leadingRollbacks(List<RecoveryStep> steps) {
        int n = 0;
        // Steps that lose no write: ending orphaned sessions, waiting for operations, rolling the code back.
        while (n < steps.size() && (steps.get(n) instanceof RecoveryStep.RollbackRelease
                || steps.get(n) instanceof RecoveryStep.EndSession
                || steps.get(n) instanceof RecoveryStep.AwaitOperation)) {
            n++;
        }
        return n;
    }

    /** Progress that journals the ids of the platform operations the step starts (a rollback's release...). */
    private io.zdcd.spi.Progress progress(Optional<String> id, StepKind kind, String subject) {
        return Fencing.journaling(events.progress(kind, subject), recoveryAttrs(),
                a -> id.ifPresent(d -> journal(d, kind, JournalEntry.Phase.STARTED, subject, a)));
    }

    private String run(RecoveryStep step, StepKind kind, String subject, io.zdcd.spi.Progress progress) {
        if (step instanceof RecoveryStep.MaintenanceOn) {
            s.platform().maintenance(s.app(), true);
            return "maintenance on";
        } else if (step instanceof RecoveryStep.MaintenanceOff) {
            s.platform().maintenance(s.app(), false);
            return "maintenance off";
        } else if (step instanceof RecoveryStep.RollbackRelease r) {
            Optional<Release> current = s.platform().currentRelease(s.app());
            if (current.isPresent() && (current.get().version() == r.to().version()
                    || !r.to().buildVersion().isEmpty() && r.to().buildVersion().equals(current.get().buildVersion()))) {
                return "already serving " + current.get();
            }
            Release now = s.platform().rollback(s.app(), r.to(), progress);
            return "now serving " + now;
        } else if (step instanceof RecoveryStep.RestoreDatabase r) {
            var backups = s.backups().orElseThrow(() -> new IllegalStateException("no backups configured: restore "
                    + r.backup().id() + " by hand"));
            String by = restoredBy.get(r.backup().id());
            if (by != null) {
                return "already restored from " + r.backup().id() + " by transfer " + by + " (awaited)";
            }
            return "restored " + r.backup() + replacingDatabase(() -> backups.restore(s.app(), r.backup(), progress));
        } else if (step instanceof RecoveryStep.DropInvalidIndex d) {
            boolean dropped = s.runner().orElseThrow(() -> new IllegalStateException("no migration runner "
                    + "configured: drop " + d.index() + " by hand")).dropInvalidIndex(d.index());
            return dropped ? "dropped INVALID index " + d.index() : "no INVALID index " + d.index() + " left";
        } else if (step instanceof RecoveryStep.EndSession e) {
            boolean ended = s.runner().orElseThrow(() -> new IllegalStateException("no migration runner configured: "
                    + "end session " + e.backendId() + " by hand (pg_terminate_backend)")).terminate(e.backendId());
            return ended ? "ended the orphaned session " + e.backendId() + " of " + e.migration()
                    : "session " + e.backendId() + " had already ended";
        } else if (step instanceof RecoveryStep.AwaitOperation a && "transfer".equals(a.kind())) {
            var backups = s.backups().orElseThrow(() -> new IllegalStateException("no backups configured: wait for "
                    + "transfer " + a.id() + " by hand"));
            boolean[] completed = new boolean[1];
            Runnable await = () -> completed[0] = backups.awaitTransfer(s.app(), a.id(), progress);
            if (a.restores().isEmpty()) {
                await.run();
                return "transfer " + a.id() + " settled: " + (completed[0] ? "completed" : "did not complete");
            }
            // a restore that ends while we wait replaces the database the journal and the lock may live in
            String writtenBack = replacingDatabase(await);
            if (completed[0]) {
                restoredBy.put(a.restores(), a.id());
            }
            return "transfer " + a.id() + " settled: " + (completed[0] ? "completed, the database is restored from "
                    + a.restores() : "did not complete, " + a.restores() + " will be restored again") + writtenBack;
        } else if (step instanceof RecoveryStep.AwaitOperation a) {
            Optional<Release> live = s.platform().awaitOperation(s.app(), a.kind(), a.id(), progress);
            return a.kind() + " " + a.id() + " settled: " + live.map(r -> r + " went live")
                    .orElse("nothing of it went live");
        } else if (step instanceof RecoveryStep.Manual m) {
            throw new IllegalStateException("needs a person: " + m.instruction());
        }
        return "";
    }

    /**
     * Runs something that may replace the whole database (a restore): the journal and queue may live in it, so they
     * are read before and what it removed is written back after; the lock takes its session back.
     *
     * @return "; wrote back ..." or empty
     */
    private String replacingDatabase(Runnable restore) {
        ControlSnapshot control = ControlSnapshot.take(s, planDeploymentId);
        restore.run();
        if (lock != null) {
            lock.reclaimAfterOwnRestore(); // the lock may live in the database just replaced
        }
        String writtenBack = control.writeBack();
        return writtenBack.isEmpty() ? "" : "; " + writtenBack;
    }

    private static StepKind kind(RecoveryStep step) {
        if (step instanceof RecoveryStep.MaintenanceOn) {
            return StepKind.MAINTENANCE_ON;
        } else if (step instanceof RecoveryStep.MaintenanceOff) {
            return StepKind.MAINTENANCE_OFF;
        } else if (step instanceof RecoveryStep.RollbackRelease) {
            return StepKind.ROLLBACK;
        } else if (step instanceof RecoveryStep.RestoreDatabase) {
            return StepKind.RESTORE;
        } else if (step instanceof RecoveryStep.DropInvalidIndex) {
            return StepKind.DROP_INVALID_INDEX;
        } else if (step instanceof RecoveryStep.EndSession) {
            return StepKind.END_SESSION;
        } else if (step instanceof RecoveryStep.AwaitOperation) {
            return StepKind.AWAIT_OPERATION;
        }
        return StepKind.RECOVER;
    }

    private static String subject(RecoveryStep step) {
        if (step instanceof RecoveryStep.RollbackRelease r) {
            return "v" + r.to().version();
        } else if (step instanceof RecoveryStep.RestoreDatabase r) {
            return r.backup().id();
        } else if (step instanceof RecoveryStep.DropInvalidIndex d) {
            return d.index();
        } else if (step instanceof RecoveryStep.EndSession e) {
            return e.backendId();
        } else if (step instanceof RecoveryStep.AwaitOperation a) {
            return a.kind() + " " + a.id();
        }
        return "";
    }

    private static Map<String, String> recoveryAttrs() {
        Map<String, String> a = new HashMap<>();
        a.put(JournalKeys.PHASE, JournalKeys.RECOVERY);
        return a;
    }

    private void journal(String deploymentId, StepKind step, JournalEntry.Phase phase, String subject,
                         Map<String, String> attrs) {
        s.journal().append(deploymentId, new JournalEntry(step, phase, events.now(), subject, attrs));
    }

    private void record(StepKind kind, String subject, StepResult.Status status, Duration elapsed, String detail) {
        StepResult r = new StepResult(kind, subject, status, elapsed, PipelineEngine.oneLine(detail));
        results.add(r);
        events.emit(new DeploymentEvent.StepFinished(s.app(), events.now(), r));
    }
}
