package io.zdcd.examples.cli;

import io.zdcd.sql.SqlInputException;
import io.zdcd.sql.SqlScript;

/**
 * The input gate of {@code zdcd check}: zdcd-core's {@link SqlScript#decode(byte[])}, the same decoding and
 * validation {@code migrate}, {@code deploy} and {@code nightly} read migration files with.
 */
final class SqlText {

    private SqlText() {
    }

    /** Why a file cannot be read as SQL text; the message is one line for the command's stderr. */
    static final class NotSqlTextException extends Exception {
        private static final long serialVersionUID = 1L;

        NotSqlTextException(String message) {
            super(message, null, false, false);
        }
    }

    static String decode(byte[] bytes) throws NotSqlTextException {
        try {
            return SqlScript.decode(bytes);
        } catch (SqlInputException e) {
            throw new NotSqlTextException(e.getMessage());
        }
    }
}
