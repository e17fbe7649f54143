package io.zdcd.spi;

import io.zdcd.ZdcdException;

/**
 * A port could not carry out an operation (Heroku API error, release phase failed, backup failed...). Adapters
 * throw it or a subclass; the message says what was attempted and never contains a secret.
 */
public class PlatformException extends ZdcdException {
    private static final long serialVersionUID = 1L;
    /** What was attempted. */
    private final String operation;

    /**
     * @param operation what was attempted, for example {@code "release acme-api build 3f2c1a9"}
     * @param message   what went wrong
     */
    public PlatformException(String operation, String message) {
        super(operation + " failed: " + message);
        this.operation = operation;
    }

    /** A failed platform operation, with the exception that caused it. */
    public PlatformException(String operation, String message, Throwable cause) {
        super(operation + " failed: " + message, cause);
        this.operation = operation;
    }

    /** What was attempted. */
    public String operation() {
        return operation;
    }
}
