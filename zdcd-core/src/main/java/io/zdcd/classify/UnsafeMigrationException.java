package io.zdcd.classify;

import io.zdcd.ZdcdException;

/** Thrown by {@link Classification#requireSafe()}; carries the classification. */
public final class UnsafeMigrationException extends ZdcdException {
    private static final long serialVersionUID = 1L;
    private final transient Classification classification;

    /**
     * An exception whose message lists the findings of this UNSAFE classification: {@code migration <name> is
     * UNSAFE:} followed by {@link Classification#describe()}.
     *
     * @param classification the UNSAFE classification, kept for {@link #classification()}; not null
     */
    public UnsafeMigrationException(Classification classification) {
        super("migration " + classification.migration() + " is UNSAFE:\n" + classification.describe());
        this.classification = classification;
    }

    /**
     * The classification that was UNSAFE (not serialized: null after deserialization).
     *
     * @return the classification given to the constructor, or null if this exception was deserialized
     */
    public Classification classification() {
        return classification;
    }
}
