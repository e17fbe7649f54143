package io.zdcd.examples.demo;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * One version of the demo application's data-access code: the reads and writes a request runs against the demo
 * schema. A release of the demo app is exactly one of these, so switching releases switches the queries traffic runs.
 */
public interface DataAccess {

    /** One read, as a page view does. */
    void read(Connection connection, RandomGenerator random) throws SQLException;

    /**
     * One write, as a form post does.
     *
     * @return the row it inserted, or empty when it only updated existing rows
     */
    Optional<InsertedRow> write(Connection connection, RandomGenerator random) throws SQLException;

    /**
     * A row a write inserted: its id and its email, which is unique to the write (an id alone may be handed out
     * again after a restore rewinds the sequence).
     */
    record InsertedRow(long id, String email) {
    }

    /** The release's own smoke test, run by the health check after a release: it must not write. */
    default void smokeTest(Connection connection) throws SQLException {
        read(connection, RandomGenerator.getDefault());
    }
}
