package io.zdcd.examples.demo;

import io.zdcd.examples.demo.internal.DemoSchema;
import io.zdcd.examples.demo.internal.NaiveStory;
import io.zdcd.examples.demo.internal.DemoPostgresServer;
import io.zdcd.examples.demo.internal.Progress;
import io.zdcd.examples.demo.internal.Stage;
import io.zdcd.examples.demo.internal.Timeline;
import io.zdcd.examples.demo.internal.ZdcdStory;
import java.io.PrintStream;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The whole zdcd story on a real PostgreSQL under live traffic: the demo behind {@code zdcd demo}.
 *
 * <pre>{@code
 * DemoSummary summary = Demo.builder().rows(1_000_000).out(System.out).build().run();
 * System.out.print(summary.table());
 * }</pre>
 *
 * <p>It starts an embedded PostgreSQL (or uses {@link Builder#databaseUrl}), fills the demo table, and plays five
 * scenes with zdcd under traffic (a safe push deployed at once, a quiet night skipped, an unsafe push deferred, the
 * nightly build whose release fails its health check and is recovered, an unsafe push shipped at once with
 * {@code --fix} by expand/contract), then the same changes the naive way on a copy of the database, and returns the
 * summary.
 */
public final class Demo {
    /** The default number of rows in the demo table: 1,000,000. */
    public static final long DEFAULT_ROWS = 1_000_000;
    /** The fewest rows the demo accepts (tests use small tables). */
    public static final long MIN_ROWS = 1_000;

    static final String DATABASE = "zdcd_demo";
    static final String NAIVE_DATABASE = "zdcd_demo_naive";
    static final String CONTROL_DATABASE = "zdcd_demo_control";

    private final Optional<String> databaseUrl;
    private final long rows;
    private final int threads;
    private final Duration hold;
    private final boolean connectionPerRequest;
    private final PrintStream out;
    private final boolean terminal;

    private Demo(Builder b) {
        this.databaseUrl = Optional.ofNullable(b.databaseUrl);
        this.rows = b.rows;
        this.threads = b.threads;
        this.hold = b.hold;
        this.connectionPerRequest = b.connectionPerRequest;
        this.out = b.out;
        this.terminal = b.terminal;
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Runs the demo and returns its summary (also printed, with every scene's timeline, to the output).
     *
     * @throws IllegalArgumentException when the database URL is not a PostgreSQL JDBC URL
     * @throws IllegalStateException    when no server could be started or reached
     */
    public DemoSummary run() {
        long start = System.nanoTime();
        Timeline setup = new Timeline(out);
        out.println("zdcd demo: " + String.format(java.util.Locale.ROOT, "%,d", rows) + " rows, " + threads
                + " traffic threads " + (connectionPerRequest ? "(a new connection per request)"
                : "(each keeps its connection, as Django with CONN_MAX_AGE)")
                + ", a report transaction holding its lock " + seconds(hold));
        try (DemoPostgresServer server = setup.step(databaseUrl.isPresent() ? "connect to the PostgreSQL server"
                : "start the embedded PostgreSQL", this::server)) {
            try {
                setup.line("server: " + server.describe());
                setup.step("create the demo schema and fill accounts", () -> {
                    fill(server);
                    return null;
                });
                setup.step("copy the demo database for the naive runs", () -> {
                    server.copyDatabase(DATABASE, NAIVE_DATABASE);
                    server.recreateDatabase(CONTROL_DATABASE);
                    return null;
                });
                DemoApp app = new DemoApp(rows);
                Stage zdcdStage = new Stage(server, DATABASE, app, rows, out, terminal, threads, hold,
                        connectionPerRequest);
                Stage naiveStage = new Stage(server, NAIVE_DATABASE, app, rows, out, terminal, threads, hold,
                        connectionPerRequest);
                List<SceneResult> zdcd = new ZdcdStory(zdcdStage, CONTROL_DATABASE, classifier()).play();
                Map<Integer, SceneRun> naive = new NaiveStory(naiveStage).play();
                List<SceneResult> scenes = new ArrayList<>();
                for (SceneResult s : zdcd) {
                    scenes.add(new SceneResult(s.number(), s.title(), s.expected(), s.asExpected(), s.zdcd(),
                            Optional.ofNullable(naive.get(s.number()))));
                }
                DemoSummary summary = new DemoSummary(scenes, rows, Duration.ofNanos(System.nanoTime() - start),
                        server.describe());
                out.println();
                out.print(summary.table());
                return summary;
            } finally {
                if (databaseUrl.isPresent()) {
                    server.dropDatabases(DATABASE);   // zdcd_demo, zdcd_demo_naive, zdcd_demo_control, backups
                }
            }
        } catch (RuntimeException e) {
            throw e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("demo interrupted", e);
        } catch (Exception e) {
            throw new IllegalStateException("demo failed: " + Timeline.oneLine(e), e);
        }
    }

    private static io.zdcd.classify.MigrationClassifier classifier() {
        return io.zdcd.analyzer.SqlMigrationClassifier.defaults();
    }

    private DemoPostgresServer server() {
        return databaseUrl.map(DemoPostgresServer::external).orElseGet(DemoPostgresServer::embedded);
    }

    private void fill(DemoPostgresServer server) throws SQLException {
        server.recreateDatabase(DATABASE);
        try (Connection c = server.connect(DATABASE)) {
            DemoSchema.create(c, rows, new Progress(out, terminal, "rows inserted into accounts", rows));
        }
    }

    private static String seconds(Duration d) {
        return io.zdcd.examples.demo.internal.Durations.seconds(d);
    }

    @Override
    public String toString() {
        return "Demo[" + rows + " rows, " + threads + " threads, hold " + seconds(hold) + ", "
                + (databaseUrl.isPresent() ? "external server" : "embedded PostgreSQL") + "]";
    }

    /** Configures a {@link Demo}; every setting has a default. */
    public static final class Builder {
        private String databaseUrl;
        private long rows = DEFAULT_ROWS;
        private int threads = 4;
        private Duration hold = Duration.ofSeconds(4);
        private boolean connectionPerRequest;
        private PrintStream out = System.out;
        private boolean terminal = Progress.stdoutIsTerminal();

        private Builder() {
        }

        /**
         * A PostgreSQL server where the user may create databases, as a JDBC URL
         * ({@code jdbc:postgresql://host:5432/postgres?user=me&password=secret}) or a libpq URL
         * ({@code postgres://me:secret@host:5432/postgres}); the demo creates and drops its {@code zdcd_demo*}
         * databases there. (default: none, an embedded PostgreSQL is started)
         */
        public Builder databaseUrl(String url) {
            Objects.requireNonNull(url, "url");
            io.zdcd.jdbc.PostgresDatabase.fromUrl(url);   // IAE naming what is wrong, never the password
            this.databaseUrl = url;
            return this;
        }

        /** Rows in the demo table, at least {@link #MIN_ROWS}. (default: {@link #DEFAULT_ROWS}) */
        public Builder rows(long rows) {
            if (rows < MIN_ROWS) {
                throw new IllegalArgumentException("rows must be >= " + MIN_ROWS + ", was " + rows);
            }
            this.rows = rows;
            return this;
        }

        /** Traffic threads (concurrent users). (default: 4) */
        public Builder threads(int threads) {
            if (threads < 1 || threads > 32) {
                throw new IllegalArgumentException("threads must be between 1 and 32, was " + threads);
            }
            this.threads = threads;
            return this;
        }

        /** How long the long report transaction holds its lock during a migration. (default: 4 seconds) */
        public Builder hold(Duration hold) {
            Objects.requireNonNull(hold, "hold");
            if (hold.compareTo(Duration.ofMillis(500)) < 0 || hold.compareTo(Duration.ofMinutes(1)) > 0) {
                throw new IllegalArgumentException("hold must be between 0.5s and 60s, was " + seconds(hold));
            }
            this.hold = hold;
            return this;
        }

        /**
         * Whether each traffic request opens its own connection, as Django does with {@code CONN_MAX_AGE = 0}, instead
         * of each thread keeping its connection as a Django app on Heroku does with dj-database-url's
         * {@code conn_max_age=600}. A new connection costs a server process start (about 15 ms alone, 50-100 ms with
         * four threads on two cores), which then counts towards every request's stall. (default: false)
         */
        public Builder connectionPerRequest(boolean perRequest) {
            this.connectionPerRequest = perRequest;
            return this;
        }

        /** Where timelines, progress and the summary go. (default: {@code System.out}) */
        public Builder out(PrintStream out) {
            this.out = Objects.requireNonNull(out, "out");
            return this;
        }

        /** Whether the output is a terminal, so progress is redrawn in place. (default: detected) */
        public Builder terminal(boolean terminal) {
            this.terminal = terminal;
            return this;
        }

        public Demo build() {
            return new Demo(this);
        }
    }
}
