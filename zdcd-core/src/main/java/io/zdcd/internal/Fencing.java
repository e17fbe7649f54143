package io.zdcd.internal;

import io.zdcd.spi.DeployLock;
import io.zdcd.spi.DeployLockLostException;
import io.zdcd.spi.DeploymentLockedException;
import io.zdcd.spi.DeploymentRecord;
import io.zdcd.spi.Progress;
import io.zdcd.spi.StepKind;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Crash safety helpers of the engine: the fence every step passes before it acts, the refusal that names a live
 * deployment, and the progress that journals a platform operation's id before anyone waits for it.
 */
final class Fencing {
    /** JournalEntry attributes of an operation entry: what it is ({@code build}, {@code release}...) and its id. */
    static final String OPERATION = "operation";
    static final String OPERATION_ID = "operationId";

    private Fencing() {
    }

    /** The deployment lost its lock before {@link #step}: it stops here and leaves the rest to recover. */
    static final class Fenced extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final StepKind step;
        /** Whether it stopped in the middle of {@link #step} (a journal or queue write was refused), not before it. */
        private final boolean during;

        Fenced(StepKind step, DeployLockLostException cause) {
            this(step, cause, false);
        }

        private Fenced(StepKind step, DeployLockLostException cause, boolean during) {
            super(cause.getMessage(), cause, false, false);
            this.step = step;
            this.during = during;
        }

        /** A journal or queue write of {@code step} was refused: the lock was taken over while the step ran. */
        static Fenced during(StepKind step, DeployLockLostException cause) {
            return new Fenced(step, cause, true);
        }

        /** What the deployment says when it stops. */
        String reason() {
            return getMessage() + "; stopped " + (during ? "during " : "before ") + step.label()
                    + " so that nothing races whoever recovers it: run recover";
        }
    }

    /** Passes when the lock is still held; otherwise throws {@link Fenced} naming the step that will not run. */
    static void check(DeployLock lock, StepKind next) {
        if (lock == null) {
            return;
        }
        try {
            lock.ensureHeld();
        } catch (DeployLockLostException e) {
            throw new Fenced(next, e);
        }
    }

    /** Why recover (or a deployment) is refused: the deployment that holds the lock is alive. */
    static String live(DeploymentLockedException e, Optional<DeploymentRecord> unfinished) {
        return unfinished.map(r -> "deployment #" + r.id() + " of " + r.build() + " is live, not crashed: ")
                .orElse("a deployment is live: ") + e.getMessage()
                + "; nothing was done (recover acts only on a deployment whose process is gone)";
    }

    /** Whether a journal entry records a platform operation rather than a step's start. */
    static boolean isOperation(io.zdcd.spi.JournalEntry e) {
        return !e.attribute(OPERATION).isEmpty();
    }

    /**
     * Progress that journals every {@link Progress#operationStarted} (through {@code journal}, which receives the
     * entry's attributes) before it returns, then reports it as progress.
     */
    static Progress journaling(Progress events, Map<String, String> extra, Consumer<Map<String, String>> journal) {
        return new Progress() {
            @Override
            public void report(String message, long done, long total) {
                events.report(message, done, total);
            }

            @Override
            public void operationStarted(String kind, String id) {
                Map<String, String> a = new HashMap<>(extra);
                a.put(OPERATION, kind);
                a.put(OPERATION_ID, id);
                try {
                    journal.accept(a);
                    events.report(kind + " " + id + " started (journaled)");
                } catch (RuntimeException e) {
                    // Progress never throws: the platform keeps waiting; recover will not know this id.
                    events.report(kind + " " + id + " started; could NOT journal it: "
                            + PipelineEngine.message(e));
                }
            }
        };
    }

    /**
     * Ends the sessions a crashed migration of {@code unfinished} left running (a deployment that finds it does so
     * before refusing, so that reads on the app's tables stop failing now), and says what it did, as a sentence
     * to append to the refusal; empty when there was nothing to end.
     */
    static String endOrphans(PipelineSettings s, DeploymentRecord unfinished) {
        StringBuilder said = new StringBuilder();
        for (io.zdcd.recovery.RecoveryStep step : RecoveryPlanner.plan(unfinished).steps()) {
            if (step instanceof io.zdcd.recovery.RecoveryStep.EndSession e && s.runner().isPresent()) {
                try {
                    said.append(s.runner().get().terminate(e.backendId())
                            ? "; ended its orphaned database session " + e.backendId() + " (" + e.migration() + ")"
                            : "");
                } catch (RuntimeException x) {
                    said.append("; could not end its orphaned session ").append(e.backendId()).append(": ")
                            .append(PipelineEngine.message(x));
                }
            }
        }
        return said.toString();
    }
}
