package io.zdcd.analyzer.trace.internal;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * A scratch database copied from the traced one ({@code CREATE DATABASE ... TEMPLATE}), dropped on close. The copy
 * is made from the tracer's own connection to the original, which PostgreSQL does not count as another user.
 * Dropping it can meet an autovacuum worker, which {@code DROP DATABASE ... WITH (FORCE)} refuses to end for a role
 * without superuser or {@code pg_signal_backend} (42501), while a plain DROP DATABASE stops it; a copy that still
 * cannot be dropped is named in the report's notes, never turned into a failed trace.
 */
final class Scratch implements AutoCloseable {
    private static final SecureRandom RANDOM = new SecureRandom();
    /** How long dropping the copy waits out sessions it may not end. */
    private static final long PATIENCE_NANOS = java.util.concurrent.TimeUnit.SECONDS.toNanos(15);

    private final Connection target;
    private final String name;
    private final Endpoint endpoint;
    private final List<String> notes;

    private Scratch(Connection target, String name, Endpoint endpoint, List<String> notes) {
        this.target = target;
        this.name = name;
        this.endpoint = endpoint;
        this.notes = notes;
    }

    /**
     * A new scratch copy, or null with the reason added to {@code why}; a copy left behind on close is named in
     * {@code notes}.
     */
    static Scratch create(Connection target, Endpoint original, List<String> why, List<String> notes)
            throws SQLException {
        String name = "zdcd_trace_" + HexFormat.of().formatHex(RANDOM.generateSeed(6));
        String current;
        try (Statement s = target.createStatement(); ResultSet rs = s.executeQuery("SELECT current_database()")) {
            rs.next();
            current = rs.getString(1);
        }
        Optional<Endpoint> copy = original.forDatabase(name);
        if (copy.isEmpty()) {
            why.add("no scratch copy: the DataSource is not a PostgreSQL one, so the tracer cannot connect to a copy");
            return null;
        }
        try (Statement s = target.createStatement()) {
            s.execute("CREATE DATABASE " + Fixture.quote(name) + " TEMPLATE " + Fixture.quote(current));
        } catch (SQLException e) {
            why.add("no scratch copy (" + original.redact(TraceEngine.message(e)) + "): traced in place");
            return null;
        }
        return new Scratch(target, name, copy.get(), notes);
    }

    Connection open() throws SQLException {
        return endpoint.open();
    }

    Endpoint endpoint() {
        return endpoint;
    }

    String name() {
        return name;
    }

    @Override
    public void close() {
        close(PATIENCE_NANOS);
    }

    /** Drops the copy: WITH (FORCE) first, else a plain DROP, in turn for up to {@code patienceNanos}. */
    void close(long patienceNanos) {
        long deadline = System.nanoTime() + patienceNanos;
        try (Statement s = target.createStatement()) {
            while (true) {
                try {
                    s.execute("DROP DATABASE IF EXISTS " + Fixture.quote(name) + " WITH (FORCE)");
                    return;
                } catch (SQLException forced) {
                    if (!"42501".equals(forced.getSQLState())) {
                        throw forced;
                    }
                }
                try {
                    s.execute("DROP DATABASE IF EXISTS " + Fixture.quote(name));
                    return;
                } catch (SQLException plain) {
                    if (!"55006".equals(plain.getSQLState()) || System.nanoTime() >= deadline) {
                        throw plain;
                    }
                }
            }
        } catch (SQLException e) {
            notes.add("the scratch copy " + name + " could not be dropped (" + endpoint.redact(TraceEngine.message(e))
                    + "): drop it with DROP DATABASE " + Fixture.quote(name));
        }
    }
}
