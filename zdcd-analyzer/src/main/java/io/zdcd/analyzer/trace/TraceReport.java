package io.zdcd.analyzer.trace;

import io.zdcd.internal.Counts;
import java.util.List;
import java.util.Objects;

/**
 * What a migration did, statement by statement, on a real PostgreSQL; the database was left as it was.
 *
 * <p>{@code toString()} reads like
 * {@code TraceReport[shop/0003_add_rating.sql on PostgreSQL 17.7, scratch copy, 100 rows per table, 4 statements, 1 failed]}.
 *
 * @param migration       the migration's name
 * @param postgresVersion the server's major version, for example 17
 * @param serverVersion   the server's full version, for example {@code 17.7}
 * @param mode            where the statements ran
 * @param rows            rows added to each touched table before tracing
 * @param statements      one trace per statement, transaction control included, in order
 * @param notes           how the fixture was built (tables filled, tables that could not be filled)
 */
public record TraceReport(String migration, int postgresVersion, String serverVersion, Mode mode, int rows,
                          List<StatementTrace> statements, List<String> notes) {

    /** Where the tracer ran the statements. */
    public enum Mode {
        /**
         * In a scratch database copied from the one given ({@code CREATE DATABASE ... TEMPLATE}), dropped afterwards:
         * the schema history, the fixture rows and each earlier statement are committed there, so each statement's
         * own locks are observed exactly.
         */
        SCRATCH_COPY,
        /**
         * In the database given, one transaction per statement, rolled back: the history, the fixture rows and the
         * earlier statements are replayed in that transaction (used when no copy can be made: the user may not
         * create databases, or other clients are connected).
         */
        IN_PLACE
    }

    /**
     * Copies the lists; {@code migration}, {@code serverVersion} and {@code mode} must not be null.
     *
     * @param migration       the migration's name; not null
     * @param postgresVersion the server's major version
     * @param serverVersion   the server's full version; not null
     * @param mode            where the statements ran; not null
     * @param rows            the fixture rows per touched table
     * @param statements      the statement traces, in order; copied
     * @param notes           remarks on the fixture; copied
     */
    public TraceReport {
        Objects.requireNonNull(migration, "migration");
        Objects.requireNonNull(serverVersion, "serverVersion");
        Objects.requireNonNull(mode, "mode");
        statements = List.copyOf(statements);
        notes = List.copyOf(notes);
    }

    /**
     * The statements PostgreSQL rejected.
     *
     * @return the traces of {@link #statements()} that {@link StatementTrace#failed() failed}, in order; empty when
     *         every statement ran
     */
    public List<StatementTrace> failures() {
        return statements.stream().filter(StatementTrace::failed).toList();
    }

    /**
     * One line per statement, for people.
     *
     * @return a heading line (migration, server version, mode, rows), then one indented line per statement and
     *         per note, each ending with a line break
     */
    public String describe() {
        StringBuilder sb = new StringBuilder(migration).append(" on PostgreSQL ").append(serverVersion).append(" (")
                .append(mode == Mode.SCRATCH_COPY ? "scratch copy" : "in place").append(", ").append(rows)
                .append(" rows per touched table)\n");
        for (StatementTrace s : statements) {
            sb.append("  ").append(s).append('\n');
        }
        notes.forEach(n -> sb.append("  note: ").append(n).append('\n'));
        return sb.toString();
    }

    @Override
    public String toString() {
        long failed = failures().size();
        return "TraceReport[" + migration + " on PostgreSQL " + serverVersion + ", "
                + (mode == Mode.SCRATCH_COPY ? "scratch copy" : "in place") + ", " + rows + " rows per table, "
                + Counts.of(statements.size(), "statement") + (failed == 0 ? "" : ", " + failed + " failed") + "]";
    }
}
