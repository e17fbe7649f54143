package io.zdcd.examples.demo.internal;

import io.zdcd.examples.demo.TrafficGenerator.ConnectionSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A long-running report: a transaction that reads {@code accounts} (so it holds an ACCESS SHARE lock on it) and stays
 * open for a while. Any ALTER TABLE on {@code accounts} must wait for it; without a lock_timeout, the ALTER's waiting
 * ACCESS EXCLUSIVE request then queues every later query on the table behind it.
 */
public final class LongTransaction implements AutoCloseable {
    private final Thread thread;
    private final CountDownLatch holding = new CountDownLatch(1);
    private final CountDownLatch done = new CountDownLatch(1);
    private volatile Exception failure;

    private LongTransaction(ConnectionSource connections, Duration hold) {
        thread = new Thread(() -> run(connections, hold), "zdcd-demo-long-transaction");
        thread.setDaemon(true);
    }

    /** Starts the transaction and returns once it holds its lock. */
    public static LongTransaction start(ConnectionSource connections, Duration hold) {
        LongTransaction t = new LongTransaction(connections, hold);
        t.thread.start();
        try {
            if (!t.holding.await(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the long transaction did not start within 30s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting the long transaction", e);
        }
        if (t.failure != null) {
            throw new IllegalStateException("the long transaction failed: " + t.failure.getMessage(), t.failure);
        }
        return t;
    }

    private void run(ConnectionSource connections, Duration hold) {
        try (Connection c = connections.open()) {
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                s.execute("SELECT count(*) FROM accounts WHERE balance > 500");
                holding.countDown();
                s.execute("SELECT pg_sleep(" + hold.toMillis() / 1000.0 + ")");
            }
            c.commit();
        } catch (SQLException e) {
            failure = e;
        } finally {
            holding.countDown();
            done.countDown();
        }
    }

    /** Waits for the transaction to commit. */
    @Override
    public void close() {
        try {
            done.await(5, TimeUnit.MINUTES);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
