package io.zdcd.internal;

import io.zdcd.classify.Classification;
import io.zdcd.pipeline.DeploymentOutcome;
import io.zdcd.pipeline.StepResult;

/** How a {@link DeploymentOutcome} reads: its multi-line {@link DeploymentOutcome#describe()} timeline. */
public final class OutcomeText {
    private OutcomeText() {
    }

    /** As {@link DeploymentOutcome#describe()}. */
    public static String describe(DeploymentOutcome outcome) {
        StringBuilder sb = new StringBuilder(outcome.toString()).append('\n');
        for (StepResult s : outcome.steps()) {
            sb.append("  ").append(s).append('\n');
        }
        if (outcome instanceof DeploymentOutcome.Deferred d) {
            for (Classification c : d.unsafe()) {
                sb.append(indent(c.describe()));
            }
        } else if (outcome instanceof DeploymentOutcome.RolledBack r) {
            sb.append("Recovery done:\n").append(indent(r.recovery().describe()));
        } else if (outcome instanceof DeploymentOutcome.Failed f) {
            sb.append("What is left to do:\n").append(indent(f.remaining().describe()));
        } else if (outcome instanceof DeploymentOutcome.ContractFailed c) {
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
}
