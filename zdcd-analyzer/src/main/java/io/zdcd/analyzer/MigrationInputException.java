package io.zdcd.analyzer;

import io.zdcd.ZdcdException;

/** A migration file or folder could not be read; the message names the path and the reason. */
public final class MigrationInputException extends ZdcdException {
    private static final long serialVersionUID = 1L;

    /** A migration that cannot be read, with the exception that caused it. */
    public MigrationInputException(String message, Throwable cause) {
        super(message, cause);
    }

    /** A migration that cannot be read, with what is wrong. */
    public MigrationInputException(String message) {
        super(message);
    }
}
