package io.zdcd.django;

import io.zdcd.spi.PlatformException;

/** Python or Django could not be run, or {@code manage.py} failed; the message says which and what to do. */
public final class DjangoException extends PlatformException {
    private static final long serialVersionUID = 1L;

    /** A failed Django operation ({@code operation}: what was attempted). */
    public DjangoException(String operation, String message) {
        super(operation, message);
    }

    /** A failed Django operation, with the exception that caused it. */
    public DjangoException(String operation, String message, Throwable cause) {
        super(operation, message, cause);
    }
}
