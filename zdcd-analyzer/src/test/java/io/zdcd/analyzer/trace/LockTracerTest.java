package io.zdcd.analyzer.trace;

import static org.assertj.core.api.BDDAssertions.then;
import static org.assertj.core.api.BDDAssertions.thenThrownBy;

import io.zdcd.classify.LockMode;
import io.zdcd.classify.Migration;
import io.zdcd.testing.PostgresExtension;
import io.zdcd.testing.TestDatabase;
import java.sql.Connection;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The tracer against a real PostgreSQL: what it observes, and that it leaves the database as it was. */
@ExtendWith(PostgresExtension.class)
class LockTracerTest {

    @BeforeAll
    static void schema(TestDatabase db) {
        db.execute("CREATE TABLE author (id bigserial PRIMARY KEY, name varchar(100) NOT NULL)",
                "CREATE TABLE book (id bigserial PRIMARY KEY, title varchar(50) NOT NULL, pages integer NOT NULL, "
                        + "author_id bigint NOT NULL REFERENCES author (id), note text)",
                "CREATE INDEX book_title ON book (title)");
    }

    private static LockTracer tracer(TestDatabase db) {
        return LockTracer.builder().dataSource(db.dataSource()).rows(20).build();
    }

    private static StatementTrace only(TraceReport report) {
        then(report.statements()).hasSize(1);
        return report.statements().get(0);
    }

    @Test
    void add_not_null_column_without_default_fails_on_a_filled_table(TestDatabase db) {
        StatementTrace t = only(tracer(db).trace("ALTER TABLE book ADD COLUMN isbn text NOT NULL"));

        then(t.failed()).isTrue();
        then(t.sqlState()).contains("23502");
        then(t.error().orElseThrow()).contains("isbn");
        then(t.lock()).contains(LockMode.ACCESS_EXCLUSIVE);
    }

    @Test
    void the_same_column_on_an_empty_table_succeeds(TestDatabase db) {
        TraceReport report = LockTracer.builder().dataSource(db.dataSource()).rows(0).build()
                .trace("ALTER TABLE book ADD COLUMN isbn text NOT NULL");

        StatementTrace t = only(report);
        then(t.failed()).isFalse();
        then(t.columnChanges()).singleElement().satisfies(c -> {
            then(c.added()).isTrue();
            then(c.column()).isEqualTo("isbn");
            then(c.notNullAfter()).isTrue();
        });
    }

    @Test
    void int_to_bigint_rewrites_the_table_and_its_indexes_under_access_exclusive(TestDatabase db) {
        StatementTrace t = only(tracer(db).trace("ALTER TABLE book ALTER COLUMN pages TYPE bigint"));

        then(t.lock()).contains(LockMode.ACCESS_EXCLUSIVE);
        then(t.rewritten()).contains("book", "book_pkey");
        then(t.columnChanges()).singleElement().satisfies(c -> {
            then(c.typeBefore()).contains("integer");
            then(c.typeAfter()).contains("bigint");
        });
        then(t.locks()).anySatisfy(l -> {
            then(l.relation()).isEqualTo("book");
            then(l.kind()).isEqualTo("table");
            then(l.existedBefore()).isTrue();
        });
    }

    @Test
    void varchar_widening_is_a_catalog_change_without_rewrite(TestDatabase db) {
        StatementTrace t = only(tracer(db).trace("ALTER TABLE book ALTER COLUMN title TYPE varchar(200)"));

        then(t.lock()).contains(LockMode.ACCESS_EXCLUSIVE);
        then(t.rewrite()).isFalse();
        then(t.scan()).isFalse();
    }

    @Test
    void create_index_takes_share_and_scans_without_rewriting(TestDatabase db) {
        StatementTrace t = only(tracer(db).trace("CREATE INDEX book_pages ON book (pages)"));

        then(t.execution()).isEqualTo(StatementTrace.Execution.IN_TRANSACTION);
        then(t.lock()).contains(LockMode.SHARE);
        then(t.scanned()).containsExactly("book");
        then(t.rewrite()).isFalse();
    }

    @Test
    void create_index_concurrently_runs_outside_a_transaction_under_share_update_exclusive(TestDatabase db) {
        StatementTrace t = only(tracer(db).trace("CREATE INDEX CONCURRENTLY book_pages ON book (pages)"));

        then(t.execution()).isEqualTo(StatementTrace.Execution.OUTSIDE_TRANSACTION);
        then(t.failed()).isFalse();
        then(t.lock()).contains(LockMode.SHARE_UPDATE_EXCLUSIVE);
        then(t.invalidIndexes()).isEmpty();
    }

    @Test
    void a_failed_unique_index_concurrently_leaves_an_invalid_index(TestDatabase db) {
        TraceReport report = tracer(db).trace(Migration.of("dup", "UPDATE book SET title = 'same';\n"
                + "CREATE UNIQUE INDEX CONCURRENTLY book_title_uniq ON book (title);"));

        StatementTrace t = report.statements().get(1);
        then(t.failed()).isTrue();
        then(t.sqlState()).contains("23505");
        then(t.invalidIndexes()).containsExactly("book_title_uniq");
    }

    @Test
    void check_not_valid_then_validate_shows_validity_and_the_weaker_lock(TestDatabase db) {
        TraceReport report = tracer(db).trace(Migration.of("check",
                "ALTER TABLE book ADD CONSTRAINT pages_positive CHECK (pages > 0) NOT VALID;\n"
                        + "ALTER TABLE book VALIDATE CONSTRAINT pages_positive;"));

        StatementTrace add = report.statements().get(0);
        StatementTrace validate = report.statements().get(1);
        then(add.lock()).contains(LockMode.ACCESS_EXCLUSIVE);
        then(add.scan()).isFalse();
        then(add.constraintChanges()).singleElement().satisfies(c -> {
            then(c.validBefore()).isEmpty();
            then(c.validAfter()).contains(false);
        });
        then(validate.lock()).contains(LockMode.SHARE_UPDATE_EXCLUSIVE);
        then(validate.scanned()).containsExactly("book");
        then(validate.constraintChanges()).singleElement()
                .satisfies(c -> then(c.validAfter()).contains(true));
    }

    @Test
    void set_local_lock_timeout_is_in_effect_for_the_rest_of_the_transaction(TestDatabase db) {
        TraceReport report = tracer(db).trace(Migration.of("timeout", "BEGIN;\nSET LOCAL lock_timeout = '2s';\n"
                + "ALTER TABLE book ADD COLUMN isbn text;\nCOMMIT;\nALTER TABLE book ADD COLUMN ean text;"));

        then(report.statements()).extracting(StatementTrace::execution).containsExactly(
                StatementTrace.Execution.NOT_EXECUTED, StatementTrace.Execution.IN_TRANSACTION,
                StatementTrace.Execution.IN_TRANSACTION, StatementTrace.Execution.NOT_EXECUTED,
                StatementTrace.Execution.IN_TRANSACTION);
        then(report.statements().get(2).lockTimeout()).isEqualTo("2s");
        then(report.statements().get(2).hasLockTimeout()).isTrue();
        then(report.statements().get(4).lockTimeout()).isEqualTo("0");
        then(report.statements().get(2).lock()).contains(LockMode.ACCESS_EXCLUSIVE);
        then(report.statements().get(1).lock()).isEmpty();
    }

    @Test
    void each_statement_sees_the_earlier_ones_and_tables_created_by_the_migration_are_not_pre_existing(
            TestDatabase db) {
        TraceReport report = tracer(db).trace(Migration.of("new table",
                "CREATE TABLE shelf (id bigserial PRIMARY KEY, label text);\n"
                        + "CREATE INDEX shelf_label ON shelf (label);\n"
                        + "ALTER TABLE book ADD COLUMN shelf_id bigint REFERENCES shelf (id);"));

        then(report.failures()).isEmpty();
        then(report.statements().get(1).lock()).isEmpty();
        then(report.statements().get(1).locks()).anySatisfy(l -> {
            then(l.relation()).isEqualTo("shelf");
            then(l.existedBefore()).isFalse();
        });
        then(report.statements().get(2).lock()).contains(LockMode.ACCESS_EXCLUSIVE);
    }

    @Test
    void in_place_gives_the_same_observation_for_a_single_statement(TestDatabase db) {
        TraceReport report = LockTracer.builder().dataSource(db.dataSource()).rows(20).scratchCopy(false).build()
                .trace("ALTER TABLE book ALTER COLUMN pages TYPE bigint");

        then(report.mode()).isEqualTo(TraceReport.Mode.IN_PLACE);
        StatementTrace t = only(report);
        then(t.lock()).contains(LockMode.ACCESS_EXCLUSIVE);
        then(t.rewritten()).contains("book");
    }

    @Test
    void schema_history_is_applied_before_the_migration(TestDatabase db) {
        TraceReport report = LockTracer.builder().dataSource(db.dataSource()).rows(5)
                .addHistory(Migration.of("0001", "BEGIN; CREATE TABLE shop (id bigserial PRIMARY KEY, "
                        + "n integer NOT NULL); COMMIT;"))
                .build()
                .trace(Migration.of("0002", "ALTER TABLE shop ADD COLUMN code text NOT NULL"));

        then(report.mode()).isEqualTo(TraceReport.Mode.SCRATCH_COPY);
        then(only(report).sqlState()).contains("23502");
        then(report.notes()).anySatisfy(n -> then(n).contains("shop"));
    }

    @Test
    void a_broken_schema_history_is_a_clear_error(TestDatabase db) {
        LockTracer tracer = LockTracer.builder().dataSource(db.dataSource())
                .addHistory(Migration.of("0001_broken", "CREATE TABLE x (id int);\nALTER TABLE nope ADD COLUMN y int;"))
                .build();

        thenThrownBy(() -> tracer.trace("SELECT 1")).isInstanceOf(TraceException.class)
                .hasMessageContaining("0001_broken statement 2 (line 2)").hasMessageContaining("nope");
    }

    @Test
    void refuses_a_database_with_other_clients_unless_allowed(TestDatabase db) throws Exception {
        try (Connection other = db.connect()) {
            thenThrownBy(() -> tracer(db).trace("ALTER TABLE book ADD COLUMN x int"))
                    .isInstanceOf(TraceException.class).hasMessageContaining("1 other client connection");

            TraceReport report = LockTracer.builder().dataSource(db.dataSource()).rows(20).allowBusy(true).build()
                    .trace("ALTER TABLE book ADD COLUMN x int;\nCREATE INDEX CONCURRENTLY bx ON book (pages);");
            then(report.mode()).isEqualTo(TraceReport.Mode.IN_PLACE);
            then(report.statements().get(0).lock()).contains(LockMode.ACCESS_EXCLUSIVE);
            then(report.statements().get(1).notes()).anySatisfy(n -> then(n).contains("not traced"));
            then(other.isValid(1)).isTrue();
        }
    }

    @Test
    void leaves_no_trace_in_the_database(TestDatabase db) {
        String fingerprint = fingerprint(db);

        tracer(db).traceAll(List.of(
                Migration.of("a", "ALTER TABLE book ADD COLUMN isbn text; CREATE INDEX CONCURRENTLY bi ON book (isbn);"),
                Migration.of("b", "ALTER TABLE book ALTER COLUMN pages TYPE bigint; DROP TABLE book;")));
        LockTracer.builder().dataSource(db.dataSource()).scratchCopy(false).build()
                .trace("ALTER TABLE author ADD COLUMN born date; UPDATE author SET name = 'x';");

        then(fingerprint(db)).isEqualTo(fingerprint);
    }

    /** Schema, rows, roles and databases, as text. */
    static String fingerprint(TestDatabase db) {
        return db.queryValue("SELECT string_agg(x, E'\\n' ORDER BY x) FROM ("
                + "SELECT 'col ' || table_name || '.' || column_name || ' ' || data_type || ' ' || is_nullable AS x "
                + "FROM information_schema.columns WHERE table_schema = 'public' "
                + "UNION ALL SELECT 'rel ' || relname || ' ' || relkind::text || ' ' || relfilenode FROM pg_class "
                + "WHERE relnamespace = 'public'::regnamespace "
                + "UNION ALL SELECT 'con ' || conname || ' ' || convalidated FROM pg_constraint "
                + "WHERE connamespace = 'public'::regnamespace "
                + "UNION ALL SELECT 'rows book ' || count(*) FROM book "
                + "UNION ALL SELECT 'rows author ' || count(*) FROM author "
                + "UNION ALL SELECT 'role ' || rolname FROM pg_roles "
                + "UNION ALL SELECT 'db ' || datname FROM pg_database) f") + "";
    }
}
