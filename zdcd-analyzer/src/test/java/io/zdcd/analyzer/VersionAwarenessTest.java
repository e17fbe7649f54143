package io.zdcd.analyzer;

import static org.assertj.core.api.BDDAssertions.then;

import io.zdcd.classify.Classification;
import io.zdcd.classify.Finding;
import io.zdcd.classify.LockMode;
import io.zdcd.classify.Verdict;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class VersionAwarenessTest {

    private static Classification classify(String version, String sql) {
        return SqlMigrationClassifier.builder().postgresVersion(version).build().classify(sql);
    }

    private static List<String> unsafeRules(Classification c) {
        return c.allFindings().stream().filter(f -> f.verdict() == Verdict.UNSAFE).map(Finding::ruleId).toList();
    }

    @ParameterizedTest(name = "PostgreSQL {0}: {2}")
    @CsvSource(delimiter = '|', textBlock = """
            11   | SAFE   | ALTER TABLE users ADD COLUMN active boolean DEFAULT true NOT NULL
            11   | UNSAFE | REINDEX INDEX CONCURRENTLY users_email
            12   | SAFE   | REINDEX INDEX CONCURRENTLY users_email
            12   | UNSAFE | ALTER TABLE users ALTER COLUMN g DROP EXPRESSION
            13   | SAFE   | ALTER TABLE users ALTER COLUMN g DROP EXPRESSION
            13   | UNSAFE | ALTER TABLE users ALTER COLUMN bio SET COMPRESSION lz4
            14   | SAFE   | ALTER TABLE users ALTER COLUMN bio SET COMPRESSION lz4
            13   | UNSAFE | ALTER TABLE events DETACH PARTITION e1 FINALIZE
            14.0 | UNSAFE | CREATE INDEX CONCURRENTLY i ON users (email)
            14.3 | UNSAFE | REINDEX TABLE CONCURRENTLY users
            14.4 | SAFE   | CREATE INDEX CONCURRENTLY i ON users (email)
            14   | SAFE   | CREATE INDEX CONCURRENTLY i ON users (email)
            14   | UNSAFE | ALTER TABLE users SET ACCESS METHOD heap2
            16   | UNSAFE | ALTER TABLE users ALTER COLUMN g SET EXPRESSION AS (1)
            17   | UNSAFE | ALTER TABLE users ADD CONSTRAINT n NOT NULL name NOT VALID
            18   | SAFE   | ALTER TABLE users ADD CONSTRAINT n NOT NULL name NOT VALID
            17   | UNSAFE | ALTER TABLE users ADD COLUMN g int GENERATED ALWAYS AS (1)
            18   | SAFE   | ALTER TABLE users ADD COLUMN g int GENERATED ALWAYS AS (1)
            18   | SAFE   | ALTER TABLE users ADD COLUMN g int GENERATED ALWAYS AS (1) VIRTUAL
            18   | UNSAFE | ALTER TABLE users ADD COLUMN g int GENERATED ALWAYS AS (1) STORED
            """)
    void verdicts_follow_the_target_version(String version, Verdict verdict, String sql) {
        Classification c = classify(version, sql);
        then(c.verdict()).as("%s", c.allFindings()).isEqualTo(verdict);
    }

    @ParameterizedTest
    @ValueSource(strings = {"11", "12", "13", "14", "15", "16", "17", "18"})
    void index_rename_lock_is_lower_from_12(String version) {
        Classification c = classify(version, "ALTER INDEX users_email RENAME TO users_email_idx");
        then(c.statements().get(0).lock()).contains(Integer.parseInt(version) >= 12
                ? LockMode.SHARE_UPDATE_EXCLUSIVE : LockMode.ACCESS_EXCLUSIVE);
        then(c.isSafe()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"11", "12", "17", "18"})
    void set_not_null_advice_is_version_correct(String version) {
        Classification c = classify(version, "ALTER TABLE users ALTER COLUMN name SET NOT NULL");
        then(unsafeRules(c)).containsExactly("set-not-null");
        String alternative = c.statements().get(0).findings().get(0).safeAlternative();
        switch (version) {
            case "11" -> then(alternative).contains("PostgreSQL 11 always scans");
            case "18" -> then(alternative).contains("NOT NULL name NOT VALID");
            default -> then(alternative).contains("CHECK (name IS NOT NULL) NOT VALID").contains("SET NOT NULL");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"11", "12"})
    void attach_partition_locks_the_parent_less_from_12(String version) {
        Classification c = classify(version, "CREATE TABLE p2 (LIKE p);\n"
                + "ALTER TABLE p ATTACH PARTITION p2 FOR VALUES FROM (1) TO (2);");
        then(c.statements().get(1).lock()).contains(version.equals("11") ? LockMode.ACCESS_EXCLUSIVE
                : LockMode.SHARE_UPDATE_EXCLUSIVE);
    }

    @ParameterizedTest(name = "PostgreSQL {0}: {2} takes {1}")
    @CsvSource(delimiter = '|', textBlock = """
            17 | none            | GRANT SELECT ON users TO reporting
            18 | AccessShareLock | GRANT SELECT ON users TO reporting
            18 | AccessShareLock | GRANT SELECT (email) ON TABLE public.users, orders TO reporting
            18 | none            | GRANT USAGE ON SCHEMA public TO reporting
            18 | none            | GRANT SELECT ON ALL TABLES IN SCHEMA public TO reporting
            18 | none            | GRANT USAGE ON SEQUENCE users_id_seq TO app
            18 | none            | GRANT app TO reporting
            17 | none            | REVOKE INSERT ON users FROM app
            18 | AccessShareLock | REVOKE INSERT ON users FROM app
            """)
    void grant_and_revoke_take_access_share_on_tables_from_postgresql_18(String version, String lock, String sql) {
        Classification c = classify(version, sql);
        then(c.statements().get(0).lock().map(LockMode::pgName).orElse("none")).as("%s", c).isEqualTo(lock);
        then(c.statements().get(0).blocks()).isEmpty();
        then(c.isSafe()).isEqualTo(sql.startsWith("GRANT"));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"GRANT SELECT ON t TO reporting", "REVOKE ALL ON t FROM PUBLIC"})
    void privileges_on_a_table_created_in_the_same_migration_lock_nothing_existing(String sql) {
        Classification c = classify("18", "CREATE TABLE t (a int);\n" + sql + ";");
        then(c.isSafe()).isTrue();
        then(c.statements().get(1).lock()).isEmpty();
        then(c.statements().get(1).tables()).containsExactly("t");
    }
}
