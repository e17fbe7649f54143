package io.zdcd.django;

import io.zdcd.spi.PlatformException;

/** Python or Django could not be run, or {@code manage.py} failed; the message says which and what to do. */
public final class DjangoException extends PlatformException {
    private static final long serialVersionUID = 1L;

    /**
     * A failed Django operation ({@code operation}: what was attempted).
     *
     * @param operation what was attempted, for example {@code manage.py sqlmigrate shop 0007_book_isbn}
     * @param message what went wrong and what to do about it (manage.py's error, a missing interpreter...)
     */
    public DjangoException(String operation, String message) {
        super(operation, message);
    }

    /**
     * A failed Django operation, with the exception that caused it.
     *
     * @param operation what was attempted, for example {@code manage.py sqlmigrate shop 0007_book_isbn}
     * @param message what went wrong and what to do about it
     * @param cause the underlying failure (an I/O error starting the process, an interrupt...)
     */
    public DjangoException(String operation, String message, Throwable cause) {
        super(operation, message, cause);
    }
}
