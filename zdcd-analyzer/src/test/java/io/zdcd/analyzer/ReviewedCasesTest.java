package io.zdcd.analyzer;

import static org.assertj.core.api.BDDAssertions.then;

import io.zdcd.classify.Classification;
import io.zdcd.classify.Finding;
import io.zdcd.classify.Verdict;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Cases an adversarial review found judged wrongly (mostly wrong SAFE verdicts), each with the fact it hinges on.
 * Each row: the verdict, the rule whose finding decides, the PostgreSQL version, the known schema and the migration.
 */
class ReviewedCasesTest {

    private static Classification classify(String version, String schema, String sql) {
        return SqlMigrationClassifier.builder().postgresVersion(version).schema(schema).build().classify(sql);
    }

    private static List<String> unsafeRules(Classification c) {
        return c.allFindings().stream().filter(f -> f.verdict() == Verdict.UNSAFE).map(Finding::ruleId).toList();
    }

    private static final String EV = "CREATE TABLE ev (id bigint PRIMARY KEY, at timestamp);";
    private static final String ALTER_EV = "ALTER TABLE ev ALTER COLUMN at TYPE timestamptz;";

    @ParameterizedTest(name = "{0} on {1}: {2}")
    @CsvSource(delimiter = '|', textBlock = """
            SAFE   | 17 | SET TimeZone = 'UTC';
            UNSAFE | 11 | SET TimeZone = 'UTC';
            SAFE   | 17 | BEGIN; SET LOCAL TimeZone = 'UTC';
            UNSAFE | 17 | BEGIN; SET LOCAL TimeZone = 'UTC'; COMMIT;
            UNSAFE | 17 | BEGIN; SET TimeZone = 'UTC'; ROLLBACK;
            SAFE   | 17 | BEGIN; SET TimeZone = 'UTC'; COMMIT;
            UNSAFE | 17 | SET TimeZone = 'UTC'; SELECT set_config('TimeZone', 'Europe/Berlin', false);
            SAFE   | 17 | SELECT set_config('TimeZone', 'UTC', false);
            UNSAFE | 17 | SET TimeZone = 'UTC'; RESET ALL;
            UNSAFE | 17 | SET LOCAL TimeZone = 'UTC';
            """)
    void timestamp_to_timestamptz_is_a_catalog_change_only_while_the_session_time_zone_is_utc(String verdict,
                                                                                               String version,
                                                                                               String before) {
        String sql = before + "\n" + ALTER_EV + (before.startsWith("BEGIN; SET LOCAL") ? "\nCOMMIT;" : "");
        Classification c = classify(version, EV, sql);
        then(c.verdict()).as("%s", c.describe()).isEqualTo(Verdict.valueOf(verdict));
    }

    @ParameterizedTest(name = "{0}: {2}")
    @CsvSource(delimiter = '|', textBlock = """
            UNSAFE | drop-column                   | CREATE TABLE IF NOT EXISTS users (id int); ALTER TABLE users DROP COLUMN email;
            UNSAFE | drop-column                   | CREATE TEMP TABLE users (id int); ALTER TABLE public.users DROP COLUMN id;
            UNSAFE | drop-column                   | SET search_path = staging; CREATE TABLE users (id int); ALTER TABLE public.users DROP COLUMN email;
            SAFE   | drop-column                   | SET search_path = staging; RESET search_path; CREATE TABLE t (id int, a int); ALTER TABLE t DROP COLUMN a;
            UNSAFE | drop-unique-constraint        | ALTER TABLE "app_user" DROP CONSTRAINT "unique_email";
            SAFE   | drop-constraint               | ALTER TABLE "app_user" DROP CONSTRAINT "app_user_age_check";
            UNSAFE | unsupported-on-version        | CREATE UNIQUE INDEX CONCURRENTLY u ON users (email) NULLS NOT DISTINCT;
            UNSAFE | unsupported-on-version        | MERGE INTO users u USING staging s ON u.id = s.id WHEN MATCHED THEN DO NOTHING;
            UNSAFE | unsupported-on-version        | SET transaction_timeout = '5s';
            UNSAFE | enum-add-value                | BEGIN; ALTER TYPE mood ADD VALUE 'ecstatic'; UPDATE users SET mood = 'ecstatic' WHERE id = 1; COMMIT;
            SAFE   | enum-add-value                | BEGIN; ALTER TYPE mood ADD VALUE 'ecstatic'; COMMIT; UPDATE users SET mood = 'ecstatic' WHERE id = 1;
            UNSAFE | role-or-database-change       | ALTER ROLE app NOLOGIN;
            UNSAFE | role-or-database-change       | ALTER USER app WITH PASSWORD 'x';
            UNSAFE | role-or-database-change       | ALTER DATABASE shop SET default_transaction_read_only = on;
            UNSAFE | owner-change                  | ALTER TABLE users OWNER TO someone_else;
            UNSAFE | drop-identity-or-expression   | ALTER TABLE users ALTER COLUMN id DROP IDENTITY;
            UNSAFE | identity-options              | ALTER TABLE users ALTER COLUMN id SET GENERATED ALWAYS;
            UNSAFE | identity-options              | ALTER TABLE users ALTER COLUMN id RESTART WITH 1;
            SAFE   | identity-options              | ALTER TABLE users ALTER COLUMN id SET CACHE 20;
            UNSAFE | sequence-reset                | ALTER SEQUENCE users_id_seq RESTART WITH 1;
            UNSAFE | sequence-reset                | SELECT setval('users_id_seq', 1);
            SAFE   | alter-table-settings          | ALTER SEQUENCE IF EXISTS users_id_seq AS bigint;
            UNSAFE | sequence-reset                | ALTER SEQUENCE users_id_seq AS integer;
            SAFE   | comment                       | COMMENT ON TABLE users IS 'people';
            SAFE   | sequence-reset                | SELECT setval('users_id_seq', (SELECT max(id) FROM users));
            UNSAFE | alter-constraint              | ALTER TABLE chi ALTER CONSTRAINT chi_fk NOT DEFERRABLE;
            SAFE   | alter-constraint              | ALTER TABLE chi ALTER CONSTRAINT chi_fk DEFERRABLE INITIALLY DEFERRED;
            UNSAFE | unbatched-data-change         | SELECT * FROM users FOR UPDATE;
            UNSAFE | long-operation-under-held-lock | BEGIN; ALTER TABLE users ADD COLUMN a int; SELECT count(*) FROM users; COMMIT;
            """)
    void reviewed_case(String verdict, String rule, String sql) {
        Classification c = classify("14", "", sql.replace("; ", ";\n"));
        then(c.verdict()).as("%s", c.describe()).isEqualTo(Verdict.valueOf(verdict));
        if (verdict.equals("UNSAFE")) {
            then(unsafeRules(c)).as("%s", c.allFindings()).contains(rule);
        } else {
            then(c.allFindings()).extracting(Finding::ruleId).contains(rule);
        }
    }

    @Test
    void dropping_a_unique_index_the_schema_declares_breaks_on_conflict() {
        String schema = "CREATE TABLE members (id bigint PRIMARY KEY, org int, email text);\n"
                + "CREATE UNIQUE INDEX one_per_org ON members (org, email);\n"
                + "CREATE INDEX members_email ON members (email);";
        then(unsafeRules(classify("17", schema, "DROP INDEX one_per_org;"))).containsExactly("drop-unique-constraint");
        then(unsafeRules(classify("17", schema, "DROP INDEX CONCURRENTLY one_per_org;")))
                .containsExactly("drop-unique-constraint");
        then(classify("17", schema, "DROP INDEX CONCURRENTLY members_email;").isSafe()).isTrue();
    }

    @ParameterizedTest(name = "DROP CONSTRAINT {1}: {0}")
    @CsvSource(delimiter = '|', textBlock = """
            UNSAFE | accounts_email_key
            UNSAFE | accounts_pkey
            UNSAFE | code_once
            SAFE   | accounts_org_fkey
            SAFE   | age_pos
            SAFE   | ref_link
            SAFE   | accounts_age_check
            """)
    void the_kind_of_a_constraint_declared_in_create_table_is_known_by_the_name_postgresql_gives_it(String verdict,
                                                                                                  String name) {
        String schema = "CREATE TABLE accounts (id int PRIMARY KEY, email text UNIQUE, org int REFERENCES orgs (id), "
                + "age int CONSTRAINT age_pos CHECK (age > 0) CHECK (age < 200), code text, ref int, "
                + "CONSTRAINT code_once UNIQUE (code), "
                + "CONSTRAINT ref_link FOREIGN KEY (ref) REFERENCES orgs (id));";
        Classification c = classify("17", schema, "ALTER TABLE accounts DROP CONSTRAINT " + name + ";");
        then(c.verdict()).as("%s", c.describe()).isEqualTo(Verdict.valueOf(verdict));
    }

    @Test
    void safe_alternatives_keep_the_quotes_a_name_needs() {
        Classification c = classify("17", "", "ALTER TABLE \"Users\" ADD CONSTRAINT c CHECK (\"B\" > 0);\n"
                + "CREATE INDEX i ON \"order\" (x);");
        then(c.statements().get(0).findings().get(0).safeAlternative()).contains("ALTER TABLE \"Users\" ADD CONSTRAINT");
        then(c.statements().get(0).tables()).containsExactly("\"Users\"");
        then(c.statements().get(1).findings().get(0).safeAlternative()).contains("ON \"order\"");
    }

    @Test
    void a_schema_written_with_if_not_exists_still_tells_the_column_types() {
        String schema = "CREATE TABLE IF NOT EXISTS users (id int PRIMARY KEY, name varchar(50));";
        then(classify("17", schema, "ALTER TABLE users ALTER COLUMN name TYPE varchar(100);").isSafe()).isTrue();
        // and pg_dump's search_path reset is no "other schema"
        then(classify("17", "SELECT pg_catalog.set_config('search_path', '', false);\n"
                + "CREATE TABLE public.users (id int PRIMARY KEY, name varchar(50));",
                "ALTER TABLE users ALTER COLUMN name TYPE varchar(100);").isSafe()).isTrue();
    }

    @Test
    void a_unique_index_with_a_dot_in_its_quoted_name_is_followed_through_a_rename() {
        java.util.List<io.zdcd.classify.Migration> run = java.util.List.of(
                io.zdcd.classify.Migration.of("1", "CREATE TABLE \"MarketData\" (id int, date date, symbol text);\n"
                        + "CREATE UNIQUE INDEX \"MarketData.date_symbol_unique\" ON \"MarketData\" (date, symbol);"),
                io.zdcd.classify.Migration.of("2", "ALTER INDEX \"MarketData.date_symbol_unique\" "
                        + "RENAME TO \"MarketData_date_symbol_key\";"),
                io.zdcd.classify.Migration.of("3", "DROP INDEX \"MarketData_date_symbol_key\";"));
        io.zdcd.classify.ClassificationReport r = SqlMigrationClassifier.defaults().classifyAll(run);
        then(r.migrations().get(1).isSafe()).isTrue();
        then(unsafeRules(r.migrations().get(2))).containsExactly("drop-unique-constraint");
    }

    @Test
    void the_down_section_of_a_goose_or_dbmate_file_is_not_part_of_the_migration() {
        for (String marker : java.util.List.of("-- +goose Down", "-- migrate:down")) {
            Classification c = classify("17", "", "-- +goose Up\nALTER TABLE users ADD COLUMN tenant_id int;\n"
                    + marker + "\nALTER TABLE users DROP COLUMN tenant_id;\n");
            then(c.isSafe()).as(marker).isTrue();
            then(c.statements()).hasSize(1);
        }
    }

    @Test
    void force_row_level_security_is_about_the_owner() {
        Classification c = classify("17", "", "ALTER TABLE users FORCE ROW LEVEL SECURITY;");
        then(c.statements().get(0).findings().get(0).message()).contains("table's owner");
    }
}
