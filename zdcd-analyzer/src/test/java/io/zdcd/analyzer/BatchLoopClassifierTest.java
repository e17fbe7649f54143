package io.zdcd.analyzer;

import static org.assertj.core.api.BDDAssertions.then;

import io.zdcd.classify.Classification;
import io.zdcd.classify.LockMode;
import io.zdcd.classify.Migration;
import io.zdcd.classify.StatementAnalysis;
import io.zdcd.classify.Verdict;
import org.junit.jupiter.api.Test;

/**
 * The batch loop {@code zdcd fix} writes is judged by what it runs: SAFE (RowExclusiveLock) exactly in its own shape,
 * over the table's known single-column integer primary key; any other DO block, or a tampered loop, stays UNSAFE.
 */
class BatchLoopClassifierTest {
    static final String SCHEMA = """
            CREATE TABLE users (id bigint PRIMARY KEY, name text, token uuid);
            CREATE TABLE audit (id bigint PRIMARY KEY, note text);
            """;
    static final String LOOP = """
            DO $zdcd_batch$
            DECLARE
                zdcd_lo bigint;
                zdcd_hi bigint;
                zdcd_last bigint;
            BEGIN
                SELECT min(id), max(id) INTO zdcd_lo, zdcd_last FROM users;
                WHILE zdcd_lo <= zdcd_last LOOP
                    zdcd_hi := zdcd_lo + 1000;
                    UPDATE users SET name = 'x' WHERE id >= zdcd_lo AND id < zdcd_hi AND (name IS NULL);
                    COMMIT;
                    RAISE NOTICE 'zdcd batch: % to % of %', zdcd_lo, zdcd_hi - 1, zdcd_last;
                    zdcd_lo := zdcd_hi;
                END LOOP;
            END
            $zdcd_batch$;
            """;

    private final SqlMigrationClassifier classifier = SqlMigrationClassifier.builder().schema(SCHEMA).build();

    @Test
    void the_loop_is_judged_by_its_update_in_batches_safe_with_row_exclusive_lock() {
        StatementAnalysis s = only(LOOP);
        then(s.verdict()).as(s.toString()).isEqualTo(Verdict.SAFE);
        then(s.lock()).contains(LockMode.ROW_EXCLUSIVE);
        then(s.kind()).isEqualTo("DO (batched UPDATE)");
        then(s.findings()).singleElement().satisfies(f -> {
            then(f.ruleId()).isEqualTo("data-change");
            then(f.message()).contains("in batches of 1000 keys of users.id, each batch committed");
        });
    }

    @Test
    void the_loop_must_run_outside_a_transaction_block() {
        then(io.zdcd.sql.SqlStatement.needsNoTransaction(LOOP)).isTrue();
        Classification c = classifier.classify(Migration.of("m", "BEGIN;\n" + LOOP + "COMMIT;\n"));
        then(c.verdict()).isEqualTo(Verdict.UNSAFE);
        then(c.allFindings()).anyMatch(f -> f.ruleId().equals("not-allowed-in-transaction"));
    }

    @Test
    void the_statement_inside_is_judged_by_the_existing_rules() {
        // a DELETE of a table zdcd does not know: no primary key to trust
        StatementAnalysis unknown = only(LOOP.replace("users", "sessions"));
        then(unknown.verdict()).isEqualTo(Verdict.UNSAFE);
        then(unknown.findings()).anyMatch(f -> f.message().contains("zdcd does not know the table sessions"));
        // a key that is not the primary key
        StatementAnalysis notKey = only(LOOP.replace("min(id), max(id)", "min(name), max(name)")
                .replace("WHERE id >= zdcd_lo AND id < zdcd_hi", "WHERE name >= zdcd_lo AND name < zdcd_hi"));
        then(notKey.verdict()).isEqualTo(Verdict.UNSAFE);
    }

    @Test
    void a_tampered_loop_stays_opaque_and_unsafe() {
        String update = "UPDATE users SET name = 'x' WHERE id >= zdcd_lo AND id < zdcd_hi AND (name IS NULL);";
        java.util.List<String> tampered = java.util.List.of(
                LOOP.replace(update, update + "\n        DELETE FROM audit;"),                 // an extra statement
                LOOP.replace(update, "DELETE FROM audit;\n" + update),
                LOOP.replace("        COMMIT;\n", ""),                                       // no COMMIT
                LOOP.replace("UPDATE users", "UPDATE audit"),                                 // another table
                LOOP.replace("FROM users;", "FROM audit;"),
                LOOP.replace("(name IS NULL)", "(name IS NULL) OR (true)"),                   // escapes the range
                LOOP.replace("AND (name IS NULL)", "AND (name IS NULL) OR name = 'y'"),
                LOOP.replace("zdcd_hi := zdcd_lo + 1000;", "zdcd_hi := zdcd_lo + 1000 * 1000;"),
                LOOP.replace("zdcd_hi := zdcd_lo + 1000;", "zdcd_hi := zdcd_lo + 1000001;"),  // too big to be a batch
                LOOP.replace("id < zdcd_hi", "id <= zdcd_last"),                              // one big batch
                LOOP.replace("SET name = 'x'", "SET name = 'x' FROM audit"),
                LOOP.replace("SET name = 'x'", "SET name = zdcd_last::text"),
                LOOP.replace("SET name = 'x'", "SET name = 'x' -- note\n"),
                LOOP.replace("$zdcd_batch$", "$$"),
                LOOP.replace("END LOOP;", "END LOOP;\n    EXECUTE 'DROP TABLE audit';"),
                LOOP.replace("zdcd_lo := zdcd_hi;", "zdcd_lo := zdcd_hi;\n        PERFORM pg_sleep(10);"),
                LOOP.replace("RAISE NOTICE", "RAISE EXCEPTION"));
        for (String sql : tampered) {
            then(sql).isNotEqualTo(LOOP);
            StatementAnalysis s = classifier.classify(Migration.of("m", sql)).statements().get(0);
            then(s.verdict()).as(sql).isEqualTo(Verdict.UNSAFE);
        }
    }

    private StatementAnalysis only(String sql) {
        Classification c = classifier.classify(Migration.of("m", sql));
        then(c.statements()).hasSize(1);
        return c.statements().get(0);
    }
}
