package io.zdcd.analyzer.fix;

import static org.assertj.core.api.BDDAssertions.then;

import io.zdcd.analyzer.SqlMigrationClassifier;
import io.zdcd.analyzer.SqlScript;
import io.zdcd.analyzer.SqlStatement;
import io.zdcd.classify.Classification;
import io.zdcd.classify.ClassificationReport;
import io.zdcd.classify.Migration;
import io.zdcd.classify.Phase;
import io.zdcd.classify.Verdict;
import io.zdcd.testing.PostgresExtension;
import io.zdcd.testing.TestDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Each recipe on a real PostgreSQL: the expand files are SAFE by zdcd's classifier, applying expand + contract gives
 * the catalog the original migration gives on an identical database, and the old code's reads and writes work after
 * expand.
 */
@ExtendWith(PostgresExtension.class)
class MigrationFixerTest {
    static final String SCHEMA = """
            CREATE TABLE shop_customer (id bigint PRIMARY KEY, email text NOT NULL);
            CREATE TABLE shop_order (
                id bigint PRIMARY KEY,
                customer_id bigint NOT NULL,
                reference text NOT NULL,
                note text DEFAULT 'none',
                total numeric(10, 2) NOT NULL
            );
            CREATE TABLE shop_event (id bigint, kind text NOT NULL);
            """;
    static final String ROWS = """
            INSERT INTO shop_customer SELECT g, 'c' || g || '@example.com' FROM generate_series(1, 500) g;
            INSERT INTO shop_order SELECT g, 1 + g % 500, 'r' || g, 'n' || g, g FROM generate_series(1, 2000) g;
            INSERT INTO shop_event SELECT g, 'k' FROM generate_series(1, 300) g;
            """;
    /** The running (old) code: reads and writes that must keep working after expand. */
    static final List<String> OLD_CODE = List.of(
            "SELECT o.id, o.reference, c.email FROM shop_order o JOIN shop_customer c ON c.id = o.customer_id "
                    + "WHERE o.reference = 'r7'",
            "INSERT INTO shop_order (id, customer_id, reference, note, total) VALUES (900001, 3, 'new-1', 'x', 5)",
            "UPDATE shop_order SET total = total + 1, note = 'paid' WHERE id = 42",
            "INSERT INTO shop_event (id, kind) VALUES (900001, 'login')",
            "DELETE FROM shop_order WHERE id = 900001");

    private final MigrationFixer fixer = MigrationFixer.builder().schema(SCHEMA).build();

    @Test
    void create_index_becomes_concurrently_in_its_own_file_outside_a_transaction(TestDatabase db) throws Exception {
        FixResult fix = proven(db, "0001_index", "CREATE INDEX shop_order_reference_idx ON shop_order (reference);");
        then(fix.files()).hasSize(1);
        FixFile f = fix.files().get(0);
        then(f.name()).isEqualTo("0001_index_001_expand.sql");
        then(f.outsideTransaction()).isTrue();
        then(f.sql()).contains("CREATE INDEX CONCURRENTLY shop_order_reference_idx ON shop_order (reference);")
                .contains("DROP INDEX CONCURRENTLY IF EXISTS shop_order_reference_idx;").contains("INVALID");
        then(fix.statements()).singleElement().satisfies(s -> then(s.recipe()).contains("create-index-concurrently"));
    }

    @Test
    void foreign_key_becomes_not_valid_then_validate_in_a_separate_transaction(TestDatabase db) throws Exception {
        FixResult fix = proven(db, "0002_fk", "ALTER TABLE shop_order ADD CONSTRAINT shop_order_customer_fk "
                + "FOREIGN KEY (customer_id) REFERENCES shop_customer (id);");
        then(fix.files()).extracting(FixFile::name).containsExactly("0002_fk_001_expand.sql", "0002_fk_002_expand.sql");
        then(fix.files()).noneMatch(FixFile::outsideTransaction);
        then(fix.files().get(0).sql()).contains("REFERENCES shop_customer (id) NOT VALID;");
        then(fix.files().get(1).sql()).contains("ALTER TABLE shop_order VALIDATE CONSTRAINT shop_order_customer_fk;");
    }

    @Test
    void check_becomes_not_valid_then_validate(TestDatabase db) throws Exception {
        FixResult fix = proven(db, "0003_check",
                "ALTER TABLE shop_order ADD CONSTRAINT shop_order_total_positive CHECK (total > 0);");
        then(fix.expandFiles()).hasSize(2);
        then(fix.contractFiles()).isEmpty();
        then(fix.statements()).singleElement().satisfies(s -> then(s.recipe()).contains("check-not-valid-then-validate"));
    }

    @Test
    void set_not_null_goes_through_a_validated_check_and_drops_it_in_contract(TestDatabase db) throws Exception {
        FixResult fix = proven(db, "0004_not_null", "ALTER TABLE shop_order ALTER COLUMN note SET NOT NULL;");
        then(fix.files()).extracting(FixFile::name).containsExactly("0004_not_null_001_expand.sql",
                "0004_not_null_002_expand.sql", "0004_not_null_003_contract.sql");
        then(fix.contractFiles().get(0).sql()).contains("ALTER TABLE shop_order ALTER COLUMN note SET NOT NULL;")
                .contains("DROP CONSTRAINT \"shop_order_note_not_null_check\";");
    }

    @Test
    void unique_constraint_is_built_concurrently_then_attached(TestDatabase db) throws Exception {
        FixResult fix = proven(db, "0005_unique",
                "ALTER TABLE shop_order ADD CONSTRAINT shop_order_reference_key UNIQUE (reference);");
        then(fix.files()).extracting(FixFile::outsideTransaction).containsExactly(true, false);
        then(fix.files().get(1).sql())
                .contains("ADD CONSTRAINT shop_order_reference_key UNIQUE USING INDEX shop_order_reference_key;");
    }

    @Test
    void primary_key_on_a_nullable_column_proves_not_null_before_attaching(TestDatabase db) throws Exception {
        FixResult fix = proven(db, "0006_pk",
                "ALTER TABLE shop_event ADD CONSTRAINT shop_event_pkey PRIMARY KEY (id);");
        then(fix.statements()).singleElement()
                .satisfies(s -> then(s.recipe()).contains("primary-key-using-index-after-not-null"));
        then(fix.files().get(fix.files().size() - 1).sql()).contains("PRIMARY KEY USING INDEX shop_event_pkey;");
    }

    @Test
    void safe_statements_keep_their_place_around_a_recipe(TestDatabase db) throws Exception {
        FixResult fix = proven(db, "0007_mixed", """
                BEGIN;
                ALTER TABLE shop_order ADD COLUMN coupon text;
                CREATE INDEX shop_order_coupon_idx ON shop_order (coupon);
                ALTER TABLE shop_order ALTER COLUMN coupon SET DEFAULT 'none';
                COMMIT;
                """);
        then(fix.files()).extracting(FixFile::name).containsExactly("0007_mixed_001_expand.sql",
                "0007_mixed_002_expand.sql", "0007_mixed_003_expand.sql");
        then(fix.files().get(0).sql()).contains("ADD COLUMN coupon text;").doesNotContain("BEGIN");
        then(fix.files().get(1).sql()).contains("CREATE INDEX CONCURRENTLY shop_order_coupon_idx");
        then(fix.files().get(2).sql()).contains("SET DEFAULT 'none';");
    }

    @Test
    void a_dropped_column_moves_to_contract_and_the_old_code_keeps_it_until_then(TestDatabase db) throws Exception {
        FixResult fix = proven(db, "0009_drop", """
                ALTER TABLE shop_order DROP COLUMN note;
                CREATE INDEX shop_order_total_idx ON shop_order (total);
                """);
        then(fix.files()).extracting(FixFile::name).containsExactly("0009_drop_001_expand.sql",
                "0009_drop_002_contract.sql");
        then(fix.contractFiles().get(0).sql()).contains("ALTER TABLE shop_order DROP COLUMN note;")
                .contains("breaks only the code running now");
        then(fix.statements()).extracting(s -> s.recipe().orElse("")).containsExactly("move-to-contract",
                "create-index-concurrently");
    }

    @Test
    void a_renamed_column_is_a_new_column_synced_by_a_trigger_and_the_old_one_goes_in_contract(TestDatabase db)
            throws Exception {
        FixResult fix = proven(db, "0010_rename", "ALTER TABLE shop_order RENAME COLUMN reference TO ref_code;",
                true);
        then(fix.statements()).singleElement()
                .satisfies(s -> then(s.recipe()).contains("new-column-synced-by-trigger"));
        then(fix.expandFiles().get(0).sql()).contains("ADD COLUMN ref_code text;")
                .contains("CREATE TRIGGER \"zdcd_sync_reference_ref_code\" BEFORE INSERT OR UPDATE ON shop_order");
        then(fix.expandFiles().get(1).outsideTransaction()).isTrue();
        then(fix.expandFiles().get(1).sql()).contains("UPDATE shop_order SET ref_code = reference WHERE id >= zdcd_lo");
        then(fix.contractFiles()).last().satisfies(f -> then(f.sql())
                .contains("DROP TRIGGER \"zdcd_sync_reference_ref_code\" ON shop_order;")
                .contains("ALTER TABLE shop_order DROP COLUMN reference;"));
    }

    @Test
    void during_expand_the_old_and_the_new_code_see_the_same_values(TestDatabase db) throws Exception {
        FixResult fix = fixer.fix(Migration.of("0011_rename.sql",
                "ALTER TABLE shop_order RENAME COLUMN reference TO ref_code;"));
        fresh(db, "zdcd_sync");
        try (Connection c = connect(db, "zdcd_sync"); Statement s = c.createStatement()) {
            for (FixFile f : fix.expandFiles()) {
                apply(c, f);
            }
            s.execute("INSERT INTO shop_order (id, customer_id, reference, total) VALUES (800001, 1, 'old-code', 1)");
            s.execute("INSERT INTO shop_order (id, customer_id, ref_code, total) VALUES (800002, 1, 'new-code', 1)");
            s.execute("UPDATE shop_order SET reference = 'old-update' WHERE id = 7");
            s.execute("UPDATE shop_order SET ref_code = 'new-update' WHERE id = 8");
            try (var rs = s.executeQuery("SELECT count(*) FILTER (WHERE reference IS DISTINCT FROM ref_code), "
                    + "string_agg(ref_code, ',' ORDER BY id) FILTER (WHERE id IN (7, 8, 800001, 800002)) "
                    + "FROM shop_order")) {
                rs.next();
                then(rs.getInt(1)).as("rows where the two columns differ").isZero();
                then(rs.getString(2)).isEqualTo("old-update,new-update,old-code,new-code");
            }
        }
    }

    @Test
    void a_rewriting_type_change_fills_a_new_column_and_swaps_it_in_contract(TestDatabase db) throws Exception {
        FixResult fix = proven(db, "0012_type", "ALTER TABLE shop_order ALTER COLUMN customer_id TYPE numeric;",
                true);
        then(fix.statements()).singleElement()
                .satisfies(s -> then(s.recipe()).contains("new-column-filled-by-trigger-then-swapped"));
        then(fix.expandFiles().get(0).sql()).contains("ADD COLUMN \"customer_id_zdcd_new\" numeric;")
                .contains("CAST(NEW.customer_id AS numeric)");
        then(fix.contractFiles()).last().satisfies(f -> then(f.sql())
                .contains("ALTER TABLE shop_order DROP COLUMN customer_id;")
                .contains("ALTER TABLE shop_order RENAME COLUMN \"customer_id_zdcd_new\" TO customer_id"));
    }

    @Test
    void a_column_copy_needs_a_column_zdcd_can_copy_and_the_last_word_on_it() {
        then(fixer.fix(Migration.of("a.sql", "ALTER TABLE shop_order RENAME COLUMN note TO remark;")).unfixed())
                .singleElement().satisfies(s -> then(s.explanation()).contains("has a default"));
        then(fixer.fix(Migration.of("b.sql", "ALTER TABLE shop_order ALTER COLUMN reference TYPE integer;"))
                .unfixed()).singleElement().satisfies(s -> then(s.explanation()).contains("can fail"));
        then(fixer.fix(Migration.of("c.sql", "ALTER TABLE shop_order RENAME COLUMN reference TO ref_code;\n"
                + "CREATE INDEX shop_order_ref_idx ON shop_order (reference);")).unfixed())
                .singleElement().satisfies(s -> then(s.explanation()).contains("a later statement"));
        then(MigrationFixer.defaults().fix(Migration.of("d.sql", "ALTER TABLE t RENAME COLUMN a TO b;")).unfixed())
                .singleElement().satisfies(s -> then(s.explanation()).contains("zdcd does not know the column"));
    }

    @Test
    void djangos_add_field_with_a_default_keeps_the_database_default_until_contract(TestDatabase db) throws Exception {
        FixResult fix = proven(db, "0010_status", """
                BEGIN;
                ALTER TABLE "shop_order" ADD COLUMN "status" varchar(20) DEFAULT 'new' NOT NULL;
                ALTER TABLE "shop_order" ALTER COLUMN "status" DROP DEFAULT;
                COMMIT;
                """);
        then(fix.files()).extracting(FixFile::name).containsExactly("0010_status_001_expand.sql",
                "0010_status_002_contract.sql");
        then(fix.expandFiles().get(0).sql()).contains("DEFAULT 'new' NOT NULL").doesNotContain("DROP DEFAULT");
        then(fix.contractFiles().get(0).sql()).contains("ALTER COLUMN \"status\" DROP DEFAULT")
                .contains("the old code does not write this column");
        then(fix.statements()).extracting(s -> s.ruleId() + " -> " + s.recipe().orElse(""))
                .containsExactly("drop-default-not-null -> keep-database-default");
    }

    @Test
    void without_a_recipe_it_says_which_rule_and_why_and_keeps_the_statement_out() {
        FixResult fix = fixer.fix(Migration.of("0008_none.sql", """
                ALTER TABLE shop_order ALTER COLUMN total TYPE integer;
                ALTER TABLE shop_order ADD FOREIGN KEY (customer_id) REFERENCES shop_customer (id);
                CREATE INDEX shop_order_total_idx ON shop_order (total);
                """));
        then(fix.isComplete()).isFalse();
        then(fix.unfixed()).extracting(StatementFix::explanation).satisfiesExactly(
                e -> then(e).startsWith("no recipe for rule alter-column-type: "),
                e -> then(e).startsWith("no recipe for rule add-foreign-key: the constraint has no name"));
        then(fix.files()).singleElement().satisfies(f -> then(f.sql()).contains("shop_order_total_idx")
                .doesNotContain("TYPE integer").doesNotContain("FOREIGN KEY"));
        then(fix.toString()).isEqualTo("FixResult[0008_none.sql: incomplete, 1 unsafe statement fixed, 2 without a "
                + "recipe; files 0008_none_001_expand.sql]");
    }

    @Test
    void psql_meta_commands_and_inline_copy_data_are_reported_not_dropped() {
        FixResult fix = fixer.fix(Migration.of("0010_psql", "\\set ON_ERROR_STOP on\n"
                + "CREATE TABLE shop_tag (id bigint PRIMARY KEY, name text);\n"
                + "COPY shop_tag (id, name) FROM stdin;\n1\tred\n2\tblue\n\\.\n"
                + "CREATE INDEX shop_order_total_idx ON shop_order (total);\n"));
        then(fix.isComplete()).isFalse();
        then(fix.unfixed()).extracting(StatementFix::line).containsExactly(1, 3);
        then(fix.unfixed()).extracting(StatementFix::explanation).allMatch(e -> e.startsWith("SAFE in the "
                + "migration, but not carried into the files: "));
        then(fix.files()).extracting(FixFile::sql).noneMatch(sql -> sql.contains("COPY") || sql.contains("\\set"));
        then(fix.files()).extracting(FixFile::sql).anyMatch(sql -> sql.contains("CREATE TABLE shop_tag"));
    }

    @Test
    void a_sequence_the_classifier_does_not_prove_is_no_recipe() {
        // PostgreSQL 11 always scans for SET NOT NULL, validated CHECK or not: the recipe is not SAFE there
        FixResult fix = MigrationFixer.builder().postgresVersion(11).schema(SCHEMA).build()
                .fix(Migration.of("pg11", "ALTER TABLE shop_order ALTER COLUMN note SET NOT NULL;"));
        then(fix.files()).isEmpty();
        then(fix.unfixed()).singleElement().extracting(StatementFix::explanation).asString()
                .startsWith("no recipe for rule set-not-null: zdcd's classifier does not judge the "
                        + "not-null-via-validated-check sequence SAFE: ")
                .contains("SET NOT NULL");
    }

    @Test
    void a_live_schema_decides_whether_the_primary_key_needs_the_not_null_steps(TestDatabase db) {
        db.execute("DROP TABLE IF EXISTS public.live_nullable, public.live_not_null",
                "CREATE TABLE public.live_nullable (id bigint, kind text)",
                "CREATE TABLE public.live_not_null (id bigint NOT NULL, kind text)");
        MigrationFixer live = MigrationFixer.builder()
                .liveSchema(io.zdcd.jdbc.PostgresDatabase.fromUrl(db.jdbcUrlWithCredentials())).build();

        FixResult nullable = live.fix(Migration.of("pk1",
                "ALTER TABLE live_nullable ADD CONSTRAINT live_nullable_pkey PRIMARY KEY (id);"));
        FixResult notNull = live.fix(Migration.of("pk2",
                "ALTER TABLE live_not_null ADD CONSTRAINT live_not_null_pkey PRIMARY KEY (id);"));

        then(nullable.statements()).singleElement()
                .satisfies(s -> then(s.recipe()).contains("primary-key-using-index-after-not-null"));
        then(notNull.statements()).singleElement()
                .satisfies(s -> then(s.recipe()).contains("primary-key-using-index"));
        then(notNull.files()).extracting(FixFile::name).containsExactly("pk2_001_expand.sql", "pk2_002_expand.sql");
    }

    @Test
    void quoted_and_qualified_names_are_kept_as_written() {
        FixResult fix = MigrationFixer.defaults().fix(Migration.of("q",
                "ALTER TABLE app.\"Order\" ALTER COLUMN \"Note\" SET NOT NULL;"));
        then(fix.isComplete()).as(fix.statements().toString()).isTrue();
        then(fix.files().get(0).sql()).contains("ALTER TABLE app.\"Order\" ADD CONSTRAINT \"Order_Note_not_null_check\" "
                + "CHECK (\"Note\" IS NOT NULL) NOT VALID;");
        then(fix.contractFiles().get(0).sql()).contains("ALTER TABLE app.\"Order\" ALTER COLUMN \"Note\" SET NOT NULL;");
    }

    // ---------------------------------------------------------------- the proof

    /**
     * Fixes the migration, then checks: every expand and contract statement SAFE by the classifier; on two identical
     * schemas, the original migration and expand + contract give the same catalog; the old code works after expand.
     */
    private FixResult proven(TestDatabase db, String name, String sql) throws SQLException {
        return proven(db, name, sql, false);
    }

    /**
     * As {@link #proven(TestDatabase, String, String)}; with {@code notNullNamesMayDiffer}, PostgreSQL 18's NOT NULL
     * constraints (contype n) are compared without their names: a column copied into a new one gets a NOT NULL
     * constraint named after the new column (documented in docs/fix.md); NOT NULL itself is compared in the columns.
     */
    private FixResult proven(TestDatabase db, String name, String sql, boolean notNullNamesMayDiffer)
            throws SQLException {
        FixResult fix = fixer.fix(Migration.of(name + ".sql", sql));
        then(fix.isComplete()).as(fix.toString() + fix.statements()).isTrue();
        then(fix.files()).extracting(FixFile::name).isSorted();
        then(fix.files()).allMatch(f -> f.name().contains(f.phase().label()));
        provenByTheClassifier(fix, SCHEMA);
        Classification original = SqlMigrationClassifier.builder().schema(SCHEMA).build()
                .classify(Migration.of(name, sql));
        then(original.verdict()).as("the original is unsafe").isEqualTo(Verdict.UNSAFE);

        fresh(db, "zdcd_orig");
        fresh(db, "zdcd_fixed");
        try (Connection c = connect(db, "zdcd_orig")) {
            c.setAutoCommit(false);
            run(c, sql);
            c.commit();
        }
        try (Connection c = connect(db, "zdcd_fixed")) {
            for (FixFile f : fix.expandFiles()) {
                apply(c, f);
            }
            for (String old : OLD_CODE) {
                try (Statement s = c.createStatement()) {
                    s.execute(old);
                }
            }
            for (FixFile f : fix.contractFiles()) {
                apply(c, f);
            }
        }
        List<String> expected = catalog(db, "zdcd_orig");
        List<String> actual = catalog(db, "zdcd_fixed");
        if (notNullNamesMayDiffer) {
            java.util.function.UnaryOperator<List<String>> unnamed = rows -> rows.stream()
                    .map(r -> r.matches("constraint \\| [^|]+ \\| [^|]+ \\| n \\|.*")
                            ? r.replaceFirst("^(constraint \\| [^|]+ \\| )[^|]+ \\| (n \\| [^|]+ \\| ).*", "$1$2") : r)
                    .sorted().toList();
            expected = unnamed.apply(expected);
            actual = unnamed.apply(actual);
        }
        then(actual).as("catalog after expand + contract").isEqualTo(expected);
        return fix;
    }

    /**
     * Every expand file SAFE and every contract statement SAFE or contract-phase, by a classifier that knows
     * {@code schema}.
     */
    static void provenByTheClassifier(FixResult fix, String schema) {
        ClassificationReport report = SqlMigrationClassifier.builder().schema(schema).build()
                .classifyAll(fix.files().stream().map(f -> Migration.of(f.name(), f.sql())).toList());
        for (int i = 0; i < fix.files().size(); i++) {
            Classification c = report.migrations().get(i);
            if (fix.files().get(i).phase() == Phase.EXPAND) {
                then(c.verdict()).as(c.describe()).isEqualTo(Verdict.SAFE);
            } else {
                then(c.statements()).as(c.describe()).allMatch(s -> s.phase() != Phase.MAINTENANCE);
            }
        }
    }

    static void apply(Connection c, FixFile f) throws SQLException {
        if (f.outsideTransaction()) {
            c.setAutoCommit(true);
            run(c, f.sql());
        } else {
            c.setAutoCommit(false);
            run(c, f.sql());
            c.commit();
            c.setAutoCommit(true);
        }
    }

    static void run(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            for (SqlStatement st : SqlScript.split(sql)) {
                s.execute(st.text());
            }
        }
    }

    private static void fresh(TestDatabase db, String schema) throws SQLException {
        db.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE", "CREATE SCHEMA " + schema);
        try (Connection c = connect(db, schema)) {
            run(c, SCHEMA);
            run(c, ROWS);
        }
    }

    static Connection connect(TestDatabase db, String schema) throws SQLException {
        Connection c = db.connect();
        try (Statement s = c.createStatement()) {
            s.execute("SET search_path = " + schema);
        }
        return c;
    }

    /** Columns, types, defaults, NOT NULL, constraints (with validity) and indexes (with uniqueness, validity). */
    static List<String> catalog(TestDatabase db, String schema) throws SQLException {
        try (Connection c = connect(db, schema)) {
            return catalog(c, schema);
        }
    }

    /** As {@link #catalog(TestDatabase, String)}, over {@code c}, for the tables of {@code schema}. */
    static List<String> catalog(Connection c, String schema) throws SQLException {
        List<String> out = new ArrayList<>();
        {
            query(c, schema, "SELECT 'column', table_name, column_name, data_type, coalesce(character_maximum_length,"
                    + " numeric_precision), column_default, is_nullable FROM information_schema.columns "
                    + "WHERE table_schema = ? ORDER BY 2, 3", out);
            query(c, schema, "SELECT 'constraint', r.relname, co.conname, co.contype, co.convalidated, "
                    + "pg_get_constraintdef(co.oid) FROM pg_constraint co JOIN pg_class r ON r.oid = co.conrelid "
                    + "JOIN pg_namespace n ON n.oid = r.relnamespace WHERE n.nspname = ? ORDER BY 2, 3", out);
            query(c, schema, "SELECT 'index', ic.relname, i.indisunique, i.indisprimary, i.indisvalid, i.indisready,"
                    + " pg_get_indexdef(i.indexrelid) FROM pg_index i JOIN pg_class ic ON ic.oid = i.indexrelid "
                    + "JOIN pg_namespace n ON n.oid = ic.relnamespace WHERE n.nspname = ? ORDER BY 2", out);
        }
        return out;
    }

    private static void query(Connection c, String schema, String sql, List<String> out) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, schema);
            try (ResultSet rs = ps.executeQuery()) {
                int n = rs.getMetaData().getColumnCount();
                while (rs.next()) {
                    StringBuilder row = new StringBuilder();
                    for (int i = 1; i <= n; i++) {
                        row.append(i == 1 ? "" : " | ").append(rs.getString(i));
                    }
                    out.add(row.toString().replace(schema + ".", ""));
                }
            }
        }
    }
}
