package io.zdcd.analyzer;

import static org.assertj.core.api.BDDAssertions.then;

import io.zdcd.classify.Classification;
import io.zdcd.classify.Finding;
import io.zdcd.classify.LockMode;
import io.zdcd.classify.Migration;
import io.zdcd.classify.StatementAnalysis;
import io.zdcd.classify.Verdict;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Issue 13 point 5: the cases a run over the peers' test suites found (each also a rule-corpus case). */
class PeerSuiteFixesTest {
    private static StatementAnalysis last(String schema, String sql) {
        Classification c = SqlMigrationClassifier.builder().schema(schema).build().classify(Migration.of("m", sql));
        return c.statements().get(c.statements().size() - 1);
    }

    private static List<String> unsafeRules(StatementAnalysis s) {
        return s.findings().stream().filter(f -> f.verdict() == Verdict.UNSAFE).map(Finding::ruleId).toList();
    }

    @Test
    void a_not_valid_not_null_check_on_a_column_the_old_code_does_not_write_breaks_it() {
        String schema = "CREATE TABLE orders (id bigserial PRIMARY KEY);";
        StatementAnalysis check = last(schema, "ALTER TABLE orders ADD COLUMN note text;\nALTER TABLE orders ADD "
                + "CONSTRAINT note_nn CHECK (note IS NOT NULL) NOT VALID;");
        then(unsafeRules(check)).containsExactly("add-check-not-valid");
        then(check.breaksOldCode()).isTrue();
        then(last(schema, "ALTER TABLE orders ADD COLUMN note text;\nALTER TABLE orders ADD CONSTRAINT note_pos "
                + "CHECK (length(note) > 0) NOT VALID;").isSafe()).as("NULL passes a CHECK that is not IS NOT NULL")
                .isTrue();
        then(last(schema + "ALTER TABLE orders ADD COLUMN note text;", "ALTER TABLE orders ADD CONSTRAINT note_nn "
                + "CHECK (note IS NOT NULL) NOT VALID;").isSafe()).as("a column of an earlier migration").isTrue();
    }

    @Test
    void reindex_locks_the_table_share_and_the_index_access_exclusive() {
        String schema = "CREATE TABLE users (id bigint, email text);\nCREATE INDEX users_email_idx ON users (email);";
        StatementAnalysis index = last(schema, "REINDEX INDEX users_email_idx;");
        then(index.locks()).containsExactlyInAnyOrderEntriesOf(Map.of("users", LockMode.SHARE, "users_email_idx",
                LockMode.ACCESS_EXCLUSIVE));
        StatementAnalysis table = last(schema, "REINDEX TABLE users;");
        then(table.locks()).containsExactlyInAnyOrderEntriesOf(Map.of("users", LockMode.SHARE, "users_email_idx",
                LockMode.ACCESS_EXCLUSIVE));
        then(unsafeRules(table)).containsExactly("reindex");
    }

    @Test
    void validating_a_domain_constraint_takes_share_lock_on_every_table_using_it() {
        StatementAnalysis s = last("CREATE DOMAIN positive_int AS int;\nCREATE TABLE stock (id bigint, qty "
                + "positive_int);\nCREATE TABLE other (id bigint);", "ALTER DOMAIN positive_int VALIDATE CONSTRAINT p;");
        then(s.locks()).containsExactly(Map.entry("stock", LockMode.SHARE));
        then(unsafeRules(s)).containsExactly("alter-domain-add-constraint");
        then(s.findings().get(0).message()).contains("(stock)");
    }

    @Test
    void fewer_false_alarms() {
        String pk = "CREATE TABLE orders (id bigint NOT NULL, new_id bigint NOT NULL);\nALTER TABLE orders ADD "
                + "CONSTRAINT orders_pkey PRIMARY KEY (id);\nCREATE UNIQUE INDEX orders_new_idx ON orders (new_id);";
        then(last(pk, "ALTER TABLE orders DROP CONSTRAINT orders_pkey, ADD CONSTRAINT orders_pkey PRIMARY KEY USING "
                + "INDEX orders_new_idx;").isSafe()).isTrue();
        then(unsafeRules(last(pk, "ALTER TABLE orders DROP CONSTRAINT orders_pkey;")))
                .containsExactly("drop-unique-constraint");
        String parts = "CREATE TABLE ev (id bigint, at date) PARTITION BY RANGE (at);\nCREATE TABLE ev_1 PARTITION OF "
                + "ev FOR VALUES FROM ('2020-01-01') TO ('2021-01-01');";
        then(last(parts, "ALTER TABLE ev DETACH PARTITION ev_1 FINALIZE;").isSafe()).isTrue();
        StatementAnalysis ts = last("CREATE TABLE t (at timestamp, d timestamp(3));", "ALTER TABLE t ALTER COLUMN at "
                + "TYPE timestamp(6);");
        then(ts.isSafe()).isTrue();
        then(ts.rewrite()).isFalse();
        then(last("CREATE TABLE t (at timestamp);", "ALTER TABLE t ALTER COLUMN at TYPE timestamp(3);").isSafe())
                .as("fewer digits round the values: rewrite").isFalse();
    }

    @Test
    void a_do_wrapper_is_judged_by_the_statement_inside() {
        String schema = "CREATE TABLE users (id bigint PRIMARY KEY);\nCREATE TABLE orders (id bigint, user_id bigint);";
        StatementAnalysis notValid = last(schema, "DO $$ BEGIN\n  ALTER TABLE orders ADD CONSTRAINT fk FOREIGN KEY "
                + "(user_id) REFERENCES users (id) NOT VALID;\nEXCEPTION\n  WHEN duplicate_object THEN null;\nEND $$;");
        then(notValid.isSafe()).as("%s", notValid.findings()).isTrue();
        then(notValid.kind()).isEqualTo("DO (ALTER TABLE ADD CONSTRAINT FOREIGN KEY NOT VALID)");
        then(notValid.lock()).contains(LockMode.SHARE_ROW_EXCLUSIVE);
        then(unsafeRules(last(schema, "DO $$ BEGIN ALTER TABLE orders ADD CONSTRAINT fk FOREIGN KEY (user_id) "
                + "REFERENCES users (id); EXCEPTION WHEN duplicate_object THEN NULL; END $$"))).contains("add-foreign-key");
        for (String opaque : List.of("DO $$ BEGIN PERFORM f(); EXCEPTION WHEN duplicate_object THEN null; END $$",
                "DO $$ BEGIN ALTER TABLE orders ADD COLUMN a int; ALTER TABLE orders ADD COLUMN b int; EXCEPTION WHEN "
                        + "duplicate_column THEN null; END $$",
                "DO $$ BEGIN ALTER TABLE orders ADD COLUMN a int; EXCEPTION WHEN others THEN null; END $$",
                "DO $$ BEGIN CREATE INDEX CONCURRENTLY i ON orders (id); EXCEPTION WHEN duplicate_table THEN null; "
                        + "END $$")) {
            then(unsafeRules(last(schema, opaque))).as(opaque).contains("opaque-code");
        }
    }
}
