package io.zdcd.analyzer.report;

import static org.assertj.core.api.BDDAssertions.then;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.zdcd.classify.Classification;
import io.zdcd.classify.Verdict;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SarifReportTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private static JsonNode sarif() throws Exception {
        return MAPPER.readTree(Reports.render(ReportFixtures.unsafeReport(), ReportFormat.SARIF));
    }

    @Test
    void has_the_sarif_2_1_0_required_top_level_fields() throws Exception {
        JsonNode s = sarif();

        then(s.get("version").asText()).isEqualTo("2.1.0");
        then(s.get("$schema").asText()).endsWith("sarif-schema-2.1.0.json");
        then(s.get("runs")).hasSize(1);
        JsonNode driver = s.at("/runs/0/tool/driver");
        then(driver.get("name").asText()).isEqualTo("zdcd");
        then(driver.get("version").asText()).isNotBlank();
        then(driver.get("informationUri").asText()).startsWith("https://");
    }

    @Test
    void driver_lists_each_rule_once_with_description_and_help() throws Exception {
        JsonNode rules = sarif().at("/runs/0/tool/driver/rules");

        List<String> ids = new ArrayList<>();
        rules.forEach(r -> ids.add(r.get("id").asText()));
        then(ids).containsExactly("add-column-constant-default", "create-index-non-concurrently", "unused-ignore");
        for (JsonNode r : rules) {
            then(r.at("/shortDescription/text").asText()).isNotBlank();
            then(r.at("/help/text").asText()).isNotBlank();
        }
        then(rules.get(1).at("/shortDescription/text").asText())
                .isEqualTo("CREATE INDEX holds ShareLock on shop_order for the whole build.");
        then(rules.get(1).at("/help/text").asText()).contains("CREATE INDEX CONCURRENTLY");
        then(rules.get(1).at("/defaultConfiguration/level").asText()).isEqualTo("error");
        then(rules.get(0).at("/defaultConfiguration/level").asText()).isEqualTo("note");
    }

    @Test
    void each_finding_is_a_result_located_at_its_statement() throws Exception {
        JsonNode results = sarif().at("/runs/0/results");

        then(results).hasSize(3);
        JsonNode note = results.get(0);
        then(note.get("ruleId").asText()).isEqualTo("add-column-constant-default");
        then(note.get("level").asText()).isEqualTo("note");
        then(note.at("/locations/0/physicalLocation/artifactLocation/uri").asText())
                .isEqualTo("shop/0002_order_note.sql");
        then(note.at("/locations/0/physicalLocation/region/startLine").asInt()).isEqualTo(3);

        JsonNode error = results.get(1);
        then(error.get("ruleId").asText()).isEqualTo("create-index-non-concurrently");
        then(error.get("ruleIndex").asInt()).isEqualTo(1);
        then(error.get("level").asText()).isEqualTo("error");
        then(error.at("/message/text").asText()).contains("ShareLock").contains("CREATE INDEX CONCURRENTLY");
        JsonNode region = error.at("/locations/0/physicalLocation/region");
        then(region.get("startLine").asInt()).isEqualTo(4);
        then(region.get("startColumn").asInt()).isEqualTo(3);
        then(region.get("endLine").asInt()).isEqualTo(5);
        then(error.at("/properties/phase").asText()).isEqualTo("maintenance");

        JsonNode migrationLevel = results.get(2);
        then(migrationLevel.get("ruleId").asText()).isEqualTo("unused-ignore");
        then(migrationLevel.at("/locations/0/physicalLocation/region/startLine").asInt()).isEqualTo(1);
    }

    @Test
    void a_safe_report_has_no_error_results() throws Exception {
        JsonNode s = MAPPER.readTree(Reports.render(ReportFixtures.safeReport(), ReportFormat.SARIF));

        then(s.at("/runs/0/results").findValuesAsText("level")).containsOnly("note");
    }

    @Test
    void paths_become_uri_references() throws Exception {
        Classification spaced = new Classification("my app/V1__a b.sql", Verdict.SAFE,
                List.of(ReportFixtures.safeAddColumn(1, 1)), List.of());
        Classification stdin = new Classification("<stdin>", Verdict.SAFE,
                List.of(ReportFixtures.safeAddColumn(1, 1)), List.of());
        Classification absolute = new Classification("/srv/app/V2__x.sql", Verdict.SAFE,
                List.of(ReportFixtures.safeAddColumn(1, 1)), List.of());

        then(uri(spaced)).isEqualTo("my%20app/V1__a%20b.sql");
        then(uri(stdin)).isEqualTo("%3Cstdin%3E");
        then(uri(absolute)).isEqualTo("file:///srv/app/V2__x.sql");
    }

    private static String uri(Classification c) throws Exception {
        JsonNode s = MAPPER.readTree(Reports.render(c, 17, ReportFormat.SARIF));
        String uri = s.at("/runs/0/results/0/locations/0/physicalLocation/artifactLocation/uri").asText();
        then(java.net.URI.create(uri)).isNotNull();
        return uri;
    }
}
