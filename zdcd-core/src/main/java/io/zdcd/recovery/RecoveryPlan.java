package io.zdcd.recovery;

import io.zdcd.internal.RecoveryPlanner;
import io.zdcd.pipeline.DeploymentPipeline;
import io.zdcd.spi.DeploymentRecord;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What to do to put an app back after a failed deployment, computed from the deployment's journal
 * ({@link #from(DeploymentRecord)}) by the rules of this table:
 *
 * <table>
 * <caption>Recovery rules</caption>
 * <tr><th>what failed</th><th>database</th><th>code</th><th>downtime</th></tr>
 * <tr><td>lock, preflight, backup</td><td>untouched</td><td>untouched</td><td>none</td></tr>
 * <tr><td>a transactional migration</td><td>PostgreSQL rolled it back; earlier safe migrations stay</td>
 *     <td>untouched</td><td>none</td></tr>
 * <tr><td>a CONCURRENTLY statement</td><td>drop the INVALID index it left</td><td>untouched</td><td>none</td></tr>
 * <tr><td>release or verify, only safe migrations applied</td><td>kept (the old code works with it)</td>
 *     <td>roll back to the previous release</td><td>none</td></tr>
 * <tr><td>release or verify (or a later migration), unsafe migrations applied</td><td>restore the backup</td>
 *     <td>roll back</td><td>maintenance on during the restore</td></tr>
 * </table>
 *
 * <p>A restore that could lose writes (maintenance was not on from before the backup) is not executed unless the
 * plan carries consent ({@link #withConsentToLoseWrites()}); without it, execution stops before touching anything
 * and says what a person must decide. A plan is an immutable value; {@link #describe()} prints it as a numbered
 * runbook:
 *
 * <pre>
 * Recovery of acme (deployment #7): verify failed: GET /healthz: 503
 *   1. Switch maintenance mode on (traffic is turned away while the database is restored).
 *   2. Roll the code back to v41 (build 3f2c1a9), the release that ran before the deployment.
 *   3. Restore the database from backup zdcd_b_acme_... taken at 2026-11-26T02:00:03Z (no write is lost: ...).
 *   4. Switch maintenance mode off.
 * Downtime: yes (maintenance mode during the restore). Database restored: yes. Writes lost: none.
 * </pre>
 */
public final class RecoveryPlan {
    private final String app;
    private final Optional<String> deploymentId;
    private final String failure;
    private final List<RecoveryStep> steps;
    private final boolean consentToLoseWrites;

    private RecoveryPlan(String app, Optional<String> deploymentId, String failure, List<RecoveryStep> steps,
                         boolean consentToLoseWrites) {
        this.app = Objects.requireNonNull(app, "app");
        this.deploymentId = Objects.requireNonNull(deploymentId, "deploymentId");
        this.failure = failure == null ? "" : failure;
        this.steps = List.copyOf(steps);
        this.consentToLoseWrites = consentToLoseWrites;
    }

    /**
     * A plan with nothing to do.
     *
     * @param app the app's name on the platform; must not be null
     * @return an empty plan with no deployment id and no failure
     */
    public static RecoveryPlan none(String app) {
        return new RecoveryPlan(app, Optional.empty(), "", List.of(), false);
    }

    /**
     * The plan for a deployment as its journal describes it (the recovery steps it already finished are left out).
     * A deployment that has ended (deployed, deferred, rolled back, recovered) has nothing to recover: its plan is
     * empty and says so, and never rolls back the release it left running.
     *
     * @param record the failed deployment's journal record; must not be null
     * @return the steps still to do; an empty plan when the deployment has ended or nothing needs undoing
     */
    public static RecoveryPlan from(DeploymentRecord record) {
        if (!record.isUnfinished()) {
            return new RecoveryPlan(record.app(), Optional.of(record.id()), "nothing to recover: deployment #"
                    + record.id() + " of " + record.build() + " has ended ("
                    + (record.succeeded() ? "deployed" : record.summary().isEmpty() ? "not deployed"
                    : record.summary()) + ")", List.of(), false);
        }
        RecoveryPlanner.Result r = RecoveryPlanner.plan(record);
        return new RecoveryPlan(record.app(), Optional.of(record.id()), r.failure(), r.steps(), false);
    }

    /**
     * A plan of the given steps (for tools and tests; the pipeline computes plans with {@link #from}).
     *
     * @param app the app's name on the platform; must not be null
     * @param failure what failed, in one line; null or empty when nothing did
     * @param steps the steps, in the order to run them; copied
     * @return a plan without a deployment id and without consent to lose writes
     */
    public static RecoveryPlan of(String app, String failure, List<RecoveryStep> steps) {
        return new RecoveryPlan(app, Optional.empty(), failure, steps, false);
    }

    /**
     * This plan, allowed to restore the database even though writes made since the backup are lost.
     *
     * @return a copy of this plan with consent; this plan is unchanged
     */
    public RecoveryPlan withConsentToLoseWrites() {
        return new RecoveryPlan(app, deploymentId, failure, steps, true);
    }

    /**
     * This plan with only the given steps left (used when part of it was executed).
     *
     * @param remaining the steps still to do, in order; copied
     * @return a copy of this plan with those steps, same app, deployment, failure and consent
     */
    public RecoveryPlan withSteps(List<RecoveryStep> remaining) {
        return new RecoveryPlan(app, deploymentId, failure, remaining, consentToLoseWrites);
    }

    /**
     * The app recovered.
     *
     * @return the app's name on the platform
     */
    public String app() {
        return app;
    }

    /**
     * The journal id of the deployment this plan recovers, when computed from a journal.
     *
     * @return the deployment's journal id; empty for a plan from {@link #none} or {@link #of}
     */
    public Optional<String> deploymentId() {
        return deploymentId;
    }

    /**
     * What failed, in one line (empty for {@link #none}).
     *
     * @return the failure, or an empty string
     */
    public String failure() {
        return failure;
    }

    /**
     * The steps, in the order to run them.
     *
     * @return the steps, possibly empty; an immutable list
     */
    public List<RecoveryStep> steps() {
        return steps;
    }

    /**
     * Whether nothing needs doing (no steps, or only notes such as {@link RecoveryStep.KeepSchema}).
     *
     * @return true when executing the plan changes nothing
     */
    public boolean isEmpty() {
        return steps.stream().allMatch(s -> s instanceof RecoveryStep.KeepSchema);
    }

    /**
     * Whether executing the plan takes the app down (maintenance mode on, or a database restore).
     *
     * @return true when a step switches maintenance mode on or restores the database
     */
    public boolean requiresDowntime() {
        return restoresDatabase() || steps.stream().anyMatch(s -> s instanceof RecoveryStep.MaintenanceOn);
    }

    /**
     * Whether the plan restores the database from a backup.
     *
     * @return true when a step is {@link RecoveryStep.RestoreDatabase}
     */
    public boolean restoresDatabase() {
        return restore().isPresent();
    }

    /**
     * When writes would be lost from: empty when executing the plan loses no write.
     *
     * @return the time from which writes are lost by the restore; empty when no restore or when no write is lost
     */
    public Optional<Instant> writesLostSince() {
        return restore().flatMap(RecoveryStep.RestoreDatabase::writesLostSince);
    }

    /**
     * Whether execution would stop for want of consent to lose writes.
     *
     * @return true when the plan would lose writes and carries no consent, so nothing would be executed
     */
    public boolean needsConsent() {
        return writesLostSince().isPresent() && !consentToLoseWrites;
    }

    /**
     * Whether the plan carries consent to lose writes.
     *
     * @return true once {@link #withConsentToLoseWrites()} made this plan
     */
    public boolean hasConsentToLoseWrites() {
        return consentToLoseWrites;
    }

    /**
     * Executes the plan through the pipeline's ports, journaling each step; same as
     * {@code pipeline.execute(this)}.
     *
     * @param pipeline the pipeline whose platform, database and journal the steps run on; must not be null
     * @return what was done, and what is left when execution stopped or failed
     */
    public RecoveryOutcome execute(DeploymentPipeline pipeline) {
        return pipeline.execute(this);
    }

    private Optional<RecoveryStep.RestoreDatabase> restore() {
        return steps.stream().filter(s -> s instanceof RecoveryStep.RestoreDatabase)
                .map(s -> (RecoveryStep.RestoreDatabase) s).findFirst();
    }

    /**
     * One line: {@code 4 steps, downtime, restores the database, no write lost}.
     *
     * @return the summary line; {@code nothing to recover} or {@code nothing to undo} for an empty plan
     */
    public String summary() {
        if (isEmpty()) {
            return steps.isEmpty() ? "nothing to recover" : "nothing to undo";
        }
        List<String> parts = new ArrayList<>();
        parts.add(steps.size() + (steps.size() == 1 ? " step" : " steps"));
        parts.add(requiresDowntime() ? "downtime" : "no downtime");
        if (restoresDatabase()) {
            parts.add("restores the database");
            parts.add(writesLostSince().map(t -> "loses writes since " + t
                    + (consentToLoseWrites ? " (consented)" : " (needs consent)")).orElse("no write lost"));
        }
        return String.join(", ", parts);
    }

    /**
     * The plan as a numbered runbook a person can follow.
     *
     * @return the runbook, one line per step, each line ending with a newline, last the downtime and lost-writes line
     */
    public String describe() {
        StringBuilder sb = new StringBuilder("Recovery of ").append(app);
        deploymentId.ifPresent(id -> sb.append(" (deployment #").append(id).append(')'));
        sb.append(failure.isEmpty() ? "" : ": " + failure).append('\n');
        if (steps.isEmpty()) {
            sb.append(failure.startsWith("nothing to recover") ? "  Nothing to do: the running release and the "
                    + "database are left as they are.\n" : "  Nothing to do: the database and the code are as they "
                    + "were.\n");
        }
        for (int i = 0; i < steps.size(); i++) {
            sb.append("  ").append(i + 1).append(". ").append(steps.get(i).describe()).append('\n');
        }
        sb.append("Downtime: ").append(requiresDowntime() ? "yes" : "no").append(". Database restored: ")
                .append(restoresDatabase() ? "yes" : "no").append(". Writes lost: ")
                .append(writesLostSince().map(t -> "those made since " + t).orElse("none")).append('.');
        if (needsConsent()) {
            sb.append("\nNEEDS A DECISION: the restore loses every write made since ")
                    .append(writesLostSince().orElseThrow())
                    .append(". Nothing is executed without consent: run it with plan.withConsentToLoseWrites() ")
                    .append("(or recover with consent), or repair the database by hand and then roll back.");
        }
        return sb.append('\n').toString();
    }

    @Override
    public String toString() {
        return "RecoveryPlan[" + app + deploymentId.map(id -> " #" + id).orElse("") + ": " + summary() + "]";
    }
}
