package io.zdcd.jdbc;

import static org.assertj.core.api.BDDAssertions.then;

import io.zdcd.spi.Build;
import io.zdcd.spi.DeployLock;
import io.zdcd.spi.DeploymentMode;
import io.zdcd.testing.PostgresExtension;
import io.zdcd.testing.TestDatabase;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * zdcd's journal and queue tables are created by the first lock or write, never by a read: {@code zdcd plan},
 * {@code zdcd queue} and {@code zdcd recover --plan} leave a database without them as it was.
 */
@ExtendWith(PostgresExtension.class)
class ControlTablesTest {
    TestDatabase test;
    PostgresDatabase db;

    @BeforeEach
    void setUp(TestDatabase test) {
        this.test = test;
        db = PostgresDatabase.of(test.host(), test.port(), test.name(), test.user(), test.password());
        test.execute("DROP SCHEMA IF EXISTS zdcd CASCADE");
    }

    @Test
    void reading_a_database_without_zdcds_tables_finds_nothing_and_creates_nothing() {
        JdbcDeploymentJournal journal = JdbcDeploymentJournal.of(db);
        JdbcBuildQueue queue = JdbcBuildQueue.of(db);

        then(journal.unfinished("shop")).isEmpty();
        then(journal.lastSucceeded("shop")).isEmpty();
        then(journal.recent("shop", 10)).isEmpty();
        then(journal.liveHolder("shop")).isEmpty();
        then(queue.queued("shop")).isEmpty();
        then(queue.drop("shop", "abc1234")).isFalse();

        then(test.queryValue("SELECT count(*) FROM pg_namespace WHERE nspname = 'zdcd'")).isEqualTo(0L);
    }

    @Test
    void the_first_lock_or_write_creates_them_and_reads_then_see_what_was_written() {
        JdbcDeploymentJournal journal = JdbcDeploymentJournal.of(db);
        try (DeployLock lock = journal.lock("shop", "alice@ci-1")) {
            then(journal.liveHolder("shop")).hasValueSatisfying(h -> then(h).startsWith("alice@ci-1 since "));
            journal.begin("shop", Build.of("abc1234"), DeploymentMode.CONTINUOUS, "alice@ci-1", Instant.now());
        }
        JdbcBuildQueue.of(db).enqueue("shop", Build.of("def5678"), "UNSAFE: V2__drop.sql", Instant.now());

        then(JdbcDeploymentJournal.of(db).unfinished("shop")).hasValueSatisfying(r ->
                then(r.build().version()).isEqualTo("abc1234"));
        then(JdbcBuildQueue.of(db).queued("shop")).singleElement()
                .satisfies(q -> then(q.build().version()).isEqualTo("def5678"));
    }
}
