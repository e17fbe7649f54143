package io.zdcd.analyzer.flyway;

import static org.assertj.core.api.BDDAssertions.catchThrowable;
import static org.assertj.core.api.BDDAssertions.then;

import io.zdcd.classify.UnsafeMigrationException;
import io.zdcd.classify.Verdict;
import io.zdcd.testing.PostgresExtension;
import io.zdcd.testing.TestDatabase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.flywaydb.database.postgresql.PostgreSQLConfigurationExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** A real {@code flyway migrate} on a real PostgreSQL, gated by {@link ZdcdFlywayCallback}. */
@ExtendWith(PostgresExtension.class)
class ZdcdFlywayCallbackTest {
    TestDatabase db;
    Path dir;

    @BeforeEach
    void setUp(TestDatabase db, @TempDir Path dir) {
        this.db = db;
        this.dir = dir;
        db.execute("DROP SCHEMA public CASCADE", "CREATE SCHEMA public");
        // already deployed: a table that holds data
        file("V1__orders.sql", "CREATE TABLE orders (id bigserial PRIMARY KEY, note text);\n"
                + "INSERT INTO orders (note) SELECT 'n' || g FROM generate_series(1, 100) g;");
        flyway(null).migrate();
    }

    private FluentConfiguration configure() {
        FluentConfiguration c = Flyway.configure().dataSource(db.jdbcUrl(), db.user(), db.password())
                .locations("filesystem:" + dir).placeholders(Map.of("table", "orders"));
        // flyway.postgresql.transactional.lock=false, as the README says: CONCURRENTLY hangs otherwise
        c.getConfigurationExtension(PostgreSQLConfigurationExtension.class).setTransactionalLock(false);
        return c;
    }

    private Flyway flyway(ZdcdFlywayCallback callback) {
        return (callback == null ? configure() : configure().callbacks(callback)).load();
    }

    private void file(String name, String sql) {
        try {
            Files.writeString(dir.resolve(name), sql);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private List<String> history() {
        return java.util.Arrays.stream(flyway(null).info().applied()).map(MigrationInfo::getScript).toList();
    }

    private static UnsafeMigrationException unsafe(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof UnsafeMigrationException u) {
                return u;
            }
        }
        throw new AssertionError("no UnsafeMigrationException in " + t, t);
    }

    @Test
    void safe_pending_migrations_pass_and_flyway_applies_them() {
        file("V2__email.sql", "ALTER TABLE ${table} ADD COLUMN email text;");
        file("V3__index.sql", "CREATE INDEX CONCURRENTLY orders_email_idx ON orders (email);");
        ZdcdFlywayCallback callback = ZdcdFlywayCallback.builder().build();

        flyway(callback).migrate();

        then(callback.lastReport()).hasValueSatisfying(r -> {
            then(r.verdict()).isEqualTo(Verdict.SAFE);
            then(r.migrations()).extracting(c -> c.migration()).containsExactly("V2__email.sql", "V3__index.sql");
        });
        then(history()).containsExactly("V1__orders.sql", "V2__email.sql", "V3__index.sql");
    }

    @Test
    void an_unsafe_migration_stops_migrate_before_any_pending_migration_runs() {
        file("V2__email.sql", "ALTER TABLE orders ADD COLUMN email text;");
        file("V3__index.sql", "CREATE INDEX orders_email_idx ON ${table} (email);"); // locks out writes
        List<String> warnings = new ArrayList<>();
        ZdcdFlywayCallback callback = ZdcdFlywayCallback.builder().warnings(warnings::add).build();

        Throwable thrown = catchThrowable(() -> flyway(callback).migrate());

        UnsafeMigrationException e = unsafe(thrown);
        then(e.classification().migration()).isEqualTo("V3__index.sql");
        then(e.getMessage()).contains("V3__index.sql is UNSAFE").contains("create-index-non-concurrently")
                .contains("CONCURRENTLY");
        then(warnings).singleElement().asString().contains("1 of 2 pending Flyway migrations UNSAFE")
                .contains("migrate stopped");
        then(history()).containsExactly("V1__orders.sql"); // V2 did not run either
        then(db.queryValue("SELECT count(*) FROM information_schema.columns WHERE table_name = 'orders' "
                + "AND column_name = 'email'")).isEqualTo(0L);
    }

    @Test
    void in_warn_mode_the_findings_are_reported_and_migrate_goes_on() {
        file("V2__drop_note.sql", "ALTER TABLE orders DROP COLUMN note;");
        List<String> warnings = new ArrayList<>();
        ZdcdFlywayCallback callback = ZdcdFlywayCallback.builder().onUnsafe(ZdcdFlywayCallback.OnUnsafe.WARN)
                .warnings(warnings::add).build();

        flyway(callback).migrate();

        then(warnings).singleElement().asString().contains("V2__drop_note.sql: UNSAFE")
                .contains("migrate goes on (warn mode)");
        then(history()).containsExactly("V1__orders.sql", "V2__drop_note.sql");
    }

    @Test
    void flyway_can_create_the_callback_by_name_and_it_fails_by_default() {
        file("V2__drop_note.sql", "ALTER TABLE orders DROP COLUMN note;");

        Throwable thrown = catchThrowable(() -> configure()
                .configuration(Map.of("flyway.callbacks", ZdcdFlywayCallback.class.getName())).load().migrate());

        then(unsafe(thrown).classification().migration()).isEqualTo("V2__drop_note.sql");
        then(history()).containsExactly("V1__orders.sql");
    }

    @Test
    void a_concurrently_index_under_flyways_transactional_lock_is_stopped_with_the_setting_that_fixes_it() {
        file("V2__index.sql", "CREATE INDEX CONCURRENTLY orders_note_idx ON orders (note);");
        FluentConfiguration c = configure();
        c.getConfigurationExtension(PostgreSQLConfigurationExtension.class).setTransactionalLock(true);

        Throwable thrown = catchThrowable(() -> c.callbacks(ZdcdFlywayCallback.builder().warnings(w -> { }).build())
                .load().migrate());

        then(thrown).hasStackTraceContaining("V2__index.sql runs CONCURRENTLY")
                .hasStackTraceContaining("flyway.postgresql.transactional.lock=false");
        then(history()).containsExactly("V1__orders.sql");
    }
}
