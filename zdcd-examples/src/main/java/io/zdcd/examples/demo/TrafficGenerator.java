package io.zdcd.examples.demo;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;

/**
 * Live traffic for the demo: several threads, each with its own database connection, running the current release's
 * reads and writes for as long as the generator runs, and counting per phase the successes, the failures, the
 * requests held back by maintenance mode and the worst stall (the longest time one query waited for its answer).
 *
 * <pre>{@code
 * try (TrafficGenerator traffic = TrafficGenerator.builder().connections(db::connect).platform(platform).build()) {
 *     traffic.start("scene 1");
 *     ... deploy ...
 *     PhaseStats stats = traffic.endPhase();
 * }
 * }</pre>
 *
 * <p>Each thread reads {@link LocalPlatform#current()} before every request, so a release switch takes effect at once.
 * By default each request opens its own connection, as a Django app does with its default {@code CONN_MAX_AGE = 0};
 * the time to connect counts towards the request's stall. While the platform is in maintenance mode, threads hold no
 * connection (as an app behind a maintenance page) and count each request as held back.
 */
public final class TrafficGenerator implements AutoCloseable {
    /** Opens a new database connection for one traffic thread. */
    @FunctionalInterface
    public interface ConnectionSource {
        Connection open() throws SQLException;
    }

    private final ConnectionSource connections;
    private final LocalPlatform platform;
    private final int threads;
    private final double writeShare;
    private final Duration pause;
    private final Duration backoff;
    private final boolean connectionPerRequest;
    private final List<Worker> workers = new ArrayList<>();
    private final Queue<DataAccess.InsertedRow> inserted = new ConcurrentLinkedQueue<>();
    private volatile Phase phase = new Phase("(before start)", Duration.ZERO);
    private volatile boolean running;

    private TrafficGenerator(Builder b) {
        this.connections = b.connections;
        this.platform = b.platform;
        this.threads = b.threads;
        this.writeShare = b.writeShare;
        this.pause = b.pause;
        this.backoff = b.backoff;
        this.connectionPerRequest = b.connectionPerRequest;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Starts the threads; their requests count towards phase {@code firstPhase}. */
    public synchronized void start(String firstPhase) {
        if (running) {
            throw new IllegalStateException("traffic already started");
        }
        phase = new Phase(firstPhase, platform.maintenanceTime());
        running = true;
        for (int i = 0; i < threads; i++) {
            Worker w = new Worker(i);
            workers.add(w);
            w.thread.start();
        }
    }

    /** Ends the current phase (see {@link #endPhase()}) and starts counting towards {@code name}. */
    public synchronized PhaseStats phase(String name) {
        PhaseStats ended = snapshot(phase);
        phase = new Phase(name, platform.maintenanceTime());
        return ended;
    }

    /** Ends the current phase and returns what it saw; later requests count towards an unnamed phase. */
    public PhaseStats endPhase() {
        return phase("(between phases)");
    }

    /** Every row a write inserted and whose commit the app saw succeed, oldest first. */
    public List<DataAccess.InsertedRow> insertedRows() {
        return List.copyOf(inserted);
    }

    /** Whether the threads run. */
    public boolean isRunning() {
        return running;
    }

    private PhaseStats snapshot(Phase p) {
        long now = System.nanoTime();
        long worst = p.worstStallNanos.get();
        for (Worker w : workers) {
            long since = w.inFlightSince;
            if (since != 0) {
                worst = Math.max(worst, now - since);   // a query still waiting counts as stalled so far
            }
        }
        Duration maintenance = platform.maintenanceTime().minus(p.maintenanceAtStart);
        return new PhaseStats(p.name, p.succeeded.sum(), p.failed.sum(), p.heldBack.sum(), Duration.ofNanos(worst),
                maintenance.isNegative() ? Duration.ZERO : maintenance, Duration.ofNanos(now - p.startNanos),
                List.copyOf(p.errors));
    }

    /** Stops the threads (waiting for their current query) and closes their connections. */
    @Override
    public synchronized void close() {
        running = false;
        for (Worker w : workers) {
            LockSupport.unpark(w.thread);
        }
        for (Worker w : workers) {
            try {
                w.thread.join(Duration.ofSeconds(30).toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        workers.clear();
    }

    @Override
    public String toString() {
        return "TrafficGenerator[" + threads + " threads, " + Math.round(writeShare * 100) + "% writes, "
                + (running ? "running, phase " + phase.name : "stopped") + "]";
    }

    /** The counters of one phase; threads add to whichever phase is current when their query ends. */
    private static final class Phase {
        final String name;
        final Duration maintenanceAtStart;
        final long startNanos = System.nanoTime();
        final LongAdder succeeded = new LongAdder();
        final LongAdder failed = new LongAdder();
        final LongAdder heldBack = new LongAdder();
        final AtomicLong worstStallNanos = new AtomicLong();
        final Set<String> errors = java.util.Collections.synchronizedSet(new LinkedHashSet<>());

        Phase(String name, Duration maintenanceAtStart) {
            this.name = name;
            this.maintenanceAtStart = maintenanceAtStart;
        }

        void error(Exception e) {
            if (errors.size() < 5) {
                String m = e.getMessage() == null ? e.toString() : e.getMessage();
                int nl = m.indexOf('\n');
                errors.add(nl < 0 ? m : m.substring(0, nl));
            }
        }
    }

    private final class Worker implements Runnable {
        final Thread thread;
        final SplittableRandom random;
        volatile long inFlightSince;
        Connection connection;

        Worker(int index) {
            this.random = new SplittableRandom(42 + index);
            this.thread = new Thread(this, "zdcd-demo-traffic-" + index);
            thread.setDaemon(true);
        }

        @Override
        public void run() {
            try {
                while (running) {
                    if (platform.inMaintenance()) {
                        closeConnection();
                        phase.heldBack.increment();
                        LockSupport.parkNanos(backoff.toNanos());
                        continue;
                    }
                    request();
                    LockSupport.parkNanos(pause.toNanos());
                }
            } finally {
                closeConnection();
            }
        }

        private void request() {
            AppBuild release = platform.current();
            boolean write = random.nextDouble() < writeShare;
            long start = System.nanoTime();
            inFlightSince = start;
            try {
                if (connection == null) {
                    connection = connections.open();
                }
                if (write) {
                    release.code().write(connection, random).ifPresent(inserted::add);
                } else {
                    release.code().read(connection, random);
                }
                long stall = System.nanoTime() - start;
                inFlightSince = 0;
                Phase p = phase;
                p.succeeded.increment();
                p.worstStallNanos.accumulateAndGet(stall, Math::max);
            } catch (SQLException | RuntimeException e) {
                long stall = System.nanoTime() - start;
                inFlightSince = 0;
                Phase p = phase;
                p.failed.increment();
                p.worstStallNanos.accumulateAndGet(stall, Math::max);
                p.error(e);
                if (!usable()) {
                    closeConnection();
                    LockSupport.parkNanos(backoff.toNanos());
                }
            } finally {
                if (connectionPerRequest) {
                    closeConnection();
                }
            }
        }

        private boolean usable() {
            try {
                return connection != null && connection.isValid(2);
            } catch (SQLException e) {
                return false;
            }
        }

        private void closeConnection() {
            if (connection != null) {
                try {
                    connection.close();
                } catch (SQLException ignored) {
                    // the server may already have closed it
                }
                connection = null;
            }
        }
    }

    /** Builds a {@link TrafficGenerator}; {@code connections} and {@code platform} are required. */
    public static final class Builder {
        private ConnectionSource connections;
        private LocalPlatform platform;
        private int threads = 4;
        private double writeShare = 0.3;
        private Duration pause = Duration.ofMillis(5);
        private Duration backoff = Duration.ofMillis(50);
        private boolean connectionPerRequest = true;

        private Builder() {
        }

        /**
         * Whether each request opens its own connection and closes it at the end, as Django does by default
         * ({@code CONN_MAX_AGE = 0}), rather than keeping one per thread. (default: true)
         */
        public Builder connectionPerRequest(boolean perRequest) {
            this.connectionPerRequest = perRequest;
            return this;
        }

        /** Where each thread gets its connection (required). */
        public Builder connections(ConnectionSource connections) {
            this.connections = Objects.requireNonNull(connections, "connections");
            return this;
        }

        /** The platform whose current release the traffic runs (required). */
        public Builder platform(LocalPlatform platform) {
            this.platform = Objects.requireNonNull(platform, "platform");
            return this;
        }

        /** Number of concurrent users (default: 4). */
        public Builder threads(int threads) {
            if (threads < 1) {
                throw new IllegalArgumentException("threads must be >= 1, was " + threads);
            }
            this.threads = threads;
            return this;
        }

        /** Share of requests that write, 0 to 1 (default: 0.3). */
        public Builder writeShare(double writeShare) {
            if (!(writeShare >= 0 && writeShare <= 1)) {
                throw new IllegalArgumentException("writeShare must be between 0 and 1, was " + writeShare);
            }
            this.writeShare = writeShare;
            return this;
        }

        /** Think time of each thread between two requests (default: 5 ms). */
        public Builder pause(Duration pause) {
            this.pause = nonNegative(pause, "pause");
            return this;
        }

        /** How long a thread waits after a maintenance page or a broken connection (default: 50 ms). */
        public Builder backoff(Duration backoff) {
            this.backoff = nonNegative(backoff, "backoff");
            return this;
        }

        private static Duration nonNegative(Duration d, String name) {
            Objects.requireNonNull(d, name);
            if (d.isNegative()) {
                throw new IllegalArgumentException(name + " must not be negative, was " + d);
            }
            return d;
        }

        public TrafficGenerator build() {
            if (connections == null) {
                throw new IllegalStateException("connections == null");
            }
            if (platform == null) {
                throw new IllegalStateException("platform == null");
            }
            return new TrafficGenerator(this);
        }
    }
}
