package io.zdcd.examples.demo.internal;

import io.zdcd.examples.demo.DemoApp;
import io.zdcd.examples.demo.LocalPlatform;
import io.zdcd.examples.demo.TrafficGenerator;
import java.io.PrintStream;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;

/**
 * What a story (zdcd's or the naive one) plays on: the server, its own copy of the demo database, the app, where to
 * print, and the demo's settings.
 *
 * @param server   the PostgreSQL server
 * @param database the story's database (a copy of the filled demo database)
 * @param app      the demo application
 * @param rows     rows the table was filled with
 * @param out      where the timelines go
 * @param terminal whether {@code out} is a terminal (progress redrawn in place)
 * @param threads  traffic threads
 * @param hold     how long the long report transaction holds its lock
 * @param connectionPerRequest whether each traffic request opens its own connection (else each thread keeps one)
 */
public record Stage(DemoPostgresServer server, String database, DemoApp app, long rows, PrintStream out,
                   boolean terminal, int threads, Duration hold, boolean connectionPerRequest) {

    /** A new connection to the story's database. */
    public Connection connect() throws SQLException {
        return server.connect(database);
    }

    /** Traffic for the story's platform, not yet started. */
    public TrafficGenerator traffic(LocalPlatform platform) {
        return TrafficGenerator.builder().connections(this::connect).platform(platform).threads(threads)
                .connectionPerRequest(connectionPerRequest).build();
    }

    /** Starts the long report transaction on the story's database. */
    public LongTransaction longTransaction() {
        return LongTransaction.start(this::connect, hold);
    }

    /** Rows missing from the story's database (see {@link RowCheck}). */
    public long rowsMissing(TrafficGenerator traffic) throws SQLException {
        try (Connection c = connect()) {
            return RowCheck.missing(c, rows, traffic.insertedRows());
        }
    }

    /** Prints a scene's heading. */
    public void heading(String text) {
        out.println();
        out.println(text);
    }
}
