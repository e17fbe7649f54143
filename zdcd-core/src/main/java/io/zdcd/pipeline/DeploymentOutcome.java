package io.zdcd.pipeline;

import io.zdcd.classify.Classification;
import io.zdcd.internal.OutcomeText;
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

    /**
     * {@return how the deployment ended: the status matching the record type, for example {@link Status#DEFERRED}
     * for {@link Deferred}}
     */
    Status status();

    /** {@return the app deployed: the platform's name of the app} */
    String app();

    /**
     * {@return the steps that ran, with their timings (recovery steps included): an unmodifiable list, oldest step
     * first; empty when no step ran (always for {@link Skipped})}
     */
    List<StepResult> steps();

    /**
     * {@return the wall time of the whole deployment: from the call that started it until the outcome was known,
     * recovery included}
     */
    Duration elapsed();

    /**
     * {@return whether nothing is wrong: true for {@link Status#DEPLOYED} and {@link Status#SKIPPED}; false
     * otherwise, deferrals included}
     */
    default boolean isSuccess() {
        return status() == Status.DEPLOYED || status() == Status.SKIPPED;
    }

    /**
     * This outcome when it is a success or a deferral, otherwise a {@link DeploymentFailedException}.
     *
     * @return this outcome, unchanged, when it is DEPLOYED, SKIPPED or DEFERRED
     * @throws DeploymentFailedException when it is REFUSED, ROLLED_BACK, FAILED or CONTRACT_FAILED; its message is
     *                                   {@link #describe()}
     */
    default DeploymentOutcome orThrow() {
        if (isSuccess() || status() == Status.DEFERRED) {
            return this;
        }
        throw new DeploymentFailedException(this);
    }

    /**
     * A multi-line timeline: the status, every step with its timing, each UNSAFE finding with its reason and safe
     * alternative (when deferred), and the recovery (when failed).
     *
     * @return text starting with {@code toString()}, then one indented line per step, then the details of the
     *         status; every line ends in a newline
     */
    default String describe() {
        return OutcomeText.describe(this);
    }

    /**
     * The build is the running code.
     *
     * @param app     the app deployed
     * @param build   the build now running
     * @param release the platform's release that runs it
     * @param steps   the steps that ran, in order
     * @param elapsed wall time of the whole deployment
     */
    record Deployed(String app, Build build, Release release, List<StepResult> steps, Duration elapsed)
            implements DeploymentOutcome {
        /**
         * Copies the list; {@code build} and {@code release} must not be null.
         *
         * @param app     the app deployed
         * @param build   the build now running; not null
         * @param release the platform's release that runs it; not null
         * @param steps   the steps that ran, in order; copied, must not be null
         * @param elapsed wall time of the whole deployment
         */
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

    /**
     * Nightly with nothing to do (or a recovery with no unfinished deployment); no step ran.
     *
     * @param app     the app
     * @param reason  why there was nothing to do, in one line
     * @param elapsed wall time spent finding that out
     */
    record Skipped(String app, String reason, Duration elapsed) implements DeploymentOutcome {
        /**
         * {@code reason} must not be null.
         *
         * @param app     the app
         * @param reason  why there was nothing to do, in one line, for example {@code nothing queued}; not null
         * @param elapsed wall time spent finding that out
         */
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
     * @param app     the app
     * @param build   the build queued for the nightly deployment
     * @param reason  why it was deferred, in one line (the UNSAFE migrations and rules, or the build it queued behind)
     * @param unsafe  the UNSAFE classifications that deferred it (empty when it queued behind an earlier build)
     * @param steps   the steps that ran (lock, preflight), in order
     * @param elapsed wall time of the attempt
     */
    record Deferred(String app, Build build, String reason, List<Classification> unsafe, List<StepResult> steps,
                    Duration elapsed) implements DeploymentOutcome {
        /**
         * Copies the lists; {@code build} and {@code reason} must not be null.
         *
         * @param app     the app
         * @param build   the build queued for the nightly deployment; not null
         * @param reason  why it was deferred, in one line; not null
         * @param unsafe  the UNSAFE classifications that deferred it; copied, must not be null (empty when it queued
         *                behind an earlier build)
         * @param steps   the steps that ran, in order; copied, must not be null
         * @param elapsed wall time of the attempt
         */
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
     * @param app     the app
     * @param build   the build refused (for a refused recovery, the build of the deployment that holds the app)
     * @param holder  who holds the app, or empty when the build itself was refused
     * @param reason  why it was refused, in one line
     * @param steps   the steps that ran before the refusal, in order (often none)
     * @param elapsed wall time of the attempt
     */
    record Refused(String app, Build build, String holder, String reason, List<StepResult> steps, Duration elapsed)
            implements DeploymentOutcome {
        /**
         * Copies the list; {@code holder} and {@code reason} must not be null.
         *
         * @param app     the app
         * @param build   the build refused
         * @param holder  who holds the app; not null, empty when the build itself was refused
         * @param reason  why it was refused, in one line; not null
         * @param steps   the steps that ran before the refusal, in order; copied, must not be null
         * @param elapsed wall time of the attempt
         */
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
     * @param app        the app
     * @param build      the build that failed to deploy
     * @param failedStep the step that failed
     * @param reason     why it failed
     * @param recovery   the recovery plan that was executed
     * @param steps      the steps that ran, deployment and recovery steps, in order
     * @param elapsed    wall time of the deployment and its recovery
     */
    record RolledBack(String app, Build build, StepKind failedStep, String reason, RecoveryPlan recovery,
                      List<StepResult> steps, Duration elapsed) implements DeploymentOutcome {
        /**
         * Copies the list; {@code failedStep}, {@code reason} and {@code recovery} must not be null.
         *
         * @param app        the app
         * @param build      the build that failed to deploy
         * @param failedStep the step that failed; not null
         * @param reason     why it failed, in one line; not null
         * @param recovery   the recovery plan that was executed; not null
         * @param steps      the steps that ran, in order; copied, must not be null
         * @param elapsed    wall time of the deployment and its recovery
         */
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
     * @param app        the app
     * @param build      the build that failed to deploy
     * @param failedStep the step that failed
     * @param reason     why it failed (and why recovery stopped)
     * @param remaining  what is left to do, executable once the cause is fixed ({@code pipeline.recover()})
     * @param steps      the steps that ran, deployment and recovery steps, in order
     * @param elapsed    wall time of the deployment and the recovery attempted
     */
    record Failed(String app, Build build, StepKind failedStep, String reason, RecoveryPlan remaining,
                  List<StepResult> steps, Duration elapsed) implements DeploymentOutcome {
        /**
         * Copies the list; {@code failedStep}, {@code reason} and {@code remaining} must not be null.
         *
         * @param app        the app
         * @param build      the build that failed to deploy
         * @param failedStep the step that failed; not null
         * @param reason     why it failed (and why recovery stopped), in one line; not null
         * @param remaining  what is left to do; not null (a plan without steps when nothing is)
         * @param steps      the steps that ran, in order; copied, must not be null
         * @param elapsed    wall time of the deployment and the recovery attempted
         */
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
         *
         * @return true when the remaining plan belongs to no journaled deployment and has no step
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
     * @param app     the app
     * @param build   the build that is live
     * @param reason  which contract part failed, and why
     * @param cleanup the clean-up plan that was executed (often empty)
     * @param steps   the steps that ran, in order, the clean-up's included
     * @param elapsed wall time of the deployment and its clean-up
     */
    record ContractFailed(String app, Build build, String reason, RecoveryPlan cleanup, List<StepResult> steps,
                          Duration elapsed) implements DeploymentOutcome {
        /**
         * Copies the list; {@code build}, {@code reason} and {@code cleanup} must not be null.
         *
         * @param app     the app
         * @param build   the build that is live; not null
         * @param reason  which contract part failed, and why, in one line; not null
         * @param cleanup the clean-up plan that was executed; not null (a plan without steps when none was needed)
         * @param steps   the steps that ran, in order; copied, must not be null
         * @param elapsed wall time of the deployment and its clean-up
         */
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
