package io.zdcd.analyzer;

import io.zdcd.ZdcdException;

/** A migration file or folder could not be read; the message names the path and the reason. */
public final class MigrationInputException extends ZdcdException {
    private static final long serialVersionUID = 1L;

    /**
     * A migration that cannot be read, with the exception that caused it.
     *
     * @param message the path of the migration file or folder and the reason it cannot be read
     * @param cause   the failure underneath, usually an {@link java.io.IOException}
     */
    public MigrationInputException(String message, Throwable cause) {
        super(message, cause);
    }

    /**
     * A migration that cannot be read, with what is wrong.
     *
     * @param message the path of the migration file or folder and the reason it cannot be read
     */
    public MigrationInputException(String message) {
        super(message);
    }
}
