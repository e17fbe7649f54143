package io.zdcd.jdbc;

import static org.assertj.core.api.BDDAssertions.then;

import io.zdcd.spi.MigrationResult;
import io.zdcd.spi.PendingMigration;
import io.zdcd.spi.Progress;
import io.zdcd.spi.StatementResult;
import io.zdcd.testing.PostgresExtension;
import io.zdcd.testing.TestDatabase;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The JDBC migration runner on a real PostgreSQL: lock_timeout and retries, CONCURRENTLY, history, failures. */
@ExtendWith(PostgresExtension.class)
class JdbcMigrationRunnerTest {
    static final Duration LOCK_TIMEOUT = Duration.ofMillis(300);
    PostgresDatabase db;
    TestDatabase test;

    @BeforeEach
    void setUp(TestDatabase test) {
        this.test = test;
        db = PostgresDatabase.of(test.host(), test.port(), test.name(), test.user(), test.password());
        test.execute("DROP SCHEMA IF EXISTS zdcd CASCADE", "DROP TABLE IF EXISTS t",
                "CREATE TABLE t (id bigserial PRIMARY KEY, v int)", "INSERT INTO t (v) SELECT g FROM generate_series(1, 1000) g");
    }

    private JdbcMigrationRunner runner() {
        return JdbcMigrationRunner.builder(db)
                .lockPolicy(LockPolicy.custom().firstLockTimeout(LOCK_TIMEOUT).maxLockTimeout(LOCK_TIMEOUT)
                        .initialBackoff(Duration.ofMillis(100)).maxBackoff(Duration.ofMillis(400))
                        .budget(Duration.ofSeconds(60)).build())
                .build();
    }

    /**
     * While a long transaction holds a lock on the table, traffic on that table waits on zdcd's migration for at most
     * about the lock timeout (the migration gives up its place in the lock queue and retries), whereas a plain
     * {@code ALTER TABLE} queues behind the transaction and stalls the traffic for the transaction's whole length.
     */
    @Test
    void traffic_never_waits_on_a_migration_much_longer_than_the_lock_timeout_while_a_plain_apply_stalls_it()
            throws Exception {
        long hold = 4000;
        // zdcd
        List<String> progress = new CopyOnWriteArrayList<>();
        Stall zdcd = underLongTransaction(hold, () -> runner().apply(
                new PendingMigration("V1__c.sql", "ALTER TABLE t ADD COLUMN c int"), (m, d, t) -> progress.add(m)));
        // plain
        Stall plain = underLongTransaction(hold, () -> {
            test.execute("ALTER TABLE t ADD COLUMN d int");
            return null;
        });

        MigrationResult result = (MigrationResult) zdcd.result;
        then(result.isApplied()).isTrue();
        then(result.retries()).isGreaterThanOrEqualTo(2);
        then(result.statements().get(0).longestLockWait()).isBetween(LOCK_TIMEOUT.minusMillis(50),
                LOCK_TIMEOUT.plusMillis(1500));
        then(progress).anyMatch(m -> m.contains("lock not granted within 300ms; retry 1 in"));
        then(zdcd.queries).isGreaterThan(5);
        then(zdcd.worstWaitMillis).as("worst traffic wait behind zdcd's migration (lock_timeout 300 ms)")
                .isLessThan(1800);
        then(plain.worstWaitMillis).as("worst traffic wait behind a plain ALTER TABLE (transaction holds 4 s)")
                .isGreaterThan(2500);
        then(test.queryValue("SELECT count(*) FROM information_schema.columns WHERE table_name = 't'"))
                .isEqualTo(4L);
        System.out.printf("lock-timeout test: worst traffic wait %d ms with zdcd (%d queries, %d retries), "
                + "%d ms with a plain ALTER TABLE%n", zdcd.worstWaitMillis, zdcd.queries, result.retries(),
                plain.worstWaitMillis);
    }

    record Stall(Object result, long worstWaitMillis, int queries) { }

    /** Holds ACCESS SHARE on t for {@code holdMillis} while the migration runs and traffic inserts into t. */
    private Stall underLongTransaction(long holdMillis, java.util.concurrent.Callable<Object> migration)
            throws Exception {
        try (Connection longTx = db.connect(); Statement s = longTx.createStatement()) {
            longTx.setAutoCommit(false);
            s.executeQuery("SELECT count(*) FROM t").close();
            long start = System.nanoTime();
            CompletableFuture<Object> applied = CompletableFuture.supplyAsync(() -> {
                try {
                    return migration.call();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            Thread.sleep(200); // the migration is now waiting for its lock
            AtomicBoolean stop = new AtomicBoolean();
            AtomicLong worst = new AtomicLong();
            AtomicLong queries = new AtomicLong();
            CompletableFuture<Void> traffic = CompletableFuture.runAsync(() -> {
                try (Connection c = db.connect(); Statement t = c.createStatement()) {
                    while (!stop.get()) {
                        long q = System.nanoTime();
                        t.executeUpdate("INSERT INTO t (v) VALUES (1)");
                        worst.accumulateAndGet((System.nanoTime() - q) / 1_000_000, Math::max);
                        queries.incrementAndGet();
                        Thread.sleep(20);
                    }
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            Thread.sleep(Math.max(0, holdMillis - (System.nanoTime() - start) / 1_000_000));
            longTx.commit();
            Object result = applied.get(60, TimeUnit.SECONDS);
            Thread.sleep(300);
            stop.set(true);
            traffic.get(60, TimeUnit.SECONDS);
            return new Stall(result, worst.get(), (int) queries.get());
        }
    }

    @Test
    void concurrently_statements_run_outside_a_transaction_and_the_migration_is_recorded() {
        JdbcMigrationRunner runner = runner();

        MigrationResult r = runner.apply(new PendingMigration("V2__idx.sql", """
                BEGIN;
                ALTER TABLE t ADD COLUMN e text;
                COMMIT;
                CREATE INDEX CONCURRENTLY t_e_idx ON t (e);
                COMMENT ON COLUMN t.e IS 'email; with a semicolon';
                """), Progress.none());

        then(r.isApplied()).isTrue();
        then(r.statements()).extracting(StatementResult::transactional).containsExactly(true, false, true);
        then(r.statements()).extracting(StatementResult::status).containsOnly(StatementResult.Status.APPLIED);
        then(test.queryValue("SELECT indisvalid FROM pg_index WHERE indexrelid = 't_e_idx'::regclass")).isEqualTo(true);
        then(runner.applied()).containsExactly("V2__idx.sql");
        then(r.toString()).startsWith("MigrationResult[APPLIED V2__idx.sql in ");
    }

    @Test
    void a_failing_migration_says_what_was_rolled_back_and_what_stayed() {
        test.execute("INSERT INTO t (id, v) VALUES (100000, 1)", "INSERT INTO t (v) SELECT 1");
        MigrationResult r = runner().apply(new PendingMigration("V3__mixed.sql", """
                ALTER TABLE t ADD COLUMN f int;
                CREATE UNIQUE INDEX CONCURRENTLY t_v_key ON t (v);
                ALTER TABLE t ADD COLUMN g int;
                ALTER TABLE t ADD COLUMN h int;
                """), Progress.none());

        then(r.status()).isEqualTo(MigrationResult.Status.FAILED);
        then(r.statements()).extracting(StatementResult::status).containsExactly(StatementResult.Status.APPLIED,
                StatementResult.Status.FAILED, StatementResult.Status.NOT_RUN, StatementResult.Status.NOT_RUN);
        then(r.error()).contains("statement #2", "could not create unique index", "23505");
        then(r.invalidIndexes()).containsExactly("t_v_key");
        then(test.queryValue("SELECT count(*) FROM information_schema.columns WHERE table_name = 't' "
                + "AND column_name IN ('f', 'g', 'h')")).isEqualTo(1L);
        then(runner().applied()).isEmpty();
        then(runner().dropInvalidIndex("t_v_key")).isTrue();
        then(test.queryValue("SELECT to_regclass('t_v_key')")).isNull();
        then(runner().dropInvalidIndex("t_v_key")).isFalse();
    }

    @Test
    void explicit_commits_split_the_migration_into_the_transactions_the_sql_draws() {
        test.execute("INSERT INTO t (id, v) VALUES (200000, NULL)");
        MigrationResult r = runner().apply(new PendingMigration("V5__recipe.sql", """
                BEGIN;
                ALTER TABLE t ADD CONSTRAINT t_v_nn CHECK (v IS NOT NULL) NOT VALID;
                COMMIT;
                BEGIN;
                ALTER TABLE t VALIDATE CONSTRAINT t_v_nn;
                ALTER TABLE t ALTER COLUMN v SET NOT NULL;
                COMMIT;
                """), Progress.none());

        // the VALIDATE fails on the NULL row; the NOT VALID constraint, committed on its own, stays
        then(r.status()).isEqualTo(MigrationResult.Status.FAILED);
        then(r.statements()).extracting(StatementResult::status).containsExactly(StatementResult.Status.APPLIED,
                StatementResult.Status.FAILED, StatementResult.Status.NOT_RUN);
        then(test.queryValue("SELECT convalidated FROM pg_constraint WHERE conname = 't_v_nn'")).isEqualTo(false);
        then(runner().applied()).isEmpty();
    }

    @Test
    void a_migration_in_one_explicit_transaction_is_still_all_or_nothing() {
        MigrationResult r = runner().apply(new PendingMigration("V6__tx.sql",
                "BEGIN; ALTER TABLE t ADD COLUMN m int; ALTER TABLE nope ADD COLUMN k int; COMMIT;"), Progress.none());

        then(r.statements()).extracting(StatementResult::status).containsExactly(StatementResult.Status.ROLLED_BACK,
                StatementResult.Status.FAILED);
        then(test.queryValue("SELECT count(*) FROM information_schema.columns WHERE table_name = 't' "
                + "AND column_name = 'm'")).isEqualTo(0L);
    }

    @Test
    void a_transactional_migration_is_all_or_nothing() {
        MigrationResult r = runner().apply(new PendingMigration("V4__tx.sql",
                "ALTER TABLE t ADD COLUMN i int; ALTER TABLE t ADD COLUMN j int; ALTER TABLE nope ADD COLUMN k int;"),
                Progress.none());

        then(r.statements()).extracting(StatementResult::status).containsExactly(StatementResult.Status.ROLLED_BACK,
                StatementResult.Status.ROLLED_BACK, StatementResult.Status.FAILED);
        then(test.queryValue("SELECT count(*) FROM information_schema.columns WHERE table_name = 't'")).isEqualTo(2L);
        then(runner().applied()).isEmpty();
    }

    @Test
    void a_lock_never_granted_before_the_deadline_fails_the_migration_and_leaves_the_table_as_it_was()
            throws Exception {
        JdbcMigrationRunner impatient = JdbcMigrationRunner.builder(db)
                .lockPolicy(LockPolicy.custom().firstLockTimeout(Duration.ofMillis(100))
                        .maxLockTimeout(Duration.ofMillis(100))
                        .initialBackoff(Duration.ofMillis(50)).maxBackoff(Duration.ofMillis(100))
                        .budget(Duration.ofMillis(700)).build())
                .build();
        try (Connection longTx = db.connect(); Statement s = longTx.createStatement()) {
            longTx.setAutoCommit(false);
            s.executeQuery("SELECT count(*) FROM t").close();

            MigrationResult r = impatient.apply(new PendingMigration("V5__l.sql", "ALTER TABLE t ADD COLUMN l int"),
                    Progress.none());

            then(r.status()).isEqualTo(MigrationResult.Status.FAILED);
            then(r.error()).contains("lock timeout", "55P03", "attempts");
            then(r.statements().get(0).attempts()).isGreaterThan(2);
            longTx.rollback();
        }
        then(test.queryValue("SELECT count(*) FROM information_schema.columns WHERE table_name = 't'")).isEqualTo(2L);
    }

    /**
     * With the defaults, each attempt waits at most the ramp's lock timeout (50 ms, 62 ms, 78 ms, then 80 ms), and the
     * migration goes through once the blocking transaction ends; the runner's backend pid is reported first.
     */
    @Test
    void the_default_policy_ramps_short_lock_timeouts_and_gets_through_once_the_lock_is_free() throws Exception {
        List<String> progress = new CopyOnWriteArrayList<>();
        List<String> operations = new CopyOnWriteArrayList<>();
        Progress p = new Progress() {
            @Override
            public void report(String message, long done, long total) {
                progress.add(message);
            }

            @Override
            public void operationStarted(String kind, String id) {
                operations.add(kind + "=" + id);
            }
        };
        JdbcMigrationRunner defaults = JdbcMigrationRunner.of(db);
        MigrationResult r;
        try (Connection longTx = db.connect(); Statement s = longTx.createStatement()) {
            longTx.setAutoCommit(false);
            s.executeQuery("SELECT count(*) FROM t").close();
            CompletableFuture<MigrationResult> applied = CompletableFuture.supplyAsync(() -> defaults.apply(
                    new PendingMigration("V6__r.sql", "ALTER TABLE t ADD COLUMN r int"), p));
            while (progress.stream().filter(m -> m.contains("lock not granted")).count() < 5) {
                Thread.sleep(50);
            }
            longTx.commit();
            r = applied.get(60, TimeUnit.SECONDS);
        }

        then(r.isApplied()).isTrue();
        then(progress).filteredOn(m -> m.contains("lock not granted")).first().asString()
                .contains("lock not granted within 50ms; retry 1 in");
        then(progress).anyMatch(m -> m.contains("lock not granted within 62ms; retry 2 in"))
                .anyMatch(m -> m.contains("lock not granted within 78ms; retry 3 in"))
                .anyMatch(m -> m.contains("lock not granted within 80ms; retry 4 in"))
                .noneMatch(m -> m.matches(".*lock not granted within (8[1-9]|9\\d|\\d{3,})ms.*"));
        then(r.statements().get(0).longestLockWait()).isLessThan(Duration.ofMillis(1000));
        then(operations).hasSize(1);
        then(operations.get(0)).matches("backend=\\d+");
    }

    /**
     * A half-applied migration resumes: the CONCURRENTLY index that stayed when the next statement failed is recorded,
     * the failure says so, and a re-run skips it instead of failing on "already exists".
     */
    @Test
    void a_half_applied_migration_says_what_stayed_and_a_re_run_resumes_after_it() {
        JdbcMigrationRunner runner = runner();
        PendingMigration m = new PendingMigration("V7__half.sql", "CREATE INDEX CONCURRENTLY t_v_idx ON t (v);\n"
                + "ALTER TABLE t ADD COLUMN half int;\nINSERT INTO gate VALUES (1);");

        MigrationResult first = runner.apply(m, Progress.none()); // table gate does not exist yet

        then(first.status()).isEqualTo(MigrationResult.Status.FAILED);
        then(first.error()).contains("gate", "Stayed applied: #1 (recorded", "a re-run resumes after them")
                .doesNotContain("Nothing of it stayed");
        then(first.statements()).extracting(StatementResult::status).containsExactly(StatementResult.Status.APPLIED,
                StatementResult.Status.ROLLED_BACK, StatementResult.Status.FAILED);
        test.execute("CREATE TABLE gate (a int)");

        List<String> progress = new CopyOnWriteArrayList<>();
        MigrationResult second = runner.apply(m, (msg, d, t) -> progress.add(msg));

        then(second.isApplied()).isTrue();
        then(progress).anyMatch(msg -> msg.contains("statement #1") && msg.contains("applied by an earlier run"));
        then(second.statements().get(0).attempts()).isZero();
        then(test.queryValue("SELECT count(*) FROM information_schema.columns WHERE column_name = 'half'"))
                .isEqualTo(1L);
        then(test.queryValue("SELECT count(*) FROM zdcd.applied_statements")).isEqualTo(0L);
        then(runner().applied()).contains("V7__half.sql");
        test.execute("DROP TABLE gate");
    }

    @Test
    void a_valid_index_of_the_same_definition_is_recognised_one_of_another_definition_is_not() {
        test.execute("CREATE INDEX t_v2_idx ON t (v)", "CREATE INDEX t_v3_idx ON t (id)");

        MigrationResult same = runner().apply(new PendingMigration("V8__same.sql",
                "CREATE INDEX CONCURRENTLY \"t_v2_idx\" ON public.t USING btree (v);\nSELECT 1;"), Progress.none());
        MigrationResult other = runner().apply(new PendingMigration("V9__other.sql",
                "CREATE INDEX CONCURRENTLY t_v3_idx ON t (v);\nSELECT 1;"), Progress.none());

        then(same.isApplied()).isTrue();
        then(other.status()).isEqualTo(MigrationResult.Status.FAILED);
        then(other.error()).contains("already exists", "Nothing of it stayed applied");
    }

    @Test
    void nothing_runs_of_a_migration_the_classifier_could_not_read_or_the_runner_cannot_honour() {
        for (String sql : List.of("SELECT 1;\0DROP TABLE t;\n", "SELECT 1;\n\\i drop.sql\nDROP TABLE t;",
                "BEGIN; DROP TABLE t; ROLLBACK;", "DROP TABLE t; SELECT 'unterminated")) {
            MigrationResult r = runner().apply(new PendingMigration("V10__bad.sql", sql), Progress.none());

            then(r.status()).as(sql).isEqualTo(MigrationResult.Status.FAILED);
            then(r.error()).as(sql).startsWith("refused, nothing was run: ");
            then(r.statements()).as(sql).allMatch(st -> st.status() == StatementResult.Status.NOT_RUN);
            then(test.queryValue("SELECT to_regclass('t') IS NOT NULL")).as(sql).isEqualTo(true);
        }
    }

    @Test
    void copy_rows_are_loaded_and_a_down_section_is_never_run() {
        MigrationResult r = runner().apply(new PendingMigration("V11__copy.sql", """
                -- +goose Up
                CREATE TABLE copied (a int, b text);
                COPY copied (a, b) FROM stdin;
                1	one; DROP TABLE t;
                2	two
                \\.
                -- +goose Down
                DROP TABLE t;
                """), Progress.none());

        then(r.isApplied()).as(r.error()).isTrue();
        then(test.queryValue("SELECT string_agg(a || '=' || b, ',' ORDER BY a) FROM copied"))
                .isEqualTo("1=one; DROP TABLE t;,2=two");
        then(test.queryValue("SELECT to_regclass('t') IS NOT NULL")).isEqualTo(true);
        test.execute("DROP TABLE copied");
    }

    /** A runner killed mid-statement leaves its session running; recovery ends it by the pid the runner reported. */
    @Test
    void an_orphaned_runner_session_is_ended_by_its_reported_pid_and_no_other_session_is() throws Exception {
        List<String> pids = new CopyOnWriteArrayList<>();
        Progress p = new Progress() {
            @Override
            public void report(String message, long done, long total) {
            }

            @Override
            public void operationStarted(String kind, String id) {
                pids.add(id);
            }
        };
        CompletableFuture<MigrationResult> orphan = CompletableFuture.supplyAsync(() -> runner().apply(
                new PendingMigration("V12__slow.sql", "ALTER TABLE t ADD COLUMN slow int; SELECT pg_sleep(30);"), p));
        while (pids.isEmpty()) {
            Thread.sleep(10);
        }
        try (Connection other = test.connect()) { // not zdcd's session: never ended
            then(runner().terminateOrphan(pids.get(0))).isTrue();
            then(runner().terminateOrphan(pids.get(0))).isFalse();
            then(other.isValid(2)).isTrue();
        }
        MigrationResult ended = orphan.get(30, TimeUnit.SECONDS);
        then(ended.status()).isEqualTo(MigrationResult.Status.FAILED);
        then(ended.error()).contains("terminat");
        then(test.queryValue("SELECT count(*) FROM information_schema.columns WHERE column_name = 'slow'"))
                .isEqualTo(0L);
    }
}
