package io.zdcd.analyzer.internal.recognise;

import static org.assertj.core.api.BDDAssertions.then;

import io.zdcd.analyzer.SqlMigrationClassifier;
import io.zdcd.classify.Finding;
import io.zdcd.classify.StatementAnalysis;
import io.zdcd.classify.Verdict;
import java.util.List;
import org.junit.jupiter.api.Test;

/** ALTER TABLE's actions: read in order, each after the ones before it changed the schema; findings in action order. */
class AlterTableRecogniserTest {

    private static StatementAnalysis judge(String schema, String sql) {
        return SqlMigrationClassifier.builder().postgresVersion("16").schema(schema).build()
                .classify("SET lock_timeout = '2s';\n" + sql).statements().get(1);
    }

    private static List<String> rules(StatementAnalysis s) {
        return s.findings().stream().map(Finding::ruleId).toList();
    }

    @Test
    void an_action_sees_the_column_an_earlier_action_of_the_same_statement_added() {
        StatementAnalysis s = judge("CREATE TABLE t (id int);",
                "ALTER TABLE t ADD COLUMN c int NOT NULL DEFAULT 0, ALTER COLUMN c DROP DEFAULT;");
        Finding drop = s.findings().stream().filter(f -> f.ruleId().equals("drop-default-not-null")).findFirst()
                .orElseThrow();
        then(drop.verdict()).isEqualTo(Verdict.UNSAFE);
        then(drop.message()).contains("that this migration just added with DEFAULT ... NOT NULL");
        then(s.kind()).isEqualTo("ALTER TABLE ADD COLUMN, DROP DEFAULT");
    }

    @Test
    void a_primary_key_using_index_sees_the_not_null_an_earlier_action_set() {
        StatementAnalysis s = judge("CREATE TABLE t (id int); CREATE UNIQUE INDEX t_id_idx ON t (id);",
                "ALTER TABLE t ALTER COLUMN id SET NOT NULL, ADD CONSTRAINT t_pkey PRIMARY KEY USING INDEX t_id_idx;");
        then(rules(s)).containsExactly("set-not-null", "add-constraint-using-index");
        then(s.findings().get(1).verdict()).isEqualTo(Verdict.SAFE);
    }

    @Test
    void an_added_column_reports_its_constraints_before_the_value_existing_rows_get() {
        then(rules(judge("CREATE TABLE t (id int);", "ALTER TABLE t ADD COLUMN n serial UNIQUE;")))
                .containsExactly("add-column-inline-constraint", "add-column-serial-or-identity");
        then(rules(judge("CREATE TABLE t (id int);", "ALTER TABLE t ADD COLUMN k int PRIMARY KEY;")))
                .containsExactly("add-column-inline-constraint", "add-column-not-null-without-default");
    }

    @Test
    void several_actions_give_their_findings_in_statement_order_and_one_kind_each() {
        StatementAnalysis s = judge("CREATE TABLE t (id int, a int, b int);",
                "ALTER TABLE t DROP COLUMN a, ADD COLUMN c int, DROP COLUMN b, RENAME COLUMN id TO key;");
        then(rules(s)).containsExactly("drop-column", "add-column", "drop-column", "rename-column");
        then(s.kind()).isEqualTo("ALTER TABLE DROP COLUMN, ADD COLUMN, RENAME COLUMN");
    }

    @Test
    void alter_foreign_table_is_read_by_the_alter_table_family() {
        StatementAnalysis s = judge("CREATE TABLE f (id int);", "ALTER FOREIGN TABLE f ADD COLUMN x int;");
        then(s.kind()).isEqualTo("ALTER FOREIGN TABLE ADD COLUMN");
        then(rules(s)).containsExactly("add-column");
    }

    @Test
    void attaching_next_to_an_old_default_partition_reports_its_scan_before_the_partition_bound_check() {
        String schema = "CREATE TABLE m (k int) PARTITION BY RANGE (k);"
                + " CREATE TABLE m_default PARTITION OF m DEFAULT; CREATE TABLE m_1 (k int);";
        StatementAnalysis s = judge(schema, "ALTER TABLE m ATTACH PARTITION m_1 FOR VALUES FROM (0) TO (10);");
        then(rules(s)).containsExactly("partition-default-scan", "attach-partition");
        then(s.findings()).allMatch(f -> f.verdict() == Verdict.UNSAFE);
        then(s.findings().get(0).message()).contains("also scans the DEFAULT partition m_default");
        StatementAnalysis second = judge(schema, "ALTER TABLE m ATTACH PARTITION m_1 DEFAULT;");
        then(rules(second)).containsExactly("attach-partition");
        then(second.findings().get(0).message()).contains("already has the DEFAULT partition m_default");
    }

    @Test
    void detach_concurrently_fails_in_a_transaction_and_before_postgresql_14() {
        String schema = "CREATE TABLE m (k int) PARTITION BY RANGE (k);"
                + " CREATE TABLE m_1 PARTITION OF m FOR VALUES FROM (0) TO (10);";
        StatementAnalysis s = SqlMigrationClassifier.builder().postgresVersion("16").schema(schema).build()
                .classify("BEGIN;\nSET lock_timeout = '2s';\nALTER TABLE m DETACH PARTITION m_1 CONCURRENTLY;\nCOMMIT;")
                .statements().get(2);
        then(rules(s)).containsExactly("concurrently-in-transaction", "detach-partition");
        then(s.kind()).isEqualTo("ALTER TABLE DETACH PARTITION CONCURRENTLY");
        StatementAnalysis old = SqlMigrationClassifier.builder().postgresVersion("13").schema(schema).build()
                .classify("SET lock_timeout = '2s';\nALTER TABLE m DETACH PARTITION m_1 CONCURRENTLY;").statements().get(1);
        then(rules(old)).containsExactly("unsupported-on-version");
        then(old.kind()).isEqualTo("ALTER TABLE DETACH PARTITION");
    }
}
