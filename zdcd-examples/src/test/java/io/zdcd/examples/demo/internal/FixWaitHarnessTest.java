package io.zdcd.examples.demo.internal;

import static org.assertj.core.api.BDDAssertions.then;

import io.zdcd.jdbc.PostgresDatabase;
import io.zdcd.testing.PostgresExtension;
import io.zdcd.testing.TestDatabase;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The fix-wait harness of docs/fix.md on a small table: every recipe's fix is complete and applied by
 * {@code zdcd migrate} under traffic with no failed query, and the final schema has what the original migrations
 * give. Timings are printed, never asserted.
 */
@ExtendWith(PostgresExtension.class)
class FixWaitHarnessTest {

    @Test
    void every_recipe_is_fixed_and_applied_under_traffic_without_a_failed_query(TestDatabase test) throws Exception {
        PostgresDatabase db = PostgresDatabase.of(test.host(), test.port(), test.name(), test.user(), test.password());
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = System.out;
        int exit;
        System.setOut(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        try {
            exit = FixWaitHarness.run(db, 5_000, 2, 1, "the test database");
        } finally {
            System.setOut(out);
        }
        String text = bytes.toString(StandardCharsets.UTF_8);

        then(exit).as(text).isZero();
        then(text).contains("every file applied with exit 0 and no failed query: yes");
        for (FixWaitHarness.Case k : FixWaitHarness.CASES) {
            then(text).as(text).containsPattern("(?m)^" + k.name() + " +naive ")
                    .containsPattern("(?m)^" + k.name() + " +(expand|contract) ");
        }
        try (Connection c = db.connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                "SELECT (SELECT count(*) FROM pg_constraint WHERE conname IN ('orders_customer_fk',"
                        + " 'orders_amount_check', 'orders_code_key') AND convalidated),"
                        + " (SELECT attnotnull FROM pg_attribute WHERE attrelid = 'orders'::regclass"
                        + " AND attname = 'note'),"
                        + " (SELECT count(*) FROM pg_attribute WHERE attrelid = 'orders'::regclass"
                        + " AND attname = 'legacy' AND NOT attisdropped),"
                        + " (SELECT indisvalid FROM pg_index WHERE indexrelid = 'orders_customer_idx'::regclass),"
                        + " (SELECT count(*) FROM orders WHERE token IS NULL),"
                        + " (SELECT attnotnull FROM pg_attribute WHERE attrelid = 'orders'::regclass"
                        + " AND attname = 'token')")) {
            rs.next();
            then(rs.getInt(1)).as("validated constraints").isEqualTo(3);
            then(rs.getBoolean(2)).as("note NOT NULL").isTrue();
            then(rs.getInt(3)).as("legacy dropped").isZero();
            then(rs.getBoolean(4)).as("index valid").isTrue();
            then(rs.getInt(5)).as("rows without a token after the backfill").isZero();
            then(rs.getBoolean(6)).as("token NOT NULL").isTrue();
        }
    }
}
