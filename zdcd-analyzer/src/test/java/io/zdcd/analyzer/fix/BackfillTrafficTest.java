package io.zdcd.analyzer.fix;

import static io.zdcd.analyzer.fix.MigrationFixerTest.apply;
import static io.zdcd.analyzer.fix.MigrationFixerTest.connect;
import static io.zdcd.analyzer.fix.MigrationFixerTest.run;
import static org.assertj.core.api.BDDAssertions.then;

import io.zdcd.classify.Migration;
import io.zdcd.testing.PostgresExtension;
import io.zdcd.testing.TestDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The backfill recipe under live traffic (the old code's point reads, updates and inserts in three threads): no query
 * fails and every row is filled. The worst wait of a traffic query, while the expand files run and while the original
 * statement runs, is printed, never asserted. Rows: {@code -Dzdcd.test.backfill.rows} (default 100,000; the issue's
 * figure is for 1,000,000).
 */
@ExtendWith(PostgresExtension.class)
class BackfillTrafficTest {
    private static final int ROWS = Integer.getInteger("zdcd.test.backfill.rows", 100_000);
    private static final String SCHEMA = "CREATE TABLE shop_order (id bigint PRIMARY KEY, reference text NOT NULL, "
            + "note text, total numeric(10, 2) NOT NULL);";
    private static final String SQL = "ALTER TABLE shop_order ADD COLUMN token uuid DEFAULT gen_random_uuid() NOT NULL;";

    @Test
    void the_old_codes_queries_keep_running_while_the_backfill_runs(TestDatabase db) throws Exception {
        FixResult fix = MigrationFixer.builder().schema(SCHEMA).build().fix(Migration.of("0201_token.sql", SQL));
        then(fix.isComplete()).as(fix.statements().toString()).isTrue();

        Traffic expand = underTraffic(db, "bt_fixed", c -> {
            for (FixFile f : fix.expandFiles()) {
                apply(c, f);
            }
        });
        Traffic original = underTraffic(db, "bt_orig", c -> run(c, SQL));

        then(expand.failures).as(expand.firstFailure).isZero();
        then(expand.queries).isPositive();
        try (Connection c = connect(db, "bt_fixed"); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(*) FILTER (WHERE token IS NULL), count(*) FROM shop_order")) {
            rs.next();
            then(rs.getLong(1)).isZero();
            then(rs.getLong(2)).isGreaterThanOrEqualTo(ROWS);
        }
        System.out.printf("backfill under traffic, %,d rows: expand files %d ms, worst traffic wait %d ms (%d queries);"
                + " original ALTER TABLE %d ms, worst traffic wait %d ms (%d queries)%n", ROWS, expand.millis,
                expand.worstMillis, expand.queries, original.millis, original.worstMillis, original.queries);
    }

    interface Work {
        void run(Connection c) throws SQLException;
    }

    record Traffic(long millis, long worstMillis, long queries, int failures, String firstFailure) {
    }

    private static Traffic underTraffic(TestDatabase db, String schema, Work work) throws Exception {
        db.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE", "CREATE SCHEMA " + schema);
        try (Connection c = connect(db, schema)) {
            run(c, SCHEMA);
            run(c, "INSERT INTO shop_order SELECT g, 'r' || g, NULL, g FROM generate_series(1, " + ROWS + ") g");
            run(c, "VACUUM ANALYZE shop_order");
        }
        AtomicBoolean stop = new AtomicBoolean();
        AtomicLong worst = new AtomicLong();
        AtomicLong queries = new AtomicLong();
        AtomicInteger failures = new AtomicInteger();
        List<String> firstFailure = java.util.Collections.synchronizedList(new ArrayList<>());
        AtomicLong nextId = new AtomicLong(10L * ROWS);
        List<String> ops = List.of("SELECT reference, note FROM shop_order WHERE id = ?",
                "UPDATE shop_order SET note = 'seen' WHERE id = ?",
                "INSERT INTO shop_order (id, reference, total) VALUES (?, 'old code', 1)");
        List<Thread> threads = new ArrayList<>();
        for (String op : ops) {
            Thread t = new Thread(() -> {
                try (Connection c = connect(db, schema); PreparedStatement ps = c.prepareStatement(op)) {
                    while (!stop.get()) {
                        ps.setLong(1, op.startsWith("INSERT") ? nextId.incrementAndGet()
                                : 1 + ThreadLocalRandom.current().nextLong(ROWS));
                        long t0 = System.nanoTime();
                        try {
                            ps.execute();
                        } catch (SQLException e) {
                            failures.incrementAndGet();
                            firstFailure.add(e.getMessage());
                        }
                        worst.accumulateAndGet((System.nanoTime() - t0) / 1_000_000, Math::max);
                        queries.incrementAndGet();
                    }
                } catch (SQLException e) {
                    failures.incrementAndGet();
                    firstFailure.add(e.getMessage());
                }
            });
            t.start();
            threads.add(t);
        }
        long t0 = System.nanoTime();
        try (Connection c = connect(db, schema)) {
            work.run(c);
        } finally {
            stop.set(true);
            for (Thread t : threads) {
                t.join();
            }
        }
        return new Traffic((System.nanoTime() - t0) / 1_000_000, worst.get(), queries.get(), failures.get(),
                firstFailure.isEmpty() ? "" : firstFailure.get(0));
    }
}
