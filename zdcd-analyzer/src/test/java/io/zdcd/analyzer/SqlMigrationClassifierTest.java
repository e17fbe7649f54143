package io.zdcd.analyzer;

import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.BDDAssertions.then;

import io.zdcd.classify.Classification;
import io.zdcd.classify.ClassificationReport;
import io.zdcd.classify.Finding;
import io.zdcd.classify.LockMode;
import io.zdcd.classify.Migration;
import io.zdcd.classify.MigrationClassifier;
import io.zdcd.classify.StatementAnalysis;
import io.zdcd.classify.Verdict;
import java.util.List;
import org.junit.jupiter.api.Test;

class SqlMigrationClassifierTest {
    private final MigrationClassifier classifier = SqlMigrationClassifier.defaults();

    private static List<String> unsafeRules(Classification c) {
        return c.allFindings().stream().filter(f -> f.verdict() == Verdict.UNSAFE).map(Finding::ruleId).toList();
    }

    @Test
    void create_index_without_concurrently_is_unsafe() {
        Classification result = classifier.classify("CREATE INDEX idx_email ON users (email);");
        then(result.verdict()).isEqualTo(Verdict.UNSAFE);
        then(unsafeRules(result)).containsExactly("create-index-non-concurrently");
        StatementAnalysis s = result.statements().get(0);
        then(s.lock()).contains(LockMode.SHARE);
        then(s.blocks()).containsExactly(StatementAnalysis.Blocked.WRITES);
        then(s.scan()).isTrue();
        then(s.findings().get(0).safeAlternative()).contains("CREATE INDEX CONCURRENTLY idx_email ON users (email)");
    }

    @Test
    void create_index_concurrently_is_safe_outside_a_transaction_and_an_error_inside() {
        then(classifier.classify("CREATE INDEX CONCURRENTLY i ON users (email);").isSafe()).isTrue();
        Classification inTx = classifier.classify("BEGIN; CREATE INDEX CONCURRENTLY i ON users (email); COMMIT;");
        then(unsafeRules(inTx)).containsExactly("concurrently-in-transaction");
    }

    @Test
    void a_transaction_left_open_at_the_end_is_unsafe_on_the_statement_that_opened_it() {
        Classification c = classifier.classify("BEGIN;\nALTER TABLE users ADD COLUMN a text;\nCOMMIT;\n"
                + "BEGIN;\nALTER TABLE users ADD COLUMN b text;\n");
        then(unsafeRules(c)).containsExactly("unclosed-transaction");
        then(c.unsafeStatements()).extracting(StatementAnalysis::line).containsExactly(4);
        then(classifier.classify("BEGIN;\nALTER TABLE users ADD COLUMN a text;\nCOMMIT;").isSafe()).isTrue();
        then(classifier.classify("BEGIN;\nALTER TABLE users ADD COLUMN a text;\nROLLBACK;").isSafe()).isTrue();
        then(classifier.classify("BEGIN;\nCOMMIT AND CHAIN;\nCOMMIT;").isSafe()).isTrue();
        then(unsafeRules(classifier.classify("BEGIN;\nCOMMIT AND CHAIN;\n"))).containsExactly("unclosed-transaction");
    }

    @Test
    void an_index_on_a_table_created_in_the_same_migration_is_safe_and_locks_nothing_existing() {
        Classification c = classifier.classify("CREATE TABLE t (id bigint PRIMARY KEY, name text);\n"
                + "CREATE INDEX t_name ON t (name);");
        then(c.isSafe()).isTrue();
        then(c.statements()).allSatisfy(s -> then(s.lock()).isEmpty());
    }

    @Test
    void a_table_is_new_only_inside_the_migration_that_creates_it() {
        ClassificationReport r = classifier.classifyAll(List.of(
                Migration.of("0001", "CREATE TABLE t (id bigint PRIMARY KEY, name varchar(50));"),
                Migration.of("0002", "CREATE INDEX t_name ON t (name);")));
        then(r.migrations().get(0).isSafe()).isTrue();
        then(unsafeRules(r.migrations().get(1))).containsExactly("create-index-non-concurrently");
    }

    @Test
    void earlier_migrations_teach_column_types_so_widening_varchar_is_safe() {
        ClassificationReport r = classifier.classifyAll(List.of(
                Migration.of("0001", "CREATE TABLE t (id bigint PRIMARY KEY, name varchar(50) NOT NULL);"),
                Migration.of("0002", "ALTER TABLE \"t\" ALTER COLUMN \"name\" TYPE varchar(100) USING "
                        + "\"name\"::varchar(100);")));
        then(r.isSafe()).isTrue();
        then(r.migrations().get(1).statements().get(0).findings()).extracting(Finding::ruleId)
                .contains("alter-column-type-no-rewrite");
        Classification alone = classifier.classify("ALTER TABLE t ALTER COLUMN name TYPE varchar(100);");
        then(unsafeRules(alone)).containsExactly("alter-column-type");
    }

    @Test
    void schema_text_counts_as_existing() {
        SqlMigrationClassifier withSchema = SqlMigrationClassifier.builder()
                .schema("CREATE TABLE public.users (id bigint NOT NULL, email character varying(254) NOT NULL);")
                .build();
        Classification c = withSchema.classify("ALTER TABLE users ALTER COLUMN email TYPE text;");
        then(c.isSafe()).isTrue();
        then(c.statements().get(0).lock()).contains(LockMode.ACCESS_EXCLUSIVE);
        then(c.statements().get(0).rewrite()).isFalse();
        then(unsafeRules(withSchema.classify("CREATE INDEX i ON users (email);")))
                .containsExactly("create-index-non-concurrently");
    }

    @Test
    void transaction_control_and_set_have_no_lock() {
        Classification c = classifier.classify("BEGIN;\nSET lock_timeout = '2s';\nCOMMIT;");
        then(c.isSafe()).isTrue();
        then(c.statements()).extracting(StatementAnalysis::kind).containsExactly("BEGIN", "SET", "COMMIT");
        then(c.statements()).allSatisfy(s -> then(s.lock()).isEmpty());
    }

    @Test
    void unrecognised_statements_are_unsafe_with_the_reason() {
        Classification c = classifier.classify("FROBNICATE the_table;");
        then(unsafeRules(c)).containsExactly("unrecognised-statement");
        then(c.statements().get(0).findings().get(0).message()).contains("FROBNICATE");
    }

    @Test
    void ignore_comment_suppresses_the_named_rule_with_its_reason() {
        Classification c = classifier.classify("-- zdcd:ignore create-index-non-concurrently table has 10 rows\n"
                + "CREATE INDEX i ON flags (name);");
        then(c.isSafe()).isTrue();
        then(c.statements().get(0).findings().get(0).message()).startsWith("ignored by zdcd:ignore (table has 10 "
                + "rows)");
        then(c.findings()).isEmpty();
    }

    @Test
    void ignore_without_reason_is_not_applied_and_is_reported() {
        Classification c = classifier.classify("-- zdcd:ignore create-index-non-concurrently\n"
                + "CREATE INDEX i ON flags (name);");
        then(c.isSafe()).isFalse();
        then(c.findings()).extracting(Finding::ruleId).containsExactly("invalid-ignore");
    }

    @Test
    void a_zdcd_ignore_line_inside_copy_data_is_data_not_a_suppression() {
        Classification c = classifier.classify("COPY notes (body) FROM stdin;\n"
                + "-- zdcd:ignore create-index-non-concurrently it is only a note\n"
                + "\\.\n"
                + "CREATE INDEX notes_body ON users (name);\n");
        then(unsafeRules(c)).containsExactly("create-index-non-concurrently");
        then(c.findings()).isEmpty();
    }

    @Test
    void an_ignore_matching_nothing_is_reported() {
        Classification c = classifier.classify("-- zdcd:ignore drop-column we know\nALTER TABLE t ADD COLUMN c int;");
        then(c.isSafe()).isTrue();
        then(c.findings()).extracting(Finding::ruleId).containsExactly("unused-ignore");
        then(c.findings().get(0).message()).contains("line 1");
    }

    @Test
    void builder_validates_its_arguments() {
        assertThatThrownBy(() -> SqlMigrationClassifier.builder().postgresVersion(10))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("between 11 and 18");
        assertThatThrownBy(() -> SqlMigrationClassifier.builder().disableRule("no-such-rule"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("create-index-non-concurrently");
        then(SqlMigrationClassifier.builder().postgresVersion("14.2").build().postgresVersion()).isEqualTo(14);
    }

    @Test
    void disabled_rules_are_not_reported() {
        MigrationClassifier c = SqlMigrationClassifier.builder().disableRule("create-index-non-concurrently").build();
        then(c.classify("CREATE INDEX i ON users (email);").isSafe()).isTrue();
    }

    @Test
    void postgres_14_2_makes_concurrent_index_builds_unsafe() {
        MigrationClassifier c = SqlMigrationClassifier.builder().postgresVersion("14.2").build();
        then(unsafeRules(c.classify("CREATE INDEX CONCURRENTLY i ON users (email);")))
                .containsExactly("concurrent-index-pg14-bug");
        then(SqlMigrationClassifier.builder().postgresVersion("14.4").build()
                .classify("CREATE INDEX CONCURRENTLY i ON users (email);").isSafe()).isTrue();
    }

    @Test
    void to_string_is_readable() {
        then(classifier.classify("CREATE INDEX idx_email ON users (email)").toString())
                .isEqualTo("Classification[UNSAFE <inline>: 1 statement, 1 unsafe "
                        + "(create-index-non-concurrently@L1)]");
        then(SqlMigrationClassifier.defaults().toString()).isEqualTo("SqlMigrationClassifier[PostgreSQL 17]");
    }

    @Test
    void a_large_migration_is_classified_statement_by_statement_in_order() {
        StringBuilder sql = new StringBuilder();
        for (int i = 0; i < 5_000; i++) {
            sql.append(i % 2 == 0 ? "ALTER TABLE users ADD COLUMN c" + i + " int;\n"
                    : "CREATE INDEX i" + i + " ON users (c" + (i - 1) + ");\n");
        }
        Classification c = classifier.classify(sql.toString());
        then(c.statements()).hasSize(5_000);
        for (int i = 0; i < 5_000; i++) {
            StatementAnalysis s = c.statements().get(i);
            then(s.index()).isEqualTo(i + 1);
            then(s.line()).isEqualTo(i + 1);
            then(s.kind()).isEqualTo(i % 2 == 0 ? "ALTER TABLE ADD COLUMN" : "CREATE INDEX");
            then(s.verdict()).isEqualTo(i % 2 == 0 ? Verdict.SAFE : Verdict.UNSAFE);
        }
    }

    @Test
    void dropping_a_table_also_locks_the_tables_its_foreign_keys_reference() {
        ClassificationReport r = classifier.classifyAll(List.of(
                Migration.of("0001", "CREATE TABLE a (id bigint PRIMARY KEY);\n"
                        + "CREATE TABLE b (id bigint PRIMARY KEY, a_id bigint);\n"
                        + "ALTER TABLE b ADD CONSTRAINT b_a_fk FOREIGN KEY (a_id) REFERENCES a (id);"),
                Migration.of("0002", "DROP TABLE b;")));
        StatementAnalysis drop = r.migrations().get(1).statements().get(0);
        then(drop.tables()).containsExactly("b", "a");
        then(drop.lock()).contains(LockMode.ACCESS_EXCLUSIVE);
        then(drop.breaksOldCode()).isTrue();
    }

    @Test
    void widening_a_column_with_a_check_constraint_scans() {
        MigrationClassifier c = SqlMigrationClassifier.builder()
                .schema("CREATE TABLE ck (id int, v varchar(10) CHECK (length(v) > 0), w varchar(10));").build();
        then(c.classify("ALTER TABLE ck ALTER COLUMN w TYPE varchar(20);").isSafe()).isTrue();
        Classification v = c.classify("ALTER TABLE ck ALTER COLUMN v TYPE varchar(20);");
        then(v.isSafe()).isFalse();
        then(v.statements().get(0).scan()).isTrue();
        then(v.statements().get(0).rewrite()).isFalse();
    }
}
