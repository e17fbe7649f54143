package io.zdcd.pipeline;

import io.zdcd.classify.Classification;
import io.zdcd.recovery.RecoveryPlan;
import io.zdcd.spi.Build;
import io.zdcd.spi.Release;
import io.zdcd.spi.StepKind;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * How a deployment ended, with the timing of every step. Switch on {@link #status()} (Java 17) or use
 * {@code instanceof} with the records.
 *
 * <pre>{@code
 * DeploymentOutcome outcome = pipeline.deploy(Build.of(sha));
 * switch (outcome.status()) {
 *     case DEPLOYED, SKIPPED -> ok();
 *     case DEFERRED -> tellTeam("ships tonight: " + ((DeploymentOutcome.Deferred) outcome).reason());
 *     case REFUSED, ROLLED_BACK, FAILED, CONTRACT_FAILED -> page(outcome.describe());
 * }
 * }</pre>
 */
public sealed interface DeploymentOutcome {

    /** What happened, in one word. */
    enum Status {
        /** The build is the running code. */
        DEPLOYED,
        /** Nightly: nothing queued and nothing new since the last successful deployment; nothing done. */
        SKIPPED,
        /** An UNSAFE migration (or an earlier queued build) sent the build to the nightly queue; nothing changed. */
        DEFERRED,
        /**
         * Another deployment holds the app (running, or unfinished and awaiting recovery), or the platform cannot
         * release the build ({@code Platform#cannotRelease}); nothing changed.
         */
        REFUSED,
        /** A step failed and recovery put the app back as it was (the plan says whether the database was restored). */
        ROLLED_BACK,
        /** A step failed and recovery did not finish: {@link Failed#remaining()} says what is left to do. */
        FAILED,
        /**
         * Expand/contract: the build is the running code and passed verify, but a contract part failed (or was
         * interrupted). Nothing was rolled back; the rewritten migration stays pending, and the next deployment with
         * expand/contract applies what is left of its contract ({@link ContractFailed}).
         */
        CONTRACT_FAILED
    }

    /** How the deployment ended. */
    Status status();

    /** The app deployed. */
    String app();

    /** The steps that ran, in order, with their timings (recovery steps included). */
    List<StepResult> steps();

    /** Wall time of the whole deployment. */
    Duration elapsed();

    /** Whether nothing is wrong: deployed or skipped. */
    default boolean isSuccess() {
        return status() == Status.DEPLOYED || status() == Status.SKIPPED;
    }

    /** This outcome when it is a success or a deferral, otherwise a {@link DeploymentFailedException}. */
    default DeploymentOutcome orThrow() {
        if (isSuccess() || status() == Status.DEFERRED) {
            return this;
        }
        throw new DeploymentFailedException(this);
    }

    /**
     * A multi-line timeline: the status, every step with its timing, each UNSAFE finding with its reason and safe
     * alternative (when deferred), and the recovery (when failed).
     */
    default String describe() {
        StringBuilder sb = new StringBuilder(toString()).append('\n');
        for (StepResult s : steps()) {
            sb.append("  ").append(s).append('\n');
        }
        if (this instanceof Deferred d) {
            for (Classification c : d.unsafe()) {
                sb.append(indent(c.describe()));
            }
        } else if (this instanceof RolledBack r) {
            sb.append("Recovery done:\n").append(indent(r.recovery().describe()));
        } else if (this instanceof Failed f) {
            sb.append("What is left to do:\n").append(indent(f.remaining().describe()));
        } else if (this instanceof ContractFailed c) {
            if (!c.cleanup().steps().isEmpty()) {
                sb.append("Clean-up done:\n").append(indent(c.cleanup().describe()));
            }
            sb.append("What is left to do: fix the cause, then deploy again with expand/contract (zdcd deploy --fix): "
                    + "it skips the parts already applied and runs the rest of the contract after its release.\n");
        }
        return sb.toString();
    }

    private static String indent(String text) {
        return text.lines().map(l -> "  " + l + "\n").reduce("", String::concat);
    }

    /** The build is the running code. */
    record Deployed(String app, Build build, Release release, List<StepResult> steps, Duration elapsed)
            implements DeploymentOutcome {
        /** Copies the list; {@code build} and {@code release} must not be null. */
        public Deployed {
            Objects.requireNonNull(build, "build");
            Objects.requireNonNull(release, "release");
            steps = List.copyOf(steps);
        }

        @Override
        public Status status() {
            return Status.DEPLOYED;
        }

        @Override
        public String toString() {
            return "DEPLOYED " + app + " " + build + " as " + release + " in " + StepResult.format(elapsed);
        }
    }

    /** Nightly with nothing to do. */
    record Skipped(String app, String reason, Duration elapsed) implements DeploymentOutcome {
        /** {@code reason} must not be null. */
        public Skipped {
            Objects.requireNonNull(reason, "reason");
        }

        @Override
        public Status status() {
            return Status.SKIPPED;
        }

        @Override
        public List<StepResult> steps() {
            return List.of();
        }

        @Override
        public String toString() {
            return "SKIPPED " + app + ": " + reason;
        }
    }

    /**
     * The build waits for the nightly deployment; nothing changed.
     *
     * @param unsafe the UNSAFE classifications that deferred it (empty when it queued behind an earlier build)
     */
    record Deferred(String app, Build build, String reason, List<Classification> unsafe, List<StepResult> steps,
                    Duration elapsed) implements DeploymentOutcome {
        /** Copies the lists; {@code build} and {@code reason} must not be null. */
        public Deferred {
            Objects.requireNonNull(build, "build");
            Objects.requireNonNull(reason, "reason");
            unsafe = List.copyOf(unsafe);
            steps = List.copyOf(steps);
        }

        @Override
        public Status status() {
            return Status.DEFERRED;
        }

        @Override
        public String toString() {
            return "DEFERRED " + app + " " + build + " to the nightly build: " + reason;
        }
    }

    /**
     * Another deployment holds the app, or the platform cannot release the build; nothing changed.
     *
     * @param holder who holds the app, or empty when the build itself was refused
     */
    record Refused(String app, Build build, String holder, String reason, List<StepResult> steps, Duration elapsed)
            implements DeploymentOutcome {
        /** Copies the list; {@code holder} and {@code reason} must not be null. */
        public Refused {
            Objects.requireNonNull(holder, "holder");
            Objects.requireNonNull(reason, "reason");
            steps = List.copyOf(steps);
        }

        @Override
        public Status status() {
            return Status.REFUSED;
        }

        @Override
        public String toString() {
            return "REFUSED " + app + " " + build + ": " + reason;
        }
    }

    /**
     * A step failed and the executed recovery put the app back.
     *
     * @param failedStep the step that failed
     * @param reason     why it failed
     * @param recovery   the recovery plan that was executed
     */
    record RolledBack(String app, Build build, StepKind failedStep, String reason, RecoveryPlan recovery,
                      List<StepResult> steps, Duration elapsed) implements DeploymentOutcome {
        /** Copies the list; {@code failedStep}, {@code reason} and {@code recovery} must not be null. */
        public RolledBack {
            Objects.requireNonNull(failedStep, "failedStep");
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(recovery, "recovery");
            steps = List.copyOf(steps);
        }

        @Override
        public Status status() {
            return Status.ROLLED_BACK;
        }

        @Override
        public String toString() {
            return "ROLLED_BACK " + app + " " + build + ": " + failedStep.label() + " failed: " + reason + "; "
                    + recovery.summary();
        }
    }

    /**
     * A step failed and recovery is not complete (it failed, or it waits for a person's decision).
     *
     * @param failedStep the step that failed
     * @param reason     why it failed (and why recovery stopped)
     * @param remaining  what is left to do, executable once the cause is fixed ({@code pipeline.recover()})
     */
    record Failed(String app, Build build, StepKind failedStep, String reason, RecoveryPlan remaining,
                  List<StepResult> steps, Duration elapsed) implements DeploymentOutcome {
        /** Copies the list; {@code failedStep}, {@code reason} and {@code remaining} must not be null. */
        public Failed {
            Objects.requireNonNull(failedStep, "failedStep");
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(remaining, "remaining");
            steps = List.copyOf(steps);
        }

        @Override
        public Status status() {
            return Status.FAILED;
        }

        @Override
        public String toString() {
            return "FAILED " + app + " " + build + ": " + failedStep.label() + " failed: " + reason
                    + (nothingChanged() ? "; nothing was changed, nothing to recover"
                    : "; recovery not complete: " + remaining.summary());
        }

        /**
         * Whether the deployment failed before it changed or journaled anything (for example: the platform did not
         * answer), so the app is as it was and there is nothing to recover.
         */
        public boolean nothingChanged() {
            return remaining.deploymentId().isEmpty() && remaining.steps().isEmpty();
        }
    }

    /**
     * Expand/contract: the release is live and verified, but a contract part failed or was interrupted. The live code
     * is kept (the contract only removes what the old code needed); the clean-up ended any session the part left and
     * dropped INVALID indexes it left; the rewritten migration is not recorded as applied, so it stays pending and the
     * next deployment with expand/contract runs what is left of its contract.
     *
     * @param reason  which contract part failed, and why
     * @param cleanup the clean-up plan that was executed (often empty)
     */
    record ContractFailed(String app, Build build, String reason, RecoveryPlan cleanup, List<StepResult> steps,
                          Duration elapsed) implements DeploymentOutcome {
        /** Copies the list; {@code build}, {@code reason} and {@code cleanup} must not be null. */
        public ContractFailed {
            Objects.requireNonNull(build, "build");
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(cleanup, "cleanup");
            steps = List.copyOf(steps);
        }

        @Override
        public Status status() {
            return Status.CONTRACT_FAILED;
        }

        @Override
        public String toString() {
            return "CONTRACT_FAILED " + app + " " + build + ": the release is live and verified, but " + reason
                    + "; nothing was rolled back, the contract stays pending for the next deployment with "
                    + "expand/contract";
        }
    }
}
