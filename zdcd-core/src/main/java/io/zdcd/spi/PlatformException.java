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
     * A failed platform operation; the message reads {@code <operation> failed: <message>}.
     *
     * @param operation what was attempted, for example {@code "release acme-api build 3f2c1a9"}
     * @param message   what went wrong (never a secret)
     */
    public PlatformException(String operation, String message) {
        super(operation + " failed: " + message);
        this.operation = operation;
    }

    /**
     * A failed platform operation, with the exception that caused it; the message reads
     * {@code <operation> failed: <message>}.
     *
     * @param operation what was attempted, for example {@code "release acme-api build 3f2c1a9"}
     * @param message   what went wrong (never a secret)
     * @param cause     the exception that made it fail, for example an I/O error; may be null
     */
    public PlatformException(String operation, String message, Throwable cause) {
        super(operation + " failed: " + message, cause);
        this.operation = operation;
    }

    /**
     * What was attempted.
     *
     * @return the operation given to the constructor, for example {@code "release acme-api build 3f2c1a9"}
     */
    public String operation() {
        return operation;
    }
}
