package io.zdcd.analyzer;

import static org.assertj.core.api.BDDAssertions.then;

import io.zdcd.classify.Classification;
import io.zdcd.classify.Finding;
import io.zdcd.classify.LockMode;
import io.zdcd.classify.StatementAnalysis;
import io.zdcd.classify.Verdict;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Inline foreign keys on new columns, partitions and a DEFAULT partition of their parent, and column type changes
 * that rebuild only the column's indexes (a new collation, citext to text), as PostgreSQL 17 behaves.
 */
class PartitionAndIndexRebuildTest {

    private static Classification classify(String schema, String sql) {
        return SqlMigrationClassifier.builder().postgresVersion("17").schema(schema).build().classify(sql);
    }

    private static StatementAnalysis last(Classification c) {
        return c.statements().get(c.statements().size() - 1);
    }

    private static List<String> unsafeRules(Classification c) {
        return c.allFindings().stream().filter(f -> f.verdict() == Verdict.UNSAFE).map(Finding::ruleId).toList();
    }

    private static Finding finding(StatementAnalysis s, String rule) {
        return s.findings().stream().filter(f -> f.ruleId().equals(rule)).findFirst().orElseThrow(
                () -> new AssertionError("no " + rule + " finding in " + s.findings()));
    }

    // ------------------------------------------------------------ inline REFERENCES on a new column

    private static final String FK_SCHEMA = "CREATE TABLE app_org (id bigint PRIMARY KEY);\n"
            + "CREATE TABLE app_author (id bigint PRIMARY KEY, name text);";

    @Test
    void django_add_field_foreign_key_null_is_safe_because_postgresql_skips_the_validation() {
        Classification c = classify(FK_SCHEMA, "ALTER TABLE \"app_author\" ADD COLUMN \"org_id\" bigint NULL "
                + "CONSTRAINT \"app_author_org_id_fk_app_org_id\" REFERENCES \"app_org\"(\"id\") DEFERRABLE "
                + "INITIALLY DEFERRED;");
        StatementAnalysis s = last(c);
        then(c.verdict()).as("%s", c.allFindings()).isEqualTo(Verdict.SAFE);
        then(s.scan()).isFalse();
        then(s.rewrite()).isFalse();
        then(s.lock()).contains(LockMode.ACCESS_EXCLUSIVE);
        then(s.tables()).contains("app_author", "app_org");
        then(finding(s, "add-column-inline-constraint").message()).contains("skips the validation scan")
                .contains("ShareRowExclusiveLock on app_org");
    }

    @Test
    void inline_references_with_a_default_or_a_check_still_scan() {
        for (String sql : List.of(
                "ALTER TABLE app_author ADD COLUMN org_id bigint DEFAULT 1 REFERENCES app_org (id)",
                "ALTER TABLE app_author ADD COLUMN org_id bigint DEFAULT NULL REFERENCES app_org (id)",
                "ALTER TABLE app_author ADD COLUMN org_id bigint REFERENCES app_org (id), "
                        + "ADD COLUMN n int DEFAULT 0",
                "ALTER TABLE app_author ADD COLUMN org_id bigint REFERENCES app_org (id), "
                        + "ADD CONSTRAINT f FOREIGN KEY (name) REFERENCES app_org (id)")) {
            Classification c = classify(FK_SCHEMA, sql);
            then(unsafeRules(c)).as(sql).contains("add-column-inline-constraint");
            then(c.statements().get(0).scan()).as(sql).isTrue();
        }
        Classification check = classify(FK_SCHEMA,
                "ALTER TABLE app_author ADD COLUMN org_id bigint REFERENCES app_org (id) CHECK (org_id > 0)");
        then(unsafeRules(check)).containsExactly("add-column-inline-constraint");
        then(check.allFindings()).filteredOn(f -> f.verdict() == Verdict.UNSAFE).extracting(Finding::message)
                .singleElement().asString().contains("inline CHECK");
    }

    @Test
    void inline_references_on_a_not_null_column_without_default_is_judged_by_the_not_null_rule() {
        Classification c = classify(FK_SCHEMA,
                "ALTER TABLE app_author ADD COLUMN org_id bigint NOT NULL REFERENCES app_org (id)");
        then(unsafeRules(c)).containsExactly("add-column-not-null-without-default");
    }

    // ------------------------------------------------------------ CREATE TABLE ... PARTITION OF, ATTACH

    private static final String PARTITIONED = "CREATE TABLE measurements (id bigint, at date NOT NULL) "
            + "PARTITION BY RANGE (at);\n"
            + "CREATE TABLE m2025 PARTITION OF measurements FOR VALUES FROM ('2025-01-01') TO ('2026-01-01');\n";
    private static final String WITH_DEFAULT = PARTITIONED + "CREATE TABLE m_default PARTITION OF measurements DEFAULT;";
    private static final String CREATE_2026 = "CREATE TABLE m2026 PARTITION OF measurements "
            + "FOR VALUES FROM ('2026-01-01') TO ('2027-01-01');";
    private static final String ATTACH_2026 = "CREATE TABLE m2026 (LIKE measurements);\n"
            + "ALTER TABLE measurements ATTACH PARTITION m2026 FOR VALUES FROM ('2026-01-01') TO ('2027-01-01');";

    @Test
    void a_new_partition_scans_a_known_default_partition_under_access_exclusive_lock() {
        Classification c = classify(WITH_DEFAULT, CREATE_2026);
        StatementAnalysis s = last(c);
        then(unsafeRules(c)).containsExactly("partition-default-scan");
        then(s.scan()).isTrue();
        then(s.lock()).contains(LockMode.ACCESS_EXCLUSIVE);
        then(s.tables()).contains("measurements", "m_default");
        Finding f = finding(s, "partition-default-scan");
        then(f.message()).contains("scans the DEFAULT partition m_default").contains("AccessExclusiveLock on "
                + "measurements and m_default");
        then(f.safeAlternative()).contains("ALTER TABLE m_default ADD CONSTRAINT").contains("NOT VALID")
                .contains("VALIDATE CONSTRAINT");
    }

    @Test
    void a_default_partition_attached_pg_dump_style_is_known_too() {
        String schema = PARTITIONED + "CREATE TABLE m_default (id bigint, at date NOT NULL);\n"
                + "ALTER TABLE ONLY public.measurements ATTACH PARTITION public.m_default DEFAULT;";
        then(unsafeRules(classify(schema, CREATE_2026))).containsExactly("partition-default-scan");
        String ifNotExists = PARTITIONED + "CREATE TABLE IF NOT EXISTS m_default PARTITION OF measurements DEFAULT;";
        then(unsafeRules(classify(ifNotExists, CREATE_2026))).containsExactly("partition-default-scan");
    }

    @Test
    void a_new_partition_is_safe_when_the_parent_has_no_default_partition_or_it_went_away() {
        for (String schema : List.of(PARTITIONED, WITH_DEFAULT + "\nDROP TABLE m_default;",
                WITH_DEFAULT + "\nALTER TABLE measurements DETACH PARTITION m_default;")) {
            Classification c = classify(schema, CREATE_2026);
            then(c.verdict()).as(schema).isEqualTo(Verdict.SAFE);
            then(finding(last(c), "create-table").message()).as(schema).contains("no DEFAULT partition");
        }
    }

    @Test
    void a_new_partition_of_an_unknown_parent_stays_safe_but_says_what_zdcd_does_not_know() {
        Classification c = classify("", CREATE_2026);
        then(c.verdict()).isEqualTo(Verdict.SAFE);
        then(finding(last(c), "create-table").message()).contains("does not know whether measurements has a "
                + "DEFAULT partition");
    }

    @Test
    void a_default_partition_created_in_the_same_migration_is_empty() {
        Classification c = classify(PARTITIONED, "CREATE TABLE m_default PARTITION OF measurements DEFAULT;\n"
                + CREATE_2026);
        then(c.verdict()).as("%s", c.allFindings()).isEqualTo(Verdict.SAFE);
        then(last(c).scan()).isFalse();
    }

    @Test
    void a_second_default_partition_fails() {
        Classification c = classify(WITH_DEFAULT, "CREATE TABLE m_other PARTITION OF measurements DEFAULT;");
        then(unsafeRules(c)).containsExactly("create-table");
        then(c.allFindings().get(0).message()).contains("already has the DEFAULT partition m_default");
    }

    @Test
    void attaching_a_new_table_scans_a_known_default_partition() {
        Classification c = classify(WITH_DEFAULT, ATTACH_2026);
        StatementAnalysis attach = last(c);
        then(unsafeRules(c)).containsExactly("partition-default-scan");
        then(attach.scan()).isTrue();
        then(attach.lock()).contains(LockMode.ACCESS_EXCLUSIVE);
        then(attach.tables()).contains("m_default");
        Classification none = classify(PARTITIONED, ATTACH_2026);
        then(none.verdict()).isEqualTo(Verdict.SAFE);
        then(last(none).lock()).contains(LockMode.SHARE_UPDATE_EXCLUSIVE);
        then(finding(last(none), "attach-partition").message()).contains("no DEFAULT partition");
        then(finding(last(classify("", ATTACH_2026)), "attach-partition").message())
                .contains("does not know whether measurements has a DEFAULT partition");
    }

    // ------------------------------------------------------------ DETACH PARTITION

    @Test
    void detach_concurrently_says_which_relation_gets_which_lock_and_does_not_offer_itself() {
        String sql = "ALTER TABLE measurements DETACH PARTITION m2025 CONCURRENTLY;";
        Classification c = classify(PARTITIONED, sql);
        Finding f = finding(last(c), "detach-partition");
        then(f.verdict()).isEqualTo(Verdict.UNSAFE);
        then(f.message()).contains("ShareUpdateExclusiveLock on measurements")
                .contains("AccessExclusiveLock on m2025");
        then(f.safeAlternative()).doesNotContain("CONCURRENTLY").isNotBlank();
    }

    @Test
    void detach_concurrently_fails_when_a_default_partition_is_known() {
        Classification c = classify(WITH_DEFAULT, "ALTER TABLE measurements DETACH PARTITION m2025 CONCURRENTLY;");
        StatementAnalysis s = last(c);
        Finding f = finding(s, "detach-partition");
        then(f.verdict()).isEqualTo(Verdict.UNSAFE);
        then(f.message()).contains("cannot detach partitions concurrently when a default partition exists");
        then(f.safeAlternative()).doesNotContain("CONCURRENTLY;");
        then(s.lock()).contains(LockMode.SHARE_UPDATE_EXCLUSIVE); // it fails before it locks the partition
    }

    @Test
    void plain_detach_with_a_default_partition_does_not_recommend_concurrently() {
        Classification c = classify(WITH_DEFAULT, "ALTER TABLE measurements DETACH PARTITION m2025;");
        Finding f = finding(last(c), "detach-partition");
        then(f.message()).contains("the DEFAULT partition m_default");
        then(f.safeAlternative()).doesNotContain("CONCURRENTLY;");
        then(finding(last(classify(PARTITIONED, "ALTER TABLE measurements DETACH PARTITION m2025;")),
                "detach-partition").safeAlternative()).contains("DETACH PARTITION m2025 CONCURRENTLY;");
    }

    // ------------------------------------------------------------ collation and citext: index rebuilds only

    private static final String COLLATE = "ALTER TABLE p ALTER COLUMN email TYPE varchar(200) COLLATE \"C\"";

    @Test
    void a_collation_change_without_an_index_on_the_column_is_safe() {
        Classification c = classify("CREATE TABLE p (id bigint PRIMARY KEY, email varchar(100));", COLLATE);
        then(c.verdict()).as("%s", c.allFindings()).isEqualTo(Verdict.SAFE);
        then(finding(last(c), "alter-column-type-no-rewrite").message()).contains("has none on email");
    }

    @Test
    void a_collation_change_on_an_indexed_column_rebuilds_its_indexes_without_rewriting_the_table() {
        for (String index : List.of("CREATE INDEX p_email ON p (email);", "CREATE INDEX ON p (lower(email));",
                "CREATE UNIQUE INDEX p_x ON p (id) WHERE email IS NOT NULL;",
                "ALTER TABLE p ADD CONSTRAINT p_email_key UNIQUE (email);", "ALTER TABLE p ADD UNIQUE (email);")) {
            Classification c = classify("CREATE TABLE p (id bigint PRIMARY KEY, email varchar(100));\n" + index,
                    COLLATE);
            StatementAnalysis s = last(c);
            then(unsafeRules(c)).as(index).containsExactly("alter-column-type");
            then(s.rewrite()).as(index).isFalse();
            then(s.scan()).as(index).isTrue();
            then(s.findings().get(0).message()).as(index).contains("rebuilds its indexes")
                    .doesNotContain("rewrites the table");
        }
    }

    @Test
    void indexes_follow_renamed_columns_copied_tables_and_partitions() {
        for (String[] schemaAndSql : List.of(
                new String[] {"CREATE TABLE p (id int, mail varchar(100) UNIQUE);\n"
                        + "ALTER TABLE p RENAME COLUMN mail TO email;", COLLATE},
                new String[] {"CREATE TABLE src (id int, email varchar(100));\n"
                        + "CREATE INDEX src_email ON src (email);\n"
                        + "CREATE TABLE p (LIKE src INCLUDING ALL);", COLLATE},
                new String[] {"CREATE TABLE p (id int, email varchar(100)) PARTITION BY RANGE (id);\n"
                        + "CREATE TABLE p1 PARTITION OF p FOR VALUES FROM (0) TO (10);\n"
                        + "CREATE INDEX p1_email ON p1 (email);", COLLATE})) {
            Classification c = classify(schemaAndSql[0], schemaAndSql[1]);
            then(unsafeRules(c)).as(schemaAndSql[0]).containsExactly("alter-column-type");
        }
    }

    @Test
    void a_collation_change_on_an_unknown_column_stays_unsafe() {
        then(unsafeRules(classify("", COLLATE))).containsExactly("alter-column-type");
    }

    @Test
    void citext_to_text_rebuilds_the_indexes_but_does_not_rewrite_the_table() {
        Classification c = classify("CREATE TABLE p (id bigint PRIMARY KEY, email citext UNIQUE);",
                "ALTER TABLE p ALTER COLUMN email TYPE text");
        StatementAnalysis s = last(c);
        then(unsafeRules(c)).containsExactly("alter-column-type");
        then(s.rewrite()).isFalse();
        then(s.scan()).isTrue();
        then(s.findings().get(0).message()).contains("rebuilds its indexes").doesNotContain("rewrites the table");
        Classification noIndex = classify("CREATE TABLE p (id bigint PRIMARY KEY, email citext);",
                "ALTER TABLE p ALTER COLUMN email TYPE text");
        then(noIndex.verdict()).as("%s", noIndex.allFindings()).isEqualTo(Verdict.SAFE);
        Classification bounded = classify("CREATE TABLE p (id bigint PRIMARY KEY, email citext);",
                "ALTER TABLE p ALTER COLUMN email TYPE varchar(50)");
        then(last(bounded).rewrite()).as("a length limit is checked by a rewrite").isTrue();
    }
}
