package io.zdcd.pipeline;

import io.zdcd.ZdcdException;

/** Thrown by {@link DeploymentOutcome#orThrow()} when a deployment did not ship its build; carries the outcome. */
public final class DeploymentFailedException extends ZdcdException {
    private static final long serialVersionUID = 1L;
    private final transient DeploymentOutcome outcome;

    /**
     * An exception for this outcome, with the outcome's summary ({@link DeploymentOutcome#describe()}) as message.
     *
     * @param outcome how the deployment ended, kept for {@link #outcome()}; not null
     */
    public DeploymentFailedException(DeploymentOutcome outcome) {
        super(outcome.describe());
        this.outcome = outcome;
    }

    /**
     * How the deployment ended.
     *
     * @return the outcome given to the constructor, or null if this exception was deserialized (it is not
     *         serialized)
     */
    public DeploymentOutcome outcome() {
        return outcome;
    }
}
