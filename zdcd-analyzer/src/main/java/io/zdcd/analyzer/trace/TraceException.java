package io.zdcd.analyzer.trace;

import io.zdcd.ZdcdException;

/**
 * The tracer could not do its job: the database cannot be reached or used (busy, no permission), or the schema
 * history could not be applied. A statement that fails is not an exception: it is recorded in its
 * {@link StatementTrace#error()}. Messages never contain a password.
 */
public final class TraceException extends ZdcdException {
    private static final long serialVersionUID = 1L;

    /**
     * A trace that could not be made, with what went wrong.
     *
     * @param message what the tracer could not do and why, naming the database without its password
     */
    public TraceException(String message) {
        super(message);
    }

    /**
     * A trace that could not be made, with the exception that caused it.
     *
     * @param message what the tracer could not do and why, naming the database without its password
     * @param cause   the failure underneath, usually a {@link java.sql.SQLException}
     */
    public TraceException(String message, Throwable cause) {
        super(message, cause);
    }
}
