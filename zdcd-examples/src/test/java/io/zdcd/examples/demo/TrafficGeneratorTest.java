package io.zdcd.examples.demo;

import static org.assertj.core.api.BDDAssertions.then;

import io.zdcd.examples.demo.internal.DemoSchema;
import io.zdcd.examples.demo.internal.Progress;
import io.zdcd.testing.PostgresExtension;
import io.zdcd.testing.TestDatabase;
import java.io.PrintStream;
import java.io.OutputStream;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(PostgresExtension.class)
class TrafficGeneratorTest {
    private static final long ROWS = 2000;
    private final DemoApp app = new DemoApp(ROWS);

    @BeforeAll
    static void schema(TestDatabase db) throws Exception {
        try (Connection c = db.connect()) {
            DemoSchema.create(c, ROWS, new Progress(new PrintStream(OutputStream.nullOutputStream()), false, "fill",
                    ROWS));
        }
    }

    @Test
    void counts_successes_and_failures_per_phase_and_follows_a_release_switch_at_once(TestDatabase db)
            throws Exception {
        // GIVEN traffic on v1
        LocalPlatform platform = new LocalPlatform("demo", app.v1());
        platform.register(app.v3());
        try (TrafficGenerator traffic = TrafficGenerator.builder().connections(db::connect).platform(platform)
                .threads(3).build()) {
            traffic.start("v1");
            waitFor(() -> traffic.insertedRows().size() >= 5);
            // WHEN v3, whose reads need a table no migration created, goes live
            PhaseStats v1 = traffic.phase("v3");
            platform.release("demo", io.zdcd.spi.Build.of("v3-display-names"), io.zdcd.spi.Progress.none());
            Thread.sleep(300);
            PhaseStats v3 = traffic.endPhase();

            // THEN
            then(v1.phase()).isEqualTo("v1");
            then(v1.succeeded()).isPositive();
            then(v1.failed()).isZero();
            then(v3.failed()).isPositive();
            then(v3.errors()).anySatisfy(e -> then(e).contains("account_settings"));
        }
    }

    @Test
    void the_worst_stall_is_the_longest_wait_on_a_lock_even_for_a_query_still_waiting(TestDatabase db)
            throws Exception {
        LocalPlatform platform = new LocalPlatform("demo", app.v1());
        try (TrafficGenerator traffic = TrafficGenerator.builder().connections(db::connect).platform(platform)
                .threads(2).build();
             Connection locker = db.connect()) {
            traffic.start("before");
            Thread.sleep(200);
            PhaseStats before = traffic.phase("locked");
            // WHEN a transaction holds an ACCESS EXCLUSIVE lock on accounts for 1.5 s
            locker.setAutoCommit(false);
            try (Statement s = locker.createStatement()) {
                s.execute("LOCK TABLE accounts IN ACCESS EXCLUSIVE MODE");
            }
            Thread.sleep(1500);
            PhaseStats whileLocked = traffic.phase("after");   // queries are still waiting now
            locker.commit();
            Thread.sleep(300);
            PhaseStats after = traffic.endPhase();

            // THEN
            then(before.worstStall()).isLessThan(Duration.ofMillis(1000));
            then(whileLocked.worstStall()).isGreaterThanOrEqualTo(Duration.ofMillis(1400));
            then(whileLocked.failed()).isZero();
            then(after.worstStall()).isGreaterThanOrEqualTo(Duration.ofMillis(1400));   // the waiters ended here
            then(after.succeeded()).isPositive();
        }
    }

    @Test
    void maintenance_mode_holds_traffic_back_and_closes_its_connections(TestDatabase db) throws Exception {
        LocalPlatform platform = new LocalPlatform("demo", app.v1());
        try (TrafficGenerator traffic = TrafficGenerator.builder().connections(db::connect).platform(platform)
                .threads(2).connectionPerRequest(false).build()) {
            traffic.start("open");
            waitFor(() -> connections(db) >= 2);
            traffic.phase("maintenance");
            // WHEN
            platform.maintenance("demo", true);
            waitFor(() -> connections(db) == 0);
            Thread.sleep(200);
            platform.maintenance("demo", false);
            PhaseStats window = traffic.endPhase();
            // THEN
            then(window.heldBack()).isPositive();
            then(window.maintenance()).isPositive();
            then(window.failed()).isZero();
        }
    }

    @Test
    void with_a_connection_per_request_a_database_copy_under_traffic_stalls_requests_and_fails_none(TestDatabase db)
            throws Exception {
        LocalPlatform platform = new LocalPlatform("demo", app.v1());
        java.util.Properties p = new java.util.Properties();
        p.setProperty("user", db.user());
        p.setProperty("password", db.password());
        try (TrafficGenerator traffic = TrafficGenerator.builder().connections(db::connect).platform(platform)
                .threads(4).build();
             Connection admin = java.sql.DriverManager.getConnection(
                     "jdbc:postgresql://" + db.host() + ":" + db.port() + "/postgres", p);
             Statement s = admin.createStatement()) {
            traffic.start("copy");
            waitFor(() -> traffic.insertedRows().size() >= 5);
            // WHEN the database is copied (CREATE DATABASE ... TEMPLATE needs every other session gone)
            s.execute("DROP DATABASE IF EXISTS " + db.name() + "_copy");
            s.execute("CREATE DATABASE " + db.name() + "_copy TEMPLATE " + db.name());
            Thread.sleep(200);
            PhaseStats copy = traffic.endPhase();
            s.execute("DROP DATABASE " + db.name() + "_copy");
            // THEN
            then(copy.failed()).as(copy.errors().toString()).isZero();
            then(copy.succeeded()).isPositive();
        }
    }

    private static long connections(TestDatabase db) {
        return ((Number) db.queryValue("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
                + "AND pid <> pg_backend_pid()")).longValue();
    }

    private static void waitFor(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within 20s");
            }
            Thread.sleep(20);
        }
    }
}
