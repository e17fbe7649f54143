package io.zdcd.jdbc;

import static org.assertj.core.api.BDDAssertions.then;

import io.zdcd.spi.Backup;
import io.zdcd.spi.Progress;
import io.zdcd.testing.PostgresExtension;
import io.zdcd.testing.RoleDatabase;
import io.zdcd.testing.TestDatabase;
import java.sql.Connection;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A restore by the database's owner, a role that is not a superuser (as on most hosted servers), while a process it
 * may not end is connected. On a real server that is an autovacuum worker: {@code pg_terminate_backend} and
 * {@code DROP DATABASE ... WITH (FORCE)} refuse to end it (42501) for such a role, which made the restore fail; here a
 * superuser's session stands in for it (refused the same way) and leaves after a second, as an autovacuum worker does
 * when a plain DROP DATABASE signals it.
 */
@ExtendWith(PostgresExtension.class)
class LocalDatabaseRestoreByOwnerTest {
    private static final String ROLE = "zdcd_restore_owner";
    private static final String PASSWORD = "r3store-pw";
    private static final String DATABASE = "zdcd_restore_app";

    @BeforeAll
    static void database_owned_by_a_role_that_is_not_a_superuser(TestDatabase test) {
        RoleDatabase.create(test, ROLE, PASSWORD, DATABASE);
    }

    @AfterAll
    static void drop(TestDatabase test) {
        RoleDatabase.drop(test, ROLE);
    }

    @Test
    void the_restore_waits_out_a_session_it_may_not_end_and_brings_the_data_back(TestDatabase test) throws Exception {
        PostgresDatabase db = PostgresDatabase.of(test.host(), test.port(), DATABASE, ROLE, PASSWORD);
        try (Connection c = db.connect(); var s = c.createStatement()) {
            s.execute("CREATE TABLE orders (id int PRIMARY KEY, total int NOT NULL)");
            s.execute("INSERT INTO orders SELECT g, g FROM generate_series(1, 100) g");
        }
        LocalDatabaseBackups backups = LocalDatabaseBackups.of(db);
        Backup backup = backups.capture("shop", Progress.none());
        try (Connection c = db.connect(); var s = c.createStatement()) {
            s.execute("DELETE FROM orders WHERE id > 10");
        }
        CompletableFuture<Void> leaves = RoleDatabase.superuserSessionFor(test, DATABASE, Duration.ofSeconds(1));

        backups.restore("shop", backup, Progress.none());

        leaves.join();
        try (Connection c = db.connect(); var s = c.createStatement(); var rs = s.executeQuery(
                "SELECT count(*), sum(total) FROM orders")) {
            rs.next();
            then(rs.getLong(1)).isEqualTo(100);
            then(rs.getLong(2)).isEqualTo(5050);
        }
    }
}
