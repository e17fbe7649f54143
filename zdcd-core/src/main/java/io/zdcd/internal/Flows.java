package io.zdcd.internal;

import io.zdcd.spi.DeploymentMode;
import io.zdcd.spi.StepKind;
import java.util.List;

/**
 * The deployment flows, as lists of steps. A flow starts with its head (LOCK, then the step that classifies the
 * pending migrations); that step goes on with one of the bodies below, chosen by what it found:
 * <ul>
 * <li>continuous: LOCK, PREFLIGHT (defers the build, or goes on), then {@link #DEPLOY} or {@link #EXPAND_CONTRACT};
 * <li>nightly: LOCK, CLASSIFY (no deferral), then {@link #DEPLOY}, {@link #MAINTENANCE_WINDOW} (an UNSAFE migration
 * with the nightly maintenance window) or {@link #EXPAND_CONTRACT}.
 * </ul>
 */
final class Flows {
    /** A deployment's mode (journaled and in its events) and the steps it starts with. */
    record Flow(DeploymentMode mode, List<Step> steps) {
        Flow {
            steps = List.copyOf(steps);
            if (steps.isEmpty() || !(steps.get(0) instanceof LockStep)) {
                throw new IllegalArgumentException("a flow starts with the lock");
            }
        }
    }

    static final Step LOCK = new LockStep();
    static final Step PREFLIGHT = new PreflightStep();
    static final Step CLASSIFY = new ClassifyStep();
    static final Step MAINTENANCE_ON = new MaintenanceOnStep();
    static final Step BACKUP = new BackupStep();
    static final Step MIGRATE = new MigrateStep();
    static final Step RELEASE = new ReleaseStep();
    static final Step VERIFY = new VerifyStep();
    static final Step VERIFY_IN_WINDOW = new VerifyInWindowStep();
    static final Step MAINTENANCE_OFF = new MaintenanceOffStep();
    static final Step VERIFY_TRAFFIC = new TrafficVerifyStep();
    static final Step CONTRACT = new ContractStep();

    /** A push: LOCK, PREFLIGHT. */
    static final Flow CONTINUOUS = new Flow(DeploymentMode.CONTINUOUS, List.of(LOCK, PREFLIGHT));
    /** The nightly run: LOCK, CLASSIFY (the nightly never defers, so it has no PREFLIGHT step). */
    static final Flow NIGHTLY = new Flow(DeploymentMode.NIGHTLY, List.of(LOCK, CLASSIFY));

    /** Code-only, SAFE migrations, or UNSAFE ones deployed by a nightly without a window. */
    static final List<Step> DEPLOY = List.of(BACKUP, MIGRATE, RELEASE, VERIFY);
    /**
     * A nightly's UNSAFE migrations inside a maintenance window: processes and smoke command verified while it is on
     * (the router answers 503 to every request then), the health check once traffic is back.
     */
    static final List<Step> MAINTENANCE_WINDOW = List.of(MAINTENANCE_ON, BACKUP, MIGRATE, RELEASE, VERIFY_IN_WINDOW,
            MAINTENANCE_OFF, VERIFY_TRAFFIC);
    /** UNSAFE migrations rewritten by expand/contract: the expand parts migrate, the contract parts run last. */
    static final List<Step> EXPAND_CONTRACT = List.of(BACKUP, MIGRATE, RELEASE, VERIFY, CONTRACT);

    private Flows() {
    }

    /** The steps after the classification: by the rewrites, else by a maintenance window when one is wanted. */
    static List<Step> after(Classified c, boolean maintenanceWindow) {
        if (!c.rewrites().isEmpty()) {
            return EXPAND_CONTRACT;
        }
        return maintenanceWindow && !c.unsafe().isEmpty() ? MAINTENANCE_WINDOW : DEPLOY;
    }

    /** What {@code steps} journal for a deployment whose classification found {@code c}, as a plan lists them. */
    static List<StepKind> planned(List<Step> steps, Classified c) {
        return steps.stream().flatMap(step -> step.planned(c).stream()).toList();
    }

    /** What {@code flow} journals when it goes on past its head: its head, then {@link #after} the classification. */
    static List<StepKind> planned(Flow flow, Classified c, boolean maintenanceWindow) {
        return java.util.stream.Stream.concat(planned(flow.steps(), c).stream(),
                planned(after(c, maintenanceWindow), c).stream()).toList();
    }
}
