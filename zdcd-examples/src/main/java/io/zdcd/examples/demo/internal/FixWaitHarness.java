package io.zdcd.examples.demo.internal;

import io.zdcd.classify.Migration;
import io.zdcd.analyzer.fix.FixFile;
import io.zdcd.analyzer.fix.FixResult;
import io.zdcd.analyzer.fix.MigrationFixer;
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
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * The {@code zdcd fix} harness of docs/fix.md: for each recipe, the worst wait of live reads and writes ("the old
 * code": reads by key, inserts and updates that respect every constraint the migration adds) on a table of
 * {@code --rows} rows (default 1,000,000) while (1) the original statement runs the naive way (plain JDBC, no
 * lock_timeout), then, after undoing it, (2) the expand files {@code MigrationFixer} wrote run through
 * {@code zdcd migrate} with its defaults, and (3) the contract files, the same way; first, one second of traffic with
 * no migration at all (the baseline: what the machine's load alone costs). Queries that fail are counted.
 * Run it with {@code scripts/fix-wait-harness.sh}; exit 0 when every fixed migration was applied with exit 0 and no
 * traffic query failed, 1 otherwise; the 100 ms bound is reported, never asserted.
 *
 * <p>Arguments: {@code [--rows N] [--readers N] [--writers N] [--database-url URL]}.
 */
public final class FixWaitHarness {
    private static final long TARGET_MS = 100;

    /** A recipe's migration, and the SQL that undoes its naive run so the fixed one starts from the same schema. */
    record Case(String name, String sql, String undo) {
    }

    /** One phase's traffic figures. */
    record Phase(long worstReadMs, long worstWriteMs, long queries, long failed, long millis) {
        long worst() {
            return Math.max(worstReadMs, worstWriteMs);
        }
    }

    static final List<Case> CASES = List.of(
            new Case("create_index", "CREATE INDEX orders_customer_idx ON orders (customer_id);",
                    "DROP INDEX orders_customer_idx;"),
            new Case("add_foreign_key", "ALTER TABLE orders ADD CONSTRAINT orders_customer_fk FOREIGN KEY (customer_id)"
                    + " REFERENCES customers (id);", "ALTER TABLE orders DROP CONSTRAINT orders_customer_fk;"),
            new Case("add_check", "ALTER TABLE orders ADD CONSTRAINT orders_amount_check CHECK (amount >= 0);",
                    "ALTER TABLE orders DROP CONSTRAINT orders_amount_check;"),
            new Case("set_not_null", "ALTER TABLE orders ALTER COLUMN note SET NOT NULL;",
                    "ALTER TABLE orders ALTER COLUMN note DROP NOT NULL;"),
            new Case("add_unique", "ALTER TABLE orders ADD CONSTRAINT orders_code_key UNIQUE (code);",
                    "ALTER TABLE orders DROP CONSTRAINT orders_code_key;"),
            new Case("add_column_volatile", "ALTER TABLE orders ADD COLUMN token uuid NOT NULL DEFAULT "
                    + "gen_random_uuid();", "ALTER TABLE orders DROP COLUMN token;"),
            new Case("update_all_rows", "UPDATE orders SET legacy = 'migrated';",
                    "UPDATE orders SET legacy = NULL;"),
            new Case("drop_column", "ALTER TABLE orders DROP COLUMN legacy;",
                    "ALTER TABLE orders ADD COLUMN legacy text;"));

    private final PostgresDatabase db;
    private final long rows;
    private final int readers;
    private final int writers;

    private FixWaitHarness(PostgresDatabase db, long rows, int readers, int writers) {
        this.db = db;
        this.rows = rows;
        this.readers = readers;
        this.writers = writers;
    }

    public static void main(String[] args) throws Exception {
        long rows = 1_000_000;
        int readers = 4;
        int writers = 2;
        String url = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--rows" -> rows = Long.parseLong(args[++i]);
                case "--readers" -> readers = Integer.parseInt(args[++i]);
                case "--writers" -> writers = Integer.parseInt(args[++i]);
                case "--database-url" -> url = args[++i];
                default -> {
                    System.err.println("unknown argument " + args[i]
                            + "; use [--rows N] [--readers N] [--writers N] [--database-url URL]");
                    System.exit(2);
                }
            }
        }
        try (DemoPostgresServer server = url == null ? DemoPostgresServer.embedded() : DemoPostgresServer.external(url)) {
            String name = "zdcd_fix_wait_harness";
            server.recreateDatabase(name);
            try {
                FixWaitHarness h = new FixWaitHarness(server.database(name), rows, readers, writers);
                System.exit(h.run(server.describe()));
            } finally {
                server.dropDatabase(name);
            }
        }
    }

    /** Runs every case on {@code db} (which must be empty) and prints the table; the exit code of {@link #main}. */
    static int run(PostgresDatabase db, long rows, int readers, int writers, String where) throws Exception {
        return new FixWaitHarness(db, rows, readers, writers).run(where);
    }

    private int run(String where) throws Exception {
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE customers (id bigint PRIMARY KEY, name text NOT NULL)");
            s.execute("INSERT INTO customers SELECT g, 'customer ' || g FROM generate_series(1, 1000) g");
            s.execute("CREATE TABLE orders (id bigserial PRIMARY KEY, customer_id bigint NOT NULL, amount int NOT NULL,"
                    + " note text, code text, legacy text)");
            s.execute("INSERT INTO orders (customer_id, amount, note, code) SELECT 1 + g % 1000, g % 500, 'order ' || g,"
                    + " 'c' || g FROM generate_series(1, " + rows + ") g");
            s.execute("ANALYZE");
        }
        System.out.printf(Locale.ROOT, "fix harness on %s: table orders, %,d rows; %d readers + %d writers%n", where,
                rows, readers, writers);
        System.out.printf("%-16s %-9s %14s %14s %9s %7s %9s %s%n", "recipe", "part", "worst read ms",
                "worst write ms", "queries", "failed", "took ms", "applied");
        Phase baseline = measure(() -> Thread.sleep(1000));
        print("(no migration)", "baseline", baseline, "-");
        long worstFixed = 0;
        boolean ok = true;
        for (Case k : CASES) {
            Phase naive = measure(() -> execute(k.sql));
            print(k.name, "naive", naive, "yes");
            execute(k.undo);
            FixResult fix = MigrationFixer.builder().liveSchema(db).build().fix(Migration.of(k.name, k.sql));
            if (!fix.isComplete()) {
                System.out.println(k.name + ": no complete fix: " + fix);
                ok = false;
                continue;
            }
            Path dir = Files.createTempDirectory("zdcd-fix-harness");
            try {
                for (FixFile f : fix.files()) {
                    Files.writeString(dir.resolve(f.name()), f.sql());
                }
                for (io.zdcd.classify.Phase part : List.of(io.zdcd.classify.Phase.EXPAND,
                        io.zdcd.classify.Phase.CONTRACT)) {
                    List<Path> files = fix.files().stream().filter(f -> f.phase() == part)
                            .map(f -> dir.resolve(f.name())).sorted(Comparator.comparing(Path::toString)).toList();
                    if (files.isEmpty()) {
                        continue;
                    }
                    int[] exit = new int[1];
                    Phase p = measure(() -> exit[0] = migrate(files));
                    print(k.name, part.name().toLowerCase(Locale.ROOT), p, exit[0] == 0 ? "yes" : "exit " + exit[0]);
                    ok &= exit[0] == 0 && p.failed == 0;
                    worstFixed = Math.max(worstFixed, p.worst());
                }
            } finally {
                try (Stream<Path> files = Files.list(dir)) {
                    for (Path f : (Iterable<Path>) files::iterator) {
                        Files.delete(f);
                    }
                }
                Files.delete(dir);
            }
        }
        System.out.printf(Locale.ROOT, "fixed migrations: every file applied with exit 0 and no failed query: %s; "
                + "worst wait %d ms: target <= %d ms %s%n", ok ? "yes" : "NO", worstFixed, TARGET_MS,
                worstFixed <= TARGET_MS ? "met" : "NOT met");
        return ok ? 0 : 1;
    }

    private static void print(String recipe, String part, Phase p, String applied) {
        System.out.printf(Locale.ROOT, "%-16s %-9s %14d %14d %9d %7d %9d %s%n", recipe, part, p.worstReadMs,
                p.worstWriteMs, p.queries, p.failed, p.millis, applied);
    }

    interface Action {
        void run() throws Exception;
    }

    /** Runs {@code action} under traffic and returns the traffic's figures while it ran. */
    private Phase measure(Action action) throws Exception {
        AtomicBoolean stop = new AtomicBoolean();
        AtomicBoolean counting = new AtomicBoolean();
        AtomicLong worstRead = new AtomicLong();
        AtomicLong worstWrite = new AtomicLong();
        AtomicLong queries = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        List<Throwable> broken = new CopyOnWriteArrayList<>();
        List<Thread> traffic = new ArrayList<>();
        for (int i = 0; i < readers + writers; i++) {
            boolean write = i >= readers;
            Thread t = new Thread(() -> traffic(write, stop, counting, write ? worstWrite : worstRead, queries, failed,
                    broken), "fix-harness-" + (write ? "writer" : "reader") + "-" + i);
            t.setDaemon(true);
            traffic.add(t);
            t.start();
        }
        Thread.sleep(300); // connections open, plans cached
        counting.set(true);
        long t0 = System.nanoTime();
        action.run();
        long millis = (System.nanoTime() - t0) / 1_000_000;
        Thread.sleep(200); // a query that waited on the last lock finishes and is counted
        stop.set(true);
        for (Thread t : traffic) {
            t.join(10_000);
        }
        if (!broken.isEmpty()) {
            throw new IllegalStateException("traffic could not run: " + broken.get(0), broken.get(0));
        }
        return new Phase(worstRead.get(), worstWrite.get(), queries.get(), failed.get(), millis);
    }

    private void traffic(boolean write, AtomicBoolean stop, AtomicBoolean counting, AtomicLong worst,
                         AtomicLong queries, AtomicLong failed, List<Throwable> broken) {
        try (Connection c = db.connect();
             PreparedStatement read = c.prepareStatement(
                     "SELECT customer_id, amount, note, code FROM orders WHERE id = ?");
             PreparedStatement insert = c.prepareStatement("INSERT INTO orders (customer_id, amount, note, code) "
                     + "VALUES (?, ?, 'new order', 'n' || nextval('orders_id_seq'))");
             PreparedStatement update = c.prepareStatement("UPDATE orders SET amount = amount + 1 WHERE id = ?")) {
            c.setAutoCommit(true);
            while (!stop.get()) {
                ThreadLocalRandom random = ThreadLocalRandom.current();
                long t0 = System.nanoTime();
                try {
                    if (!write) {
                        read.setLong(1, random.nextLong(1, rows + 1));
                        try (ResultSet rs = read.executeQuery()) {
                            rs.next();
                        }
                    } else if (random.nextBoolean()) {
                        insert.setLong(1, random.nextLong(1, 1001));
                        insert.setInt(2, random.nextInt(0, 500));
                        insert.executeUpdate();
                    } else {
                        update.setLong(1, random.nextLong(1, rows + 1));
                        update.executeUpdate();
                    }
                    if (counting.get()) {
                        queries.incrementAndGet();
                    }
                } catch (SQLException e) {
                    if (counting.get()) {
                        failed.incrementAndGet();
                    }
                }
                if (counting.get()) {
                    worst.accumulateAndGet((System.nanoTime() - t0) / 1_000_000, Math::max);
                }
                Thread.sleep(2);
            }
        } catch (Exception e) {
            broken.add(e);
        }
    }

    private void execute(String sql) throws SQLException {
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    /** {@code zdcd migrate --database-url ... FILE...}, in this process, with every default. */
    private int migrate(List<Path> files) {
        StringWriter out = new StringWriter();
        var cli = Zdcd.commandLine();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(out));
        List<String> args = new ArrayList<>(List.of("migrate", "--database-url", db.libpqUrlWithPassword()));
        files.forEach(f -> args.add(f.toString()));
        int exit = cli.execute(args.toArray(String[]::new));
        if (exit != 0) {
            System.out.println(out);
        }
        return exit;
    }
}
