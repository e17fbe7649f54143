package io.zdcd.internal;

import io.zdcd.recovery.RecoveryStep;
import io.zdcd.spi.Backup;
import io.zdcd.spi.DeploymentRecord;
import io.zdcd.spi.JournalEntry;
import io.zdcd.spi.JournalEntry.Phase;
import io.zdcd.spi.Release;
import io.zdcd.spi.StepKind;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Computes a recovery plan from a deployment's journal entries, by the table of architecture.md §5. Entries written
 * after the first {@code RECOVER STARTED} are recovery steps: those that succeeded are not planned again.
 */
public final class RecoveryPlanner {

    /** The plan's steps, what failed (one line), and which step failed or was interrupted. */
    public record Result(List<RecoveryStep> steps, String failure, Optional<StepKind> failedStep) { }

    private RecoveryPlanner() {
    }

    public static Result plan(DeploymentRecord record) {
        List<JournalEntry> deployment = new ArrayList<>();
        List<JournalEntry> recovery = new ArrayList<>();
        for (JournalEntry e : record.entries()) {
            if (!recovery.isEmpty() || e.step() == StepKind.RECOVER && e.phase() == Phase.STARTED) {
                recovery.add(e);
            } else {
                deployment.add(e);
            }
        }

        Optional<Release> previous = Optional.empty();
        boolean maintenanceOn = false;
        boolean maintenanceBeforeBackup = false;
        Optional<Backup> backup = Optional.empty();
        // When a maintenance window went (or may have gone) off after the backup: writes may have happened since.
        Optional<Instant> maintenanceOffAt = Optional.empty();
        boolean releaseStarted = false;
        // Migrations that may have taken effect, in order, with whether they are unsafe.
        Map<String, Boolean> applied = new LinkedHashMap<>();
        Set<String> invalidIndexes = new LinkedHashSet<>();
        // Expand/contract: once a contract part started, the release had passed verify; it is never rolled back.
        boolean contractStarted = false;
        Map<String, JournalEntry> started = new LinkedHashMap<>();
        Optional<StepKind> failedStep = Optional.empty();
        String failure = "";

        List<JournalEntry> operations = new ArrayList<>();
        Set<String> ended = new LinkedHashSet<>();
        for (JournalEntry e : deployment) {
            if (Fencing.isOperation(e)) {
                operations.add(e); // a platform operation or a session, recorded as it started: not a step's start
                continue;
            }
            if (e.phase() != Phase.STARTED) {
                ended.add(e.step() + " " + e.subject() + " " + e.phase());
            }
            // A step's entries share the subject only for migrations (a backup learns its id when it is done).
            String key = e.step() == StepKind.MIGRATE || e.step() == StepKind.CONTRACT ? e.step() + " "
                    + e.subject() : e.step().name();
            switch (e.phase()) {
                case STARTED -> started.put(key, e);
                case SUCCEEDED, FAILED -> started.remove(key);
            }
            if (e.phase() == Phase.FAILED && failedStep.isEmpty()) {
                failedStep = Optional.of(e.step());
                failure = e.step().label() + (e.subject().isEmpty() ? "" : " " + e.subject()) + " failed"
                        + (e.attribute(JournalKeys.REASON).isEmpty() ? "" : ": " + e.attribute(JournalKeys.REASON));
            }
            switch (e.step()) {
                case LOCK -> {
                    if (e.phase() == Phase.SUCCEEDED && !e.attribute(JournalKeys.PREVIOUS_RELEASE).isEmpty()) {
                        previous = Optional.of(new Release(Integer.parseInt(e.attribute(JournalKeys.PREVIOUS_RELEASE)),
                                e.attribute(JournalKeys.PREVIOUS_BUILD), "",
                                instant(e.attribute(JournalKeys.PREVIOUS_RELEASE_AT)).orElse(e.at())));
                    }
                }
                case MAINTENANCE_ON -> {
                    if (e.phase() != Phase.FAILED) {
                        maintenanceOn = true; // a started switch may have taken effect: switch it off in any case
                    }
                }
                case MAINTENANCE_OFF -> {
                    if (e.phase() == Phase.SUCCEEDED) {
                        maintenanceOn = false;
                    }
                    if (backup.isPresent() && maintenanceOffAt.isEmpty()) {
                        // Fail closed: even a switch that reported failure may have taken effect.
                        maintenanceOffAt = Optional.of(e.at());
                    }
                }
                case BACKUP -> {
                    if (e.phase() == Phase.SUCCEEDED) {
                        maintenanceBeforeBackup = Boolean.parseBoolean(
                                e.attribute(JournalKeys.MAINTENANCE_BEFORE_BACKUP));
                        backup = Optional.of(new Backup(e.subject(),
                                instant(e.attribute(JournalKeys.CAPTURED_AT)).orElse(e.at()), ""));
                    }
                }
                case MIGRATE -> {
                    boolean unsafe = !"SAFE".equals(e.attribute(JournalKeys.VERDICT));
                    if (e.phase() == Phase.STARTED) {
                        // Until it is known to have failed cleanly, a started migration may have taken effect.
                        applied.put(e.subject(), unsafe);
                        invalidIndexes.addAll(list(e.attribute(JournalKeys.CONCURRENT_INDEXES)));
                    } else if (e.phase() == Phase.FAILED) {
                        if (parseInt(e.attribute(JournalKeys.STAYED)) == 0) {
                            applied.remove(e.subject());
                        }
                        invalidIndexes.addAll(list(e.attribute(JournalKeys.INVALID_INDEXES)));
                    } else {
                        invalidIndexes.removeAll(list(e.attribute(JournalKeys.CONCURRENT_INDEXES)));
                    }
                }
                case CONTRACT -> {
                    contractStarted = true;
                    if (e.phase() == Phase.STARTED) {
                        invalidIndexes.addAll(list(e.attribute(JournalKeys.CONCURRENT_INDEXES)));
                    } else if (e.phase() == Phase.FAILED) {
                        invalidIndexes.addAll(list(e.attribute(JournalKeys.INVALID_INDEXES)));
                    } else {
                        invalidIndexes.removeAll(list(e.attribute(JournalKeys.CONCURRENT_INDEXES)));
                    }
                }
                case RELEASE -> releaseStarted = true;
                default -> { }
            }
        }
        if (failedStep.isEmpty() && !started.isEmpty()) {
            JournalEntry interrupted = started.values().iterator().next();
            failedStep = Optional.of(interrupted.step());
            failure = interrupted.step().label() + (interrupted.subject().isEmpty() ? "" : " " + interrupted.subject())
                    + " was interrupted (the deployment stopped mid-step: crash or kill)";
        }
        if (failure.isEmpty()) {
            failure = "the deployment did not finish";
        }

        Set<String> doneInRecovery = new LinkedHashSet<>();
        for (JournalEntry e : recovery) {
            if (e.phase() == Phase.SUCCEEDED) {
                doneInRecovery.add(e.step() + " " + e.subject());
            }
        }

        boolean unsafeApplied = applied.values().stream().anyMatch(u -> u);
        List<String> safeApplied = applied.entrySet().stream().filter(en -> !en.getValue()).map(Map.Entry::getKey)
                .toList();
        List<RecoveryStep> steps = new ArrayList<>();
        if (contractStarted) {
            // The verified release stays, and so does every applied part; only what a failed or interrupted
            // contract part left behind is cleaned up. The rewritten migration stays pending.
            for (String index : invalidIndexes) {
                if (!doneInRecovery.contains(StepKind.DROP_INVALID_INDEX + " " + index)) {
                    steps.add(new RecoveryStep.DropInvalidIndex(index));
                }
            }
        } else if (unsafeApplied) {
            if (backup.isEmpty()) {
                steps.add(new RecoveryStep.Manual("UNSAFE migrations " + unsafeNames(applied)
                        + " may have run but no backup was recorded: repair the schema by hand, then roll back."));
            } else {
                Backup b = backup.get();
                boolean trafficCameBack = maintenanceBeforeBackup && maintenanceOffAt.isPresent();
                if (trafficCameBack) {
                    // The window ended before the failure: the new release may have taken writes since. Roll the
                    // code back first (no consent needed); the restore that would lose those writes waits for it.
                    rollback(previous, releaseStarted, doneInRecovery, steps);
                    steps.add(new RecoveryStep.MaintenanceOn());
                } else {
                    steps.add(new RecoveryStep.MaintenanceOn());
                    rollback(previous, releaseStarted, doneInRecovery, steps);
                }
                if (!doneInRecovery.contains(StepKind.RESTORE + " " + b.id())) {
                    steps.add(new RecoveryStep.RestoreDatabase(b, trafficCameBack ? maintenanceOffAt
                            : maintenanceBeforeBackup ? Optional.empty() : Optional.of(b.capturedAt())));
                }
                steps.add(new RecoveryStep.MaintenanceOff());
            }
        } else {
            for (String index : invalidIndexes) {
                if (!doneInRecovery.contains(StepKind.DROP_INVALID_INDEX + " " + index)) {
                    steps.add(new RecoveryStep.DropInvalidIndex(index));
                }
            }
            rollback(previous, releaseStarted, doneInRecovery, steps);
            if (!safeApplied.isEmpty()) {
                steps.add(new RecoveryStep.KeepSchema(safeApplied));
            }
            if (maintenanceOn) {
                steps.add(new RecoveryStep.MaintenanceOff());
            }
        }
        List<RecoveryStep> first = orphans(operations, ended, doneInRecovery);
        first.addAll(transfers(record.entries(), doneInRecovery));
        steps.addAll(0, first);
        return new Result(steps, failure, failedStep);
    }

    /**
     * First the sessions a crashed migration left running (ended before anything else), then the platform
     * operations of a release that did not succeed (waited for before the rollback that follows).
     */
    private static List<RecoveryStep> orphans(List<JournalEntry> operations, Set<String> ended, Set<String> done) {
        List<RecoveryStep> sessions = new ArrayList<>();
        List<RecoveryStep> awaits = new ArrayList<>();
        for (JournalEntry e : operations) {
            String kind = e.attribute(Fencing.OPERATION);
            String id = e.attribute(Fencing.OPERATION_ID);
            String key = e.step() + " " + e.subject() + " ";
            if ((e.step() == StepKind.MIGRATE || e.step() == StepKind.CONTRACT) && "backend".equals(kind)) {
                if (!ended.contains(key + Phase.SUCCEEDED) && !ended.contains(key + Phase.FAILED)
                        && !done.contains(StepKind.END_SESSION + " " + id)) {
                    sessions.add(new RecoveryStep.EndSession(id, e.subject()));
                }
            } else if (e.step() == StepKind.RELEASE && !ended.contains(key + Phase.SUCCEEDED)
                    && !done.contains(StepKind.AWAIT_OPERATION + " " + kind + " " + id)) {
                awaits.add(new RecoveryStep.AwaitOperation(kind, id));
            }
        }
        if (awaits.stream().anyMatch(a -> "release".equals(((RecoveryStep.AwaitOperation) a).kind()))) {
            // the build made its release already: waiting for the release is enough
            awaits.removeIf(a -> "build".equals(((RecoveryStep.AwaitOperation) a).kind()));
        }
        sessions.addAll(awaits);
        return sessions;
    }

    /**
     * The backup and restore transfers (deployment's or an earlier recovery's) that may still run: every one
     * journaled without a later success of its step ({@code BACKUP}, or {@code RESTORE} of the same backup) and not
     * waited for by a recovery yet. A failed step does not prove its transfer ended (its polling may have failed).
     */
    private static List<RecoveryStep> transfers(List<JournalEntry> entries, Set<String> done) {
        List<RecoveryStep> awaits = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            JournalEntry e = entries.get(i);
            String id = e.attribute(Fencing.OPERATION_ID);
            if (!"transfer".equals(e.attribute(Fencing.OPERATION))
                    || done.contains(StepKind.AWAIT_OPERATION + " transfer " + id)) {
                continue;
            }
            boolean restore = e.step() == StepKind.RESTORE;
            boolean settled = entries.subList(i + 1, entries.size()).stream().anyMatch(later ->
                    later.step() == e.step() && later.phase() == Phase.SUCCEEDED && !Fencing.isOperation(later)
                            && (!restore || later.subject().equals(e.subject())));
            if (!settled) {
                awaits.add(new RecoveryStep.AwaitOperation("transfer", id, restore ? e.subject() : ""));
            }
        }
        return awaits;
    }

    private static void rollback(Optional<Release> previous, boolean releaseStarted, Set<String> done,
                                 List<RecoveryStep> steps) {
        if (!releaseStarted) {
            return;
        }
        if (previous.isEmpty()) {
            steps.add(new RecoveryStep.Manual("no release ran before this deployment, so there is nothing to roll "
                    + "back to: scale the app down or deploy a fixed build."));
        } else if (!done.contains(StepKind.ROLLBACK + " v" + previous.get().version())) {
            steps.add(new RecoveryStep.RollbackRelease(previous.get()));
        }
    }

    private static String unsafeNames(Map<String, Boolean> applied) {
        return String.join(", ", applied.entrySet().stream().filter(Map.Entry::getValue).map(Map.Entry::getKey)
                .toList());
    }

    private static List<String> list(String csv) {
        if (csv.isBlank()) {
            return List.of();
        }
        return List.of(csv.split(","));
    }

    private static int parseInt(String s) {
        try {
            return s.isEmpty() ? 0 : Integer.parseInt(s);
        } catch (NumberFormatException e) {
            return 1; // unknown: assume something stayed
        }
    }

    private static Optional<Instant> instant(String s) {
        try {
            return s.isEmpty() ? Optional.empty() : Optional.of(Instant.parse(s));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
