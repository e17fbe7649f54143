package io.zdcd.sql;

import io.zdcd.ZdcdException;

/**
 * Migration input that is not SQL text zdcd can judge and run: not valid UTF-8, a NUL character, a binary file. The
 * message names the line and column; {@code zdcd check}, {@code migrate}, {@code deploy} and {@code nightly} exit 2.
 *
 * @since 0.2
 */
public final class SqlInputException extends ZdcdException {
    private static final long serialVersionUID = 1L;

    /**
     * Input that cannot be read as SQL, with what is wrong.
     *
     * @param message what is wrong and where (line and column), for example {@code is not valid UTF-8: byte 0xE9 at
     *     line 3, column 7}
     */
    public SqlInputException(String message) {
        super(message);
    }
}
