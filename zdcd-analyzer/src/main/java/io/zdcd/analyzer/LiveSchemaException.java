package io.zdcd.analyzer;

import io.zdcd.ZdcdException;

/**
 * The live schema a classifier was built with ({@link SqlMigrationClassifier.Builder#liveSchema}) could not be read:
 * the database cannot be reached, the catalog queries failed or ran past their statement_timeout. The message names
 * the database without its password.
 */
public final class LiveSchemaException extends ZdcdException {
    private static final long serialVersionUID = 1L;

    /**
     * The live schema could not be read, with the exception that caused it.
     *
     * @param message what could not be read and why, naming the database without its password
     * @param cause   the failure of the connection or of the catalog query (often a {@link java.sql.SQLException})
     */
    public LiveSchemaException(String message, Throwable cause) {
        super(message, cause);
    }
}
