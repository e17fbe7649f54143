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
 */
final class Scratch implements AutoCloseable {
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Connection target;
    private final String name;
    private final Endpoint endpoint;

    private Scratch(Connection target, String name, Endpoint endpoint) {
        this.target = target;
        this.name = name;
        this.endpoint = endpoint;
    }

    /** A new scratch copy, or null with the reason added to {@code why}. */
    static Scratch create(Connection target, Endpoint original, List<String> why) throws SQLException {
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
        return new Scratch(target, name, copy.get());
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
    public void close() throws SQLException {
        try (Statement s = target.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + Fixture.quote(name) + " WITH (FORCE)");
        }
    }
}
