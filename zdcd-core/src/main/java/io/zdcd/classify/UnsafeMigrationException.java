package io.zdcd.classify;

import io.zdcd.ZdcdException;

/** Thrown by {@link Classification#requireSafe()}; carries the classification. */
public final class UnsafeMigrationException extends ZdcdException {
    private static final long serialVersionUID = 1L;
    private final transient Classification classification;

    /** An exception whose message lists the findings of this UNSAFE classification. */
    public UnsafeMigrationException(Classification classification) {
        super("migration " + classification.migration() + " is UNSAFE:\n" + classification.describe());
        this.classification = classification;
    }

    /** The classification that was UNSAFE (not serialized: null after deserialization). */
    public Classification classification() {
        return classification;
    }
}
