package io.zdcd.analyzer.trace.internal;

import static org.assertj.core.api.BDDAssertions.then;

import io.zdcd.testing.PostgresExtension;
import io.zdcd.testing.RoleDatabase;
import io.zdcd.testing.TestDatabase;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The tracer's scratch copy, made and dropped by a role that is not a superuser while a process it may not end is
 * connected to the copy. On a real server that process is an autovacuum worker ({@code DROP DATABASE ... WITH (FORCE)}
 * then fails with 42501 for such a role: it failed CI that way); here a superuser's session stands in for it, which
 * FORCE refuses to end for the same reason and with the same SQLSTATE.
 */
@ExtendWith(PostgresExtension.class)
class ScratchTest {
    private static final String ROLE = "zdcd_scratch_role";
    private static final String PASSWORD = "scr4tch-pw";
    private static final String DATABASE = "zdcd_scratch_origin";

    @BeforeAll
    static void database_owned_by_a_role_that_is_not_a_superuser(TestDatabase db) {
        RoleDatabase.create(db, ROLE, PASSWORD, DATABASE);
    }

    @AfterAll
    static void drop(TestDatabase db) {
        RoleDatabase.drop(db, ROLE);
    }

    private static Endpoint endpoint(TestDatabase db) {
        return Endpoint.parse("jdbc:postgresql://" + db.host() + ":" + db.port() + "/" + DATABASE + "?user=" + ROLE
                + "&password=" + PASSWORD);
    }

    private static boolean exists(TestDatabase db, String name) {
        return (Boolean) db.queryValue("SELECT EXISTS (SELECT 1 FROM pg_database WHERE datname = '" + name + "')");
    }

    @Test
    void a_copy_is_dropped_once_a_session_the_role_may_not_end_has_left(TestDatabase db) throws Exception {
        List<String> why = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        try (Connection target = endpoint(db).open()) {
            Scratch scratch = Scratch.create(target, endpoint(db), why, notes);
            then(scratch).as(String.join("; ", why)).isNotNull();
            CompletableFuture<Void> leaves = RoleDatabase.superuserSessionFor(db, scratch.name(), Duration.ofSeconds(1));

            scratch.close();

            leaves.join();
            then(exists(db, scratch.name())).isFalse();
            then(notes).isEmpty();
        }
    }

    @Test
    void a_copy_that_cannot_be_dropped_is_named_in_the_notes_and_the_trace_goes_on(TestDatabase db) throws Exception {
        List<String> notes = new ArrayList<>();
        String name;
        try (Connection target = endpoint(db).open()) {
            Scratch scratch = Scratch.create(target, endpoint(db), new ArrayList<>(), notes);
            name = scratch.name();
            try (Connection superuser = RoleDatabase.superuserSession(db, name)) {
                scratch.close(0); // no patience: one FORCE, one plain DROP (which waits its own 5 s)
            }
        }

        then(exists(db, name)).isTrue();
        then(notes).singleElement().asString().startsWith("the scratch copy " + name + " could not be dropped (")
                .contains("is being accessed by other users").endsWith("drop it with DROP DATABASE \"" + name + "\"")
                .doesNotContain(PASSWORD);
    }
}
