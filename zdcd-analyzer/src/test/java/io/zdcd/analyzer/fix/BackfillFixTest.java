package io.zdcd.analyzer.fix;

import static io.zdcd.analyzer.fix.MigrationFixerTest.apply;
import static io.zdcd.analyzer.fix.MigrationFixerTest.catalog;
import static io.zdcd.analyzer.fix.MigrationFixerTest.connect;
import static io.zdcd.analyzer.fix.MigrationFixerTest.run;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.BDDAssertions.then;

import io.zdcd.analyzer.SqlMigrationClassifier;
import io.zdcd.classify.Migration;
import io.zdcd.classify.Verdict;
import io.zdcd.jdbc.JdbcMigrationRunner;
import io.zdcd.jdbc.PostgresDatabase;
import io.zdcd.spi.MigrationResult;
import io.zdcd.spi.PendingMigration;
import io.zdcd.spi.Progress;
import io.zdcd.testing.PostgresExtension;
import io.zdcd.testing.TestDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The recipes that need a batched backfill, on a real PostgreSQL with 10,000 rows in batches of 1,000: every expand
 * statement SAFE by the classifier, the catalog after expand + contract equal to the original's, every row filled
 * (or changed, or deleted) as the original does it, and the old code's writes consistent before and after the loop.
 */
@ExtendWith(PostgresExtension.class)
class BackfillFixTest {
    static final String SCHEMA = """
            CREATE TABLE shop_order (id bigint PRIMARY KEY, reference text NOT NULL, note text,
                total numeric(10, 2) NOT NULL);
            CREATE TABLE shop_event (id bigint, kind text NOT NULL);
            CREATE TABLE shop_line (order_id bigint, line int, qty int, PRIMARY KEY (order_id, line));
            CREATE TABLE shop_tag (code text PRIMARY KEY, name text);
            """;
    static final String ROWS = """
            INSERT INTO shop_order SELECT g, 'r' || g, NULL, g FROM generate_series(1, 10000) g;
            INSERT INTO shop_event SELECT g, 'k' FROM generate_series(1, 300) g;
            """;
    /** The old code's write, before and after the backfill (it knows none of the new columns). */
    static final String OLD_INSERT = "INSERT INTO shop_order (id, reference, total) VALUES (%d, 'old', 1)";

    private final MigrationFixer fixer = MigrationFixer.builder().schema(SCHEMA).batchSize(1000).build();

    @Test
    void a_volatile_default_with_not_null_becomes_default_for_new_rows_backfill_and_validated_not_null(
            TestDatabase db) throws Exception {
        FixResult fix = proven(db, "0101_token",
                "ALTER TABLE shop_order ADD COLUMN token uuid DEFAULT gen_random_uuid() NOT NULL;", ROWS);

        then(fix.statements()).singleElement().satisfies(s -> {
            then(s.ruleId()).isEqualTo("add-column-volatile-default");
            then(s.recipe()).contains("backfill-then-not-null");
        });
        then(fix.files()).extracting(FixFile::name).containsExactly("0101_token_001_expand.sql",
                "0101_token_002_expand.sql", "0101_token_003_expand.sql", "0101_token_004_expand.sql",
                "0101_token_005_contract.sql");
        then(fix.files()).extracting(FixFile::outsideTransaction).containsExactly(false, true, false, false, false);
        then(fix.files().get(0).sql()).contains("ALTER TABLE shop_order ADD COLUMN token uuid;\n"
                + "ALTER TABLE shop_order ALTER COLUMN token SET DEFAULT gen_random_uuid();");
        then(fix.files().get(1).sql()).contains("DO $zdcd_batch$")
                .contains("UPDATE shop_order SET token = DEFAULT WHERE id >= zdcd_lo AND id < zdcd_hi "
                        + "AND (token IS NULL);")
                .contains("zdcd_hi := zdcd_lo + 1000;").contains("COMMIT;");
        then(fix.files().get(2).sql()).contains("CHECK (token IS NOT NULL) NOT VALID");
        try (Connection c = connect(db, "bf_fixed")) {
            then(value(c, "SELECT count(*) FROM shop_order WHERE token IS NULL")).isEqualTo("0");
            then(value(c, "SELECT count(DISTINCT token) FROM shop_order")).as("one evaluation per row")
                    .isEqualTo(value(c, "SELECT count(*) FROM shop_order"));
            then(value(c, "SELECT count(*) FROM shop_order")).as("one old-code row after each expand file")
                    .isEqualTo("10004");
        }
    }

    @Test
    void the_loop_commits_each_batch_and_reports_progress(TestDatabase db) throws Exception {
        FixResult fix = fixer.fix(Migration.of("0102_seen.sql",
                "ALTER TABLE shop_order ADD COLUMN seen timestamptz DEFAULT clock_timestamp();"));
        then(fix.isComplete()).as(fix.statements().toString()).isTrue();
        fresh(db, "bf_fixed", ROWS);
        List<String> notices = new ArrayList<>();
        try (Connection c = connect(db, "bf_fixed")) {
            apply(c, fix.files().get(0));
            c.setAutoCommit(true);
            try (Statement s = c.createStatement()) {
                s.execute(io.zdcd.analyzer.SqlScript.split(fix.files().get(1).sql()).get(0).text());
                for (SQLWarning w = s.getWarnings(); w != null; w = w.getNextWarning()) {
                    notices.add(w.getMessage());
                }
            }
            // each batch committed in its own transaction: 10 distinct transaction ids on the rows
            then(value(c, "SELECT count(DISTINCT xmin::text) FROM shop_order")).isEqualTo("10");
            then(value(c, "SELECT count(*) FROM shop_order WHERE seen IS NULL")).isEqualTo("0");
        }
        then(notices).hasSize(10).startsWith("zdcd batch: 1 to 1000 of 10000").endsWith(
                "zdcd batch: 9001 to 10000 of 10000");
    }

    @Test
    void not_null_without_a_default_adds_the_column_nullable_and_makes_it_not_null_in_contract(TestDatabase db)
            throws Exception {
        String sql = "ALTER TABLE shop_order ADD COLUMN rank integer NOT NULL;";
        // the original only succeeds on an empty table: compare there; the new code fills the old code's rows
        FixResult fix = proven(db, "0103_rank", sql, "", "UPDATE shop_order SET rank = 0 WHERE rank IS NULL");
        then(fix.statements()).singleElement().satisfies(s -> then(s.recipe())
                .contains("nullable-column-then-not-null"));
        then(fix.expandFiles()).singleElement().satisfies(f -> then(f.sql())
                .contains("ALTER TABLE shop_order ADD COLUMN rank integer;"));
        then(fix.contractFiles()).hasSize(3);

        // without a value for the old code's rows, the contract's VALIDATE fails and NOT NULL is not set
        fresh(db, "bf_fixed", "");
        try (Connection c = connect(db, "bf_fixed")) {
            apply(c, fix.expandFiles().get(0));
            run(c, OLD_INSERT.formatted(1));
            apply(c, fix.contractFiles().get(0));
            Throwable failure = catchThrowable(() -> apply(c, fix.contractFiles().get(1)));
            then(failure).isInstanceOf(SQLException.class).hasMessageContaining("violated by some row");
            c.rollback();
            c.setAutoCommit(true);
            then(value(c, "SELECT is_nullable FROM information_schema.columns WHERE table_schema = 'bf_fixed' "
                    + "AND table_name = 'shop_order' AND column_name = 'rank'")).isEqualTo("YES");
        }
    }

    @Test
    void an_unbatched_update_runs_in_batches_and_changes_the_same_rows(TestDatabase db) throws Exception {
        FixResult fix = proven(db, "0104_archive",
                "UPDATE shop_order SET note = 'archived:' || reference WHERE total < 5000.5;", ROWS);
        then(fix.statements()).singleElement().satisfies(s -> then(s.recipe()).contains("batched-update"));
        then(fix.files()).singleElement().satisfies(f -> {
            then(f.outsideTransaction()).isTrue();
            then(f.sql()).contains("UPDATE shop_order SET note = 'archived:' || reference WHERE id >= zdcd_lo "
                    + "AND id < zdcd_hi AND (total < 5000.5);");
        });
        then(rows(db, "bf_fixed")).isEqualTo(rows(db, "bf_orig"));
        try (Connection c = connect(db, "bf_fixed")) {
            then(value(c, "SELECT count(*) FROM shop_order WHERE note LIKE 'archived:%'")).isEqualTo("5000");
        }
    }

    @Test
    void an_update_and_a_delete_without_where_run_in_batches(TestDatabase db) throws Exception {
        proven(db, "0105_all", "UPDATE shop_order SET note = upper(reference);", ROWS);
        then(rows(db, "bf_fixed")).isEqualTo(rows(db, "bf_orig"));
        FixResult delete = proven(db, "0106_delete", "DELETE FROM shop_order WHERE total > 2500;", ROWS);
        then(delete.statements()).singleElement().satisfies(s -> then(s.recipe()).contains("batched-delete"));
        then(rows(db, "bf_fixed")).isEqualTo(rows(db, "bf_orig"));
    }

    @Test
    void a_backfill_after_adding_the_column_in_the_same_migration_runs_in_batches(TestDatabase db) throws Exception {
        FixResult fix = proven(db, "0107_flag", """
                ALTER TABLE shop_order ADD COLUMN flag boolean;
                UPDATE shop_order SET flag = false;
                """, ROWS);
        then(fix.files()).extracting(FixFile::outsideTransaction).containsExactly(false, true);
        then(fix.files().get(1).sql()).contains("UPDATE shop_order SET flag = false WHERE id >= zdcd_lo");
        try (Connection c = connect(db, "bf_fixed")) {
            then(value(c, "SELECT flag FROM shop_order WHERE id = 900001")).as("old code's row before the loop")
                    .isEqualTo("f");
            // the old code's row after the loop has no flag, as after the original (the column has no default)
            then(value(c, "SELECT string_agg(id::text, ',') FROM shop_order WHERE flag IS NOT false"))
                    .isEqualTo("900002");
        }
    }

    @Test
    void zdcds_runner_runs_the_loop_outside_a_transaction(TestDatabase db) {
        db.execute("DROP TABLE IF EXISTS public.bf_runner",
                "CREATE TABLE public.bf_runner (id int PRIMARY KEY, v text)",
                "INSERT INTO public.bf_runner SELECT g, NULL FROM generate_series(1, 2500) g");
        FixResult fix = MigrationFixer.builder().schema("CREATE TABLE bf_runner (id int PRIMARY KEY, v text);")
                .batchSize(1000).build().fix(Migration.of("V9__fill.sql", "UPDATE bf_runner SET v = 'x';"));
        then(fix.files()).singleElement().satisfies(f -> then(f.outsideTransaction()).isTrue());

        JdbcMigrationRunner runner = JdbcMigrationRunner.builder(
                PostgresDatabase.fromUrl(db.jdbcUrlWithCredentials())).build();
        MigrationResult result = runner.apply(new PendingMigration("V9__fill_001_expand.sql",
                fix.files().get(0).sql()), Progress.none());

        then(result.status()).as(result.toString()).isEqualTo(MigrationResult.Status.APPLIED);
        then(JdbcMigrationRunner.plan(new PendingMigration("x", fix.files().get(0).sql())))
                .singleElement().satisfies(tx -> then(tx.inTransaction()).isFalse());
        then(db.queryValue("SELECT count(*) FROM public.bf_runner WHERE v = 'x'")).hasToString("2500");
    }

    @Test
    void a_live_schema_gives_the_primary_key(TestDatabase db) {
        db.execute("DROP TABLE IF EXISTS public.bf_live", "CREATE TABLE public.bf_live (ref int PRIMARY KEY, v text)");
        FixResult fix = MigrationFixer.builder().liveSchema(PostgresDatabase.fromUrl(db.jdbcUrlWithCredentials()))
                .build().fix(Migration.of("live", "DELETE FROM bf_live WHERE v IS NULL;"));
        then(fix.isComplete()).as(fix.statements().toString()).isTrue();
        then(fix.files().get(0).sql()).contains("SELECT min(ref), max(ref) INTO zdcd_lo, zdcd_last FROM bf_live;");
    }

    @Test
    void without_a_single_column_integer_primary_key_or_with_a_non_repeatable_set_there_is_no_recipe() {
        then(reason(fixer, "UPDATE shop_event SET kind = 'x';")).isEqualTo("no recipe for rule "
                + "unbatched-data-change: no key to batch by: zdcd knows no primary key of shop_event; the batches "
                + "are ranges of a single-column integer primary key");
        then(reason(fixer, "UPDATE shop_line SET qty = 0;")).contains("the primary key of shop_line has 2 columns");
        then(reason(fixer, "DELETE FROM shop_tag;")).contains("the primary key shop_tag.code is text, not an integer");
        then(reason(MigrationFixer.defaults(), "UPDATE shop_order SET note = 'x';"))
                .contains("zdcd does not know the table shop_order");
        then(reason(fixer, "UPDATE shop_order SET total = total + 1;"))
                .contains("SET reads total, which it also sets").contains("twice");
        then(reason(fixer, "ALTER TABLE shop_event ADD COLUMN token uuid DEFAULT gen_random_uuid();"))
                .startsWith("no recipe for rule add-column-volatile-default: no key to batch the backfill by: ");
        then(reason(fixer, "ALTER TABLE shop_order ADD COLUMN IF NOT EXISTS token uuid DEFAULT random();"))
                .contains("only ADD [COLUMN] <name> <type> [DEFAULT <expression>] [NOT NULL] is covered");
        then(reason(fixer, "UPDATE shop_order o SET note = 'x';")).contains("alias");
    }

    @Test
    void the_batch_size_is_a_builder_option_between_1_and_1000000() {
        then(MigrationFixer.defaults().toString()).endsWith(", batches of 1000]");
        then(MigrationFixer.builder().schema(SCHEMA).batchSize(250).build()
                .fix(Migration.of("b", "DELETE FROM shop_order;")).files().get(0).sql())
                .contains("zdcd_hi := zdcd_lo + 250;");
        then(catchThrowable(() -> MigrationFixer.builder().batchSize(0))).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("batch size must be between 1 and 1000000: 0");
        then(catchThrowable(() -> MigrationFixer.builder().batchSize(1_000_001)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    // ---------------------------------------------------------------- the proof

    /**
     * Fixes the migration, then checks: every expand statement SAFE and every contract statement SAFE or
     * contract-phase; on identical schemas with {@code rows}, the original and expand + contract give the same catalog,
     * with the old code's inserts before and after the expand files that change rows ({@code newCode} runs before the
     * contract files, when given).
     */
    private FixResult proven(TestDatabase db, String name, String sql, String rows, String... newCode)
            throws SQLException {
        FixResult fix = fixer.fix(Migration.of(name + ".sql", sql));
        then(fix.isComplete()).as(fix.toString() + fix.statements()).isTrue();
        MigrationFixerTest.provenByTheClassifier(fix, SCHEMA);
        then(SqlMigrationClassifier.builder().schema(SCHEMA).build().classify(Migration.of(name, sql)).verdict())
                .as("the original is unsafe").isEqualTo(Verdict.UNSAFE);

        fresh(db, "bf_orig", rows);
        fresh(db, "bf_fixed", rows);
        try (Connection c = connect(db, "bf_orig")) {
            c.setAutoCommit(false);
            run(c, sql);
            c.commit();
        }
        int id = 900_001;
        try (Connection c = connect(db, "bf_fixed")) {
            for (FixFile f : fix.expandFiles()) {
                apply(c, f);
                if (!sql.startsWith("UPDATE") && !sql.startsWith("DELETE")) {
                    run(c, OLD_INSERT.formatted(id++)); // old code writes between the expand files
                }
            }
            for (String s : newCode) {
                run(c, s);
            }
            for (FixFile f : fix.contractFiles()) {
                apply(c, f);
            }
        }
        then(catalog(db, "bf_fixed")).as("catalog after expand + contract").isEqualTo(catalog(db, "bf_orig"));
        return fix;
    }

    private static void fresh(TestDatabase db, String schema, String rows) throws SQLException {
        db.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE", "CREATE SCHEMA " + schema);
        try (Connection c = connect(db, schema)) {
            run(c, SCHEMA);
            run(c, rows);
        }
    }

    private static List<String> rows(TestDatabase db, String schema) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Connection c = connect(db, schema); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT id, reference, note, total FROM shop_order ORDER BY id")) {
            while (rs.next()) {
                out.add(rs.getString(1) + "|" + rs.getString(2) + "|" + rs.getString(3) + "|" + rs.getString(4));
            }
        }
        return out;
    }

    private static String value(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }

    private static String reason(MigrationFixer fixer, String sql) {
        FixResult fix = fixer.fix(Migration.of("none", sql));
        then(fix.files()).as(sql).isEmpty();
        return fix.unfixed().get(0).explanation();
    }
}
