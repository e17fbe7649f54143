package io.zdcd.examples.demo.internal;

import io.zdcd.examples.cli.Zdcd;
import io.zdcd.jdbc.PostgresDatabase;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The lock-wait harness of the README: how long live reads and writes wait while a long transaction holds ACCESS SHARE
 * on a 100,000-row table and an {@code ALTER TABLE ... ADD COLUMN} is applied (1) by {@code zdcd migrate} with its
 * default settings, (2) the naive way (a plain statement, no lock_timeout), and (3) not at all (the baseline), several
 * runs, in one process, on an embedded PostgreSQL (or {@code --database-url}). Run it with
 * {@code scripts/lock-wait-harness.sh} (see the README). Exit 0 when every zdcd migration was applied with exit 0, 1
 * otherwise; the timing target is reported, never asserted.
 *
 * <p>Arguments: {@code [--runs N] [--hold-ms MS] [--readers N] [--writers N] [--database-url URL]}.
 */
public final class LockWaitHarness {
    private static final long TARGET_MS = 100;

    private final PostgresDatabase db;
    private final int readers;
    private final int writers;
    private final long holdMs;

    private LockWaitHarness(PostgresDatabase db, int readers, int writers, long holdMs) {
        this.db = db;
        this.readers = readers;
        this.writers = writers;
        this.holdMs = holdMs;
    }

    /** One mode's result in one run. */
    record Sample(String mode, long worstReadMs, long worstWriteMs, long queries, boolean applied, int exit) {
        long worst() {
            return Math.max(worstReadMs, worstWriteMs);
        }
    }

    public static void main(String[] args) throws Exception {
        int runs = 5;
        long hold = 3000;
        int readers = 4;
        int writers = 2;
        String url = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--runs" -> runs = Integer.parseInt(args[++i]);
                case "--hold-ms" -> hold = Long.parseLong(args[++i]);
                case "--readers" -> readers = Integer.parseInt(args[++i]);
                case "--writers" -> writers = Integer.parseInt(args[++i]);
                case "--database-url" -> url = args[++i];
                default -> {
                    System.err.println("unknown argument " + args[i]
                            + "; use [--runs N] [--hold-ms MS] [--readers N] [--writers N] [--database-url URL]");
                    System.exit(2);
                }
            }
        }
        try (DemoPostgresServer server = url == null ? DemoPostgresServer.embedded() : DemoPostgresServer.external(url)) {
            String name = "zdcd_lock_wait_harness";
            server.recreateDatabase(name);
            try {
                LockWaitHarness h = new LockWaitHarness(server.database(name), readers, writers, hold);
                System.exit(h.run(runs, server.describe()));
            } finally {
                server.dropDatabase(name);
            }
        }
    }

    private int run(int runs, String where) throws Exception {
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE items (id bigserial PRIMARY KEY, v int NOT NULL, note text)");
            s.execute("INSERT INTO items (v, note) SELECT g, 'item ' || g FROM generate_series(1, 100000) g");
            s.execute("ANALYZE items");
        }
        System.out.printf(Locale.ROOT, "lock-wait harness on %s: table items, 100,000 rows; a transaction holds ACCESS "
                + "SHARE for %d ms; %d readers + %d writers; %d runs%n", where, holdMs, readers, writers, runs);
        System.out.printf("%-4s %-9s %14s %14s %9s %8s %5s%n", "run", "mode", "worst read ms", "worst write ms",
                "queries", "applied", "exit");
        List<Sample> all = new ArrayList<>();
        for (int r = 1; r <= runs; r++) {
            for (String mode : List.of("baseline", "zdcd", "naive")) {
                Sample sample = once(mode, "c_" + mode + "_" + r);
                all.add(sample);
                System.out.printf(Locale.ROOT, "%-4d %-9s %14d %14d %9d %8s %5s%n", r, mode, sample.worstReadMs,
                        sample.worstWriteMs, sample.queries, mode.equals("baseline") ? "-" : sample.applied ? "yes"
                                : "NO", mode.equals("zdcd") ? String.valueOf(sample.exit) : "-");
            }
        }
        System.out.println();
        System.out.printf("%-9s %22s %22s%n", "mode", "median of worst waits", "worst of worst waits");
        for (String mode : List.of("baseline", "zdcd", "naive")) {
            long[] w = all.stream().filter(x -> x.mode.equals(mode)).mapToLong(Sample::worst).sorted().toArray();
            System.out.printf(Locale.ROOT, "%-9s %19d ms %19d ms%n", mode, median(w), w[w.length - 1]);
        }
        boolean applied = all.stream().filter(x -> x.mode.equals("zdcd")).allMatch(x -> x.applied && x.exit == 0);
        long zdcdWorst = all.stream().filter(x -> x.mode.equals("zdcd")).mapToLong(Sample::worst).max().orElse(0);
        System.out.printf(Locale.ROOT, "zdcd migrate (defaults): every migration applied with exit 0: %s; worst wait "
                + "%d ms: target <= %d ms %s%n", applied ? "yes" : "NO", zdcdWorst, TARGET_MS,
                zdcdWorst <= TARGET_MS ? "met" : "NOT met");
        return applied ? 0 : 1;
    }

    private static long median(long[] sorted) {
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    private Sample once(String mode, String column) throws Exception {
        AtomicBoolean stop = new AtomicBoolean();
        AtomicLong worstRead = new AtomicLong();
        AtomicLong worstWrite = new AtomicLong();
        AtomicLong queries = new AtomicLong();
        List<Thread> traffic = new ArrayList<>();
        List<Throwable> failures = new java.util.concurrent.CopyOnWriteArrayList<>();
        for (int i = 0; i < readers + writers; i++) {
            boolean write = i >= readers;
            Thread t = new Thread(() -> traffic(write, stop, write ? worstWrite : worstRead, queries, failures),
                    "harness-" + (write ? "writer" : "reader") + "-" + i);
            t.setDaemon(true);
            traffic.add(t);
            t.start();
        }
        Thread.sleep(300); // traffic settles: connections open, plans cached
        worstRead.set(0);
        worstWrite.set(0);
        queries.set(0);
        int exit = 0;
        try (Connection longTx = db.connect(); Statement s = longTx.createStatement()) {
            longTx.setAutoCommit(false);
            s.executeQuery("SELECT count(*) FROM items WHERE v > 50000").close(); // ACCESS SHARE until commit
            long start = System.nanoTime();
            Thread release = new Thread(() -> {
                sleepUntil(start, holdMs);
                try {
                    longTx.commit();
                } catch (SQLException e) {
                    failures.add(e);
                }
            }, "harness-long-transaction");
            release.start();
            Thread.sleep(200);
            String sql = "ALTER TABLE items ADD COLUMN " + column + " int";
            switch (mode) {
                case "zdcd" -> exit = zdcdMigrate(sql, column);
                case "naive" -> {
                    try (Connection m = db.connect(); Statement ms = m.createStatement()) {
                        ms.execute(sql);
                    }
                }
                default -> { }
            }
            release.join();
        }
        Thread.sleep(300);
        stop.set(true);
        for (Thread t : traffic) {
            t.join(10_000);
        }
        if (!failures.isEmpty()) {
            throw new IllegalStateException("traffic failed: " + failures.get(0), failures.get(0));
        }
        return new Sample(mode, worstRead.get(), worstWrite.get(), queries.get(), hasColumn(column), exit);
    }

    /** {@code zdcd migrate --database-url ... <file>}, in this process, with every default. */
    private int zdcdMigrate(String sql, String name) throws Exception {
        Path dir = Files.createTempDirectory("zdcd-harness");
        Path file = dir.resolve("V1__" + name + ".sql");
        Files.writeString(file, sql + ";\n");
        StringWriter out = new StringWriter();
        var cli = Zdcd.commandLine();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(out));
        int exit = cli.execute("migrate", "--database-url", db.libpqUrlWithPassword(), file.toString());
        if (exit != 0) {
            System.out.println(out);
        }
        Files.delete(file);
        Files.delete(dir);
        // the next run's file is V1__ again: forget this one in zdcd's history
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            s.execute("DELETE FROM zdcd.applied_migrations");
        }
        return exit;
    }

    private void traffic(boolean write, AtomicBoolean stop, AtomicLong worst, AtomicLong queries,
                         List<Throwable> failures) {
        try (Connection c = db.connect();
             PreparedStatement read = c.prepareStatement("SELECT v, note FROM items WHERE id = ?");
             PreparedStatement update = c.prepareStatement("UPDATE items SET v = v + 1 WHERE id = ?")) {
            while (!stop.get()) {
                long id = ThreadLocalRandom.current().nextLong(1, 100_001);
                long t0 = System.nanoTime();
                if (write) {
                    update.setLong(1, id);
                    update.executeUpdate();
                } else {
                    read.setLong(1, id);
                    try (ResultSet rs = read.executeQuery()) {
                        rs.next();
                    }
                }
                worst.accumulateAndGet((System.nanoTime() - t0) / 1_000_000, Math::max);
                queries.incrementAndGet();
                Thread.sleep(2);
            }
        } catch (Exception e) {
            failures.add(e);
        }
    }

    private boolean hasColumn(String column) throws SQLException {
        try (Connection c = db.connect(); PreparedStatement p = c.prepareStatement(
                "SELECT count(*) FROM information_schema.columns WHERE table_name = 'items' AND column_name = ?")) {
            p.setString(1, column);
            try (ResultSet rs = p.executeQuery()) {
                rs.next();
                return rs.getInt(1) == 1;
            }
        }
    }

    private static void sleepUntil(long start, long ms) {
        long left = ms - (System.nanoTime() - start) / 1_000_000;
        if (left > 0) {
            try {
                Thread.sleep(left);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
