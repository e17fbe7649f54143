package io.zdcd.internal;

import io.zdcd.pipeline.DeploymentOutcome;
import io.zdcd.pipeline.StepResult;
import io.zdcd.recovery.RecoveryOutcome;
import io.zdcd.recovery.RecoveryPlan;
import io.zdcd.spi.Build;
import io.zdcd.spi.DeploymentRecord;
import io.zdcd.spi.StepKind;
import java.time.Duration;
import java.util.List;

/** How a deployment that failed ends once it was recovered from: its recovery plan, and its outcome. */
final class Endings {
    private Endings() {
    }

    /** The recovery plan of {@code record}, with consent to lose writes when the pipeline accepts it. */
    static RecoveryPlan planFor(PipelineSettings s, DeploymentRecord record) {
        RecoveryPlan plan = RecoveryPlan.from(record);
        return s.acceptWriteLoss() ? plan.withConsentToLoseWrites() : plan;
    }

    /** The outcome of deployment {@code deploymentId} after its recovery {@code r}, with its journal record ended. */
    static DeploymentOutcome afterRecovery(PipelineSettings s, Events events, String deploymentId, Build build,
                                           StepKind failed, String reason, RecoveryPlan plan, RecoveryOutcome r,
                                           List<StepResult> steps, Duration elapsed) {
        if (r.isRecovered() && failed == StepKind.CONTRACT) {
            // the release passed verify before any contract part ran: it stays, and so does the pending contract
            String why = plan.failure().isEmpty() ? reason : plan.failure(); // "contract V1__x_002_contract.sql failed: ..."
            s.journal().end(deploymentId, false, "the release stays live and verified; " + PipelineEngine.oneLine(why)
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
}
