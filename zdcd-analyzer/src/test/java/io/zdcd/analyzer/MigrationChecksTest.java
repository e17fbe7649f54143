package io.zdcd.analyzer;

import static org.assertj.core.api.BDDAssertions.then;

import io.zdcd.classify.Classification;
import io.zdcd.classify.Finding;
import io.zdcd.classify.Migration;
import io.zdcd.classify.StatementAnalysis;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The migration-level checks (one rule class each, run through their hooks): which statement their findings go to and
 * in which order, where the catalogue's order would differ.
 */
class MigrationChecksTest {
    static final String SCHEMA = """
            CREATE TABLE users (id bigint PRIMARY KEY, name text);
            CREATE TABLE tags (id text PRIMARY KEY, n int);
            """;
    static final String PYTHON = "--\n-- Raw Python operation\n--\n-- THIS OPERATION CANNOT BE WRITTEN AS SQL\n";

    private final SqlMigrationClassifier classifier = SqlMigrationClassifier.builder().schema(SCHEMA).build();

    private static List<String> ids(StatementAnalysis s) {
        return s.findings().stream().map(Finding::ruleId).toList();
    }

    @Test
    void a_long_operation_under_a_held_lock_comes_before_the_missing_lock_timeout() {
        Classification c = classifier.classify(Migration.of("m", """
                BEGIN;
                SET lock_timeout = '2s';
                LOCK TABLE users IN SHARE MODE;
                SET lock_timeout = 0;
                CLUSTER users USING users_pkey;
                COMMIT;
                """));
        then(ids(c.statements().get(4))).containsExactly("vacuum-full-or-cluster", "long-operation-under-held-lock",
                "lock-timeout-missing");
    }

    @Test
    void a_batch_loop_without_an_integer_key_in_a_transaction_is_unbatched_then_not_allowed() {
        String loop = BatchLoopClassifierTest.LOOP.replace("users", "tags").replace("name = 'x'", "n = 1")
                .replace("name IS NULL", "n IS NULL");
        Classification c = classifier.classify(Migration.of("m", "BEGIN;\n" + loop + "COMMIT;\n"));
        StatementAnalysis s = c.statements().get(1);
        then(s.kind()).isEqualTo("DO (batched UPDATE)");
        then(ids(s)).containsExactly("unbatched-data-change", "unbatched-data-change", "not-allowed-in-transaction");
        then(s.findings().get(1).message()).isEqualTo("UPDATE in batches of 1000 keys of tags.id, each batch "
                + "committed, but the primary key tags.id is text, not an integer; the batches are ranges of an integer "
                + "key: a batch may scan the whole table while it holds its row locks");
    }

    @Test
    void a_transaction_left_open_is_reported_before_a_python_operation_after_the_same_statement() {
        Classification c = classifier.classify(Migration.of("m", "BEGIN;\n" + PYTHON));
        then(ids(c.statements().get(0))).containsExactly("transaction-control", "unclosed-transaction",
                "django-python-operation");
        then(c.statements().get(0).findings().get(2).message()).startsWith("line 5: after this statement Django runs");
    }

    @Test
    void a_python_operation_before_a_statement_comes_first_on_it() {
        Classification c = classifier.classify(Migration.of("m", "BEGIN;\n" + PYTHON
                + "UPDATE users SET name = 'x' WHERE id = 1;\nCOMMIT;\n"));
        then(ids(c.statements().get(1))).containsExactly("django-python-operation", "data-change");
        then(c.statements().get(1).findings().get(0).message()).startsWith("line 5: before this statement Django");
    }

    @Test
    void invalid_and_unused_ignore_comments_are_reported_in_the_order_of_the_comments() {
        Classification c = classifier.classify(Migration.of("m", """
                -- zdcd:ignore
                -- zdcd:ignore truncate because
                SELECT 1;
                -- zdcd:ignore nonsense-id x
                SELECT 2;
                """));
        then(c.findings()).extracting(Finding::ruleId).containsExactly("invalid-ignore", "unused-ignore",
                "invalid-ignore");
        then(c.findings()).extracting(Finding::message).containsExactly(
                "line 1: zdcd:ignore needs a rule id and a reason (the comment is not applied)",
                "line 2: zdcd:ignore truncate matches no finding of the statement after it",
                "line 4: zdcd:ignore names an unknown rule 'nonsense-id' (the comment is not applied)");
    }

    @Test
    void nulls_not_distinct_before_15_fails_and_is_not_also_unrecognised() {
        Classification c = SqlMigrationClassifier.builder().schema(SCHEMA).postgresVersion(14).build().classify(
                Migration.of("m", "CREATE UNIQUE INDEX CONCURRENTLY i ON users (name) NULLS NOT DISTINCT;\n"));
        then(ids(c.statements().get(0))).contains("unsupported-on-version").doesNotContain("unrecognised-statement");
        then(c.statements().get(0).findings()).anyMatch(f -> f.message().equals("NULLS NOT DISTINCT needs "
                + "PostgreSQL 15+; the target is 14: the statement fails"));
    }
}
