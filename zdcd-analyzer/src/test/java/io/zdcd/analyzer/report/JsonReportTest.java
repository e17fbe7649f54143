package io.zdcd.analyzer.report;

import static org.assertj.core.api.BDDAssertions.then;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.zdcd.classify.Classification;
import io.zdcd.classify.ClassificationReport;
import io.zdcd.classify.Verdict;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;

class JsonReportTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final com.fasterxml.jackson.core.type.TypeReference<List<String>> STRINGS =
            new com.fasterxml.jackson.core.type.TypeReference<>() { };

    @Test
    void top_level_has_the_contract_fields() throws Exception {
        JsonNode json = MAPPER.readTree(Reports.render(ReportFixtures.unsafeReport(), ReportFormat.JSON));

        then(json.get("postgresVersion").asInt()).isEqualTo(17);
        then(json.get("verdict").asText()).isEqualTo("UNSAFE");
        then(json.get("migrations")).hasSize(2);
        then(json.at("/migrations/0/path").asText()).isEqualTo("shop/0002_order_note.sql");
        then(json.at("/migrations/0/verdict").asText()).isEqualTo("SAFE");
        then(json.at("/migrations/1/verdict").asText()).isEqualTo("UNSAFE");
        then(json.at("/summary/unsafeStatements").asInt()).isEqualTo(1);
        then(json.at("/summary/statements").asInt()).isEqualTo(6);
    }

    @Test
    void every_statement_has_every_contract_field_with_its_json_type() throws Exception {
        JsonNode json = MAPPER.readTree(Reports.render(ReportFixtures.unsafeReport(), ReportFormat.JSON));

        for (JsonNode migration : json.get("migrations")) {
            for (JsonNode s : migration.get("statements")) {
                then(s.get("index").isInt()).as("index of %s", s).isTrue();
                then(s.get("line").isInt()).isTrue();
                then(s.get("sql").isTextual()).isTrue();
                then(s.get("lock").isTextual() || s.get("lock").isNull()).isTrue();
                then(s.get("tables").isArray()).isTrue();
                then(s.get("locks").isObject()).isTrue();
                then(s.get("blocks").isArray()).isTrue();
                then(s.get("rewrite").isBoolean()).isTrue();
                then(s.get("scan").isBoolean()).isTrue();
                then(s.get("breaksOldCode").isBoolean()).isTrue();
                then(s.get("verdict").asText()).isIn("SAFE", "UNSAFE");
                then(s.get("findings").isArray()).isTrue();
            }
        }
    }

    @Test
    void statement_fields_carry_the_analysis_values() throws Exception {
        JsonNode json = MAPPER.readTree(Reports.render(ReportFixtures.unsafeReport(), ReportFormat.JSON));

        JsonNode begin = json.at("/migrations/0/statements/0");
        then(begin.get("sql").asText()).isEqualTo("BEGIN");
        then(begin.get("lock").isNull()).isTrue();
        then(begin.get("blocks")).isEmpty();

        JsonNode add = json.at("/migrations/0/statements/1");
        then(add.get("index").asInt()).isEqualTo(2);
        then(add.get("line").asInt()).isEqualTo(3);
        then(add.get("sql").asText()).isEqualTo(ReportFixtures.ADD_COLUMN_SQL);
        then(add.get("lock").asText()).isEqualTo("AccessExclusiveLock");
        then(MAPPER.convertValue(add.get("blocks"), STRINGS)).containsExactly("reads", "writes");
        then(MAPPER.convertValue(add.get("tables"), STRINGS)).containsExactly("shop_order");

        JsonNode index = json.at("/migrations/1/statements/1");
        then(index.get("lock").asText()).isEqualTo("ShareLock");
        then(index.get("scan").asBoolean()).isTrue();
        then(index.get("rewrite").asBoolean()).isFalse();
        then(index.get("column").asInt()).isEqualTo(3);
        then(index.get("phase").asText()).isEqualTo("maintenance");
        then(add.get("phase").asText()).isEqualTo("expand");
        then(index.get("sql").asText()).contains("\n    ON");
        then(index.at("/findings/0/rule").asText()).isEqualTo("create-index-non-concurrently");
        then(index.at("/findings/0/verdict").asText()).isEqualTo("UNSAFE");
        then(index.at("/findings/0/message").asText()).contains("ShareLock");
        then(index.at("/findings/0/safeAlternative").asText()).startsWith("CREATE INDEX CONCURRENTLY");
    }

    @Test
    void locks_name_the_lock_on_each_existing_relation_and_lock_is_the_strongest() throws Exception {
        ClassificationReport report = io.zdcd.analyzer.SqlMigrationClassifier.defaults().classifyAll(List.of(
                io.zdcd.classify.Migration.of("fk.sql", "CREATE TABLE notes (id int, user_id int);\n"
                        + "ALTER TABLE orders ADD CONSTRAINT orders_user_fk FOREIGN KEY (user_id) REFERENCES users (id) "
                        + "NOT VALID;\nALTER TABLE notes ADD CONSTRAINT notes_user_fk FOREIGN KEY (user_id) "
                        + "REFERENCES users (id);\nSELECT count(*) FROM users FOR UPDATE;")));
        JsonNode json = MAPPER.readTree(Reports.render(report, ReportFormat.JSON));

        then(json.at("/migrations/0/statements/0/locks").isObject()).isTrue();
        then(json.at("/migrations/0/statements/0/locks").size()).isZero();
        JsonNode fk = json.at("/migrations/0/statements/1");
        then(fk.get("locks").get("orders").asText()).isEqualTo("ShareRowExclusiveLock");
        then(fk.get("locks").get("users").asText()).isEqualTo("ShareRowExclusiveLock");
        then(fk.get("lock").asText()).isEqualTo("ShareRowExclusiveLock");
        JsonNode onNew = json.at("/migrations/0/statements/2");
        then(onNew.get("locks").size()).as("the new table notes is not listed").isEqualTo(1);
        then(onNew.get("locks").get("users").asText()).isEqualTo("ShareRowExclusiveLock");
        then(onNew.get("tables").size()).isEqualTo(2);
        then(json.at("/migrations/0/statements/3/locks/users").asText()).isEqualTo("RowShareLock");
    }

    @Test
    void migration_level_findings_are_listed_on_the_migration() throws Exception {
        JsonNode json = MAPPER.readTree(Reports.render(ReportFixtures.unsafeReport(), ReportFormat.JSON));

        then(json.at("/migrations/1/findings/0/rule").asText()).isEqualTo("unused-ignore");
        then(json.at("/migrations/0/findings")).isEmpty();
    }

    @Test
    void is_compact_json_on_one_line_ending_with_a_newline() {
        String json = Reports.render(ReportFixtures.unsafeReport(), ReportFormat.JSON);

        then(json).startsWith("{\"postgresVersion\":17,\"verdict\":\"UNSAFE\",\"summary\":{\"migrations\":")
                .endsWith("]}\n").hasLineCount(1).doesNotContain("\" : ");
    }

    @Test
    void writing_to_a_writer_leaves_it_open_and_writes_the_same_text() throws Exception {
        StringWriter out = new StringWriter();
        Reports.write(ReportFixtures.safeReport(), ReportFormat.JSON, out);
        out.write("still open");

        then(out.toString()).isEqualTo(Reports.render(ReportFixtures.safeReport(), ReportFormat.JSON) + "still open");
    }

    @Test
    void a_report_without_migrations_is_valid_json() throws Exception {
        JsonNode json = MAPPER.readTree(Reports.render(new ClassificationReport(17, Verdict.SAFE, List.of()),
                ReportFormat.JSON));

        then(json.get("verdict").asText()).isEqualTo("SAFE");
        then(json.get("migrations")).isEmpty();
    }

    @Test
    void control_characters_and_quotes_in_sql_are_escaped() throws Exception {
        Classification odd = new Classification("odd.sql", Verdict.SAFE, List.of(new io.zdcd.classify.StatementAnalysis(
                1, 1, 1, "SELECT 'a\"b\\c\u0001\u0000'", "SELECT", List.of(), java.util.Optional.empty(),
                java.util.Set.of(), false, false, false, Verdict.SAFE, List.of())), List.of());

        JsonNode json = MAPPER.readTree(Reports.render(odd, 17, ReportFormat.JSON));

        then(json.at("/migrations/0/statements/0/sql").asText()).isEqualTo("SELECT 'a\"b\\c\u0001\u0000'");
    }

    @Test
    void non_ascii_text_is_escaped_so_any_output_charset_keeps_it() throws Exception {
        Classification german = new Classification("änderung.sql", Verdict.SAFE, List.of(
                new io.zdcd.classify.StatementAnalysis(1, 1, 1, "COMMENT ON TABLE t IS 'Grüße ✅'",
                        "COMMENT", List.of("t"), java.util.Optional.empty(), java.util.Set.of(), false, false, false,
                        Verdict.SAFE, List.of())), List.of());

        String text = Reports.render(german, 17, ReportFormat.JSON);

        then(text.chars().allMatch(c -> c < 128)).as("ASCII only: %s", text).isTrue();
        then(MAPPER.readTree(text).at("/migrations/0/statements/0/sql").asText())
                .isEqualTo("COMMENT ON TABLE t IS 'Grüße ✅'");
        then(MAPPER.readTree(text).at("/migrations/0/path").asText()).isEqualTo("änderung.sql");
    }
}
