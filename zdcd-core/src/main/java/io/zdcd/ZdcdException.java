package io.zdcd;

/**
 * The root of zdcd's unchecked exceptions. Expected outcomes (an unsafe migration, a rolled-back deploy) are values,
 * not exceptions; an exception means an operation could not be carried out.
 */
public abstract class ZdcdException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * An exception with a message (the subclass states what was attempted).
     *
     * @param message what could not be done and why, readable by a user; never contains secrets
     */
    protected ZdcdException(String message) {
        super(message);
    }

    /**
     * An exception with a message and the exception that caused it.
     *
     * @param message what could not be done and why, readable by a user; never contains secrets
     * @param cause the underlying failure (an SQL, I/O or HTTP error), kept for the stack trace; may be null
     */
    protected ZdcdException(String message, Throwable cause) {
        super(message, cause);
    }
}
