package io.zdcd.analyzer.trace;

import io.zdcd.analyzer.trace.internal.Endpoint;
import io.zdcd.analyzer.trace.internal.TraceEngine;
import io.zdcd.classify.Migration;
import io.zdcd.internal.Counts;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import javax.sql.DataSource;

/**
 * Runs migration statements on a real PostgreSQL and observes what each one does: the relation-level locks its
 * backend takes ({@code pg_locks}), rewrites ({@code pg_class.relfilenode}), column changes ({@code pg_attribute}),
 * constraint validity ({@code pg_constraint}), new INVALID indexes ({@code pg_index}), the timeouts in effect and
 * the errors PostgreSQL raises. The database is left as it was.
 *
 * <p>Each statement runs in a transaction that is rolled back. Where the server allows it, the tracer works in a
 * scratch copy of the database ({@code CREATE DATABASE ... TEMPLATE}, dropped afterwards), so the schema history,
 * the fixture rows and earlier statements can be committed and each statement's own locks are seen exactly;
 * statements that cannot run in a transaction ({@code CONCURRENTLY}, {@code VACUUM}) always run there. Otherwise it
 * works in place (see {@link TraceReport.Mode}).
 *
 * <pre>{@code
 * LockTracer tracer = LockTracer.builder()
 *         .jdbcUrl("jdbc:postgresql://localhost:5432/scratch?user=me&password=secret")
 *         .rows(1000)
 *         .build();
 * TraceReport report = tracer.trace(Migration.of("0003", "ALTER TABLE t ADD COLUMN c int NOT NULL"));
 * // TraceReport[0003 on PostgreSQL 17.7, scratch copy, 1000 rows per table, 1 statement, 1 failed]
 * }</pre>
 *
 * <p>It never picks a database by itself: the caller names one. It refuses a database with connections from other
 * clients unless {@link Builder#allowBusy(boolean)}. Thread-safe: a tracer holds no connection between calls.
 *
 * @since 0.1.0
 */
public final class LockTracer {
    /** Rows added to each touched table unless {@link Builder#rows(int)} says otherwise. */
    public static final int DEFAULT_ROWS = 100;
    /** How long one statement may run before the tracer cancels it, unless {@link Builder#timeout(Duration)}. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);

    private final Endpoint endpoint;
    private final boolean allowBusy;
    private final int rows;
    private final List<Migration> history;
    private final Duration timeout;
    private final boolean scratchCopy;

    private LockTracer(Builder b) {
        this.endpoint = b.endpoint;
        this.allowBusy = b.allowBusy;
        this.rows = b.rows;
        this.history = List.copyOf(b.history);
        this.timeout = b.timeout;
        this.scratchCopy = b.scratchCopy;
    }

    /**
     * A builder; set a database with {@code dataSource(...)} or {@code jdbcUrl(...)}.
     *
     * @return a new builder with the defaults: {@value #DEFAULT_ROWS} rows, a 60 s timeout, no schema history, a
     *         scratch copy when possible, and no database yet
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Traces one migration (its statements in order) after the schema history.
     *
     * @param migration the migration to trace; not null
     * @return what each statement did, in order; a statement PostgreSQL rejects is recorded there, not thrown
     * @throws TraceException when the database cannot be reached or used, or the schema history cannot be applied
     */
    public TraceReport trace(Migration migration) {
        Objects.requireNonNull(migration, "migration");
        return engine(history).trace(migration);
    }

    /**
     * Traces SQL text as one migration named {@code <inline>}.
     *
     * @param sql the migration's SQL, one or more statements; not null
     * @return what each statement did, in order, as {@link #trace(Migration)} returns it
     * @throws TraceException when the database cannot be reached or used, or the schema history cannot be applied
     */
    public TraceReport trace(String sql) {
        return trace(Migration.ofSql(sql));
    }

    /**
     * Traces migrations in the order they apply: each one after the schema history and every migration before it
     * in the list (as a folder of migrations applies).
     *
     * @param migrations the migrations in apply order; not null, and no element null
     * @return one report per migration, in the same order; an immutable list
     * @throws TraceException when the database cannot be reached or used, or the schema history cannot be applied
     */
    public List<TraceReport> traceAll(List<Migration> migrations) {
        List<TraceReport> reports = new ArrayList<>();
        List<Migration> before = new ArrayList<>(history);
        for (Migration m : migrations) {
            reports.add(engine(before).trace(m));
            before.add(m);
        }
        return List.copyOf(reports);
    }

    private TraceEngine engine(List<Migration> historyForThis) {
        return new TraceEngine(endpoint, allowBusy, rows, historyForThis, timeout, scratchCopy);
    }

    @Override
    public String toString() {
        return "LockTracer[" + endpoint + ", rows=" + rows + ", history=" + Counts.of(history.size(), "migration")
                + (allowBusy ? ", allowBusy" : "") + (scratchCopy ? "" : ", in place") + "]";
    }

    /** Configures a {@link LockTracer}; {@link #build()} checks that a database was named. */
    public static final class Builder {
        private Endpoint endpoint;
        private boolean allowBusy;
        private int rows = DEFAULT_ROWS;
        private final List<Migration> history = new ArrayList<>();
        private Duration timeout = DEFAULT_TIMEOUT;
        private boolean scratchCopy = true;

        private Builder() {
        }

        /**
         * The database to trace against (required: this or {@link #jdbcUrl(String)}).
         *
         * @param dataSource where the tracer gets its connections (none is held between calls); not null; the last
         *                   of this and {@link #jdbcUrl(String)} called wins
         * @return this builder
         */
        public Builder dataSource(DataSource dataSource) {
            this.endpoint = Endpoint.of(Objects.requireNonNull(dataSource, "dataSource"));
            return this;
        }

        /**
         * The database to trace against, as {@code jdbc:postgresql://host:port/db?user=u&password=p} or a libpq URL
         * {@code postgres://user:password@host:port/db} (as Heroku's {@code DATABASE_URL}). The password never
         * appears in messages or {@code toString()}. Required: this or {@link #dataSource(DataSource)}.
         *
         * @param url the database URL in either form, with the user and password in it; not null; IAE when it is
         *            not a PostgreSQL URL
         * @return this builder
         */
        public Builder jdbcUrl(String url) {
            this.endpoint = Endpoint.parse(Objects.requireNonNull(url, "url"));
            return this;
        }

        /**
         * Trace even when other clients are connected to the database (default: false, refuse).
         *
         * @param allowBusy true to trace while other clients are connected (no scratch copy can then be made, so
         *                  the tracer works in place); false to refuse with a {@link TraceException}
         * @return this builder
         */
        public Builder allowBusy(boolean allowBusy) {
            this.allowBusy = allowBusy;
            return this;
        }

        /**
         * Rows added to each table the migration touches (and the tables those reference) before tracing, so that
         * scans, rewrites and NOT NULL failures show (default: {@value LockTracer#DEFAULT_ROWS}; 0 adds none).
         *
         * @param rows the number of rows per table, 0 or more; IAE when negative
         * @return this builder
         */
        public Builder rows(int rows) {
            if (rows < 0) {
                throw new IllegalArgumentException("rows must be >= 0, was " + rows);
            }
            this.rows = rows;
            return this;
        }

        /**
         * Migrations applied, in order, before the traced ones: the schema history (default: none).
         *
         * @param migrations the migrations already applied in production, oldest first; appended after any history
         *                   set before; not null, and no element null
         * @return this builder
         */
        public Builder schemaHistory(List<Migration> migrations) {
            migrations.forEach(m -> history.add(Objects.requireNonNull(m, "migration")));
            return this;
        }

        /**
         * Appends one migration to the schema history.
         *
         * @param migration a migration applied before the traced ones, after the history set so far; not null
         * @return this builder
         */
        public Builder addHistory(Migration migration) {
            history.add(Objects.requireNonNull(migration, "migration"));
            return this;
        }

        /**
         * How long one statement may run before the tracer cancels it (default: 60 s).
         *
         * @param timeout the longest run of one statement; positive; IAE otherwise
         * @return this builder
         */
        public Builder timeout(Duration timeout) {
            Objects.requireNonNull(timeout, "timeout");
            if (timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("timeout must be positive, was " + timeout);
            }
            this.timeout = timeout;
            return this;
        }

        /**
         * Whether to work in a scratch copy of the database when the server allows it (default: true). With false,
         * transactional statements are traced in place; statements that cannot run in a transaction still need a
         * copy.
         *
         * @param scratchCopy true to prefer a scratch copy, false to trace transactional statements in place
         * @return this builder
         */
        public Builder scratchCopy(boolean scratchCopy) {
            this.scratchCopy = scratchCopy;
            return this;
        }

        /**
         * The tracer; throws {@link IllegalStateException} when no database was set.
         *
         * @return an immutable, thread-safe tracer with these settings
         */
        public LockTracer build() {
            if (endpoint == null) {
                throw new IllegalStateException("no database: call dataSource(...) or jdbcUrl(...)");
            }
            return new LockTracer(this);
        }
    }
}
