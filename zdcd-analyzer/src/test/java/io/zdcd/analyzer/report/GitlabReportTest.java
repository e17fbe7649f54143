package io.zdcd.analyzer.report;

import static org.assertj.core.api.BDDAssertions.then;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.zdcd.classify.Classification;
import io.zdcd.classify.ClassificationReport;
import io.zdcd.classify.Verdict;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class GitlabReportTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private static JsonNode render(ClassificationReport report) throws Exception {
        String out = Reports.render(report, ReportFormat.GITLAB);
        then(out).endsWith("\n");
        return MAPPER.readTree(out);
    }

    @Test
    void one_issue_per_unsafe_finding_with_gitlabs_documented_fields() throws Exception {
        JsonNode issues = render(ReportFixtures.unsafeReport());

        then(issues.isArray()).isTrue();
        then(issues).hasSize(2); // the CREATE INDEX and the migration's unused ignore; the SAFE add column is left out
        JsonNode index = issues.get(0);
        then(index.get("check_name").asText()).isEqualTo("create-index-non-concurrently");
        then(index.get("description").asText())
                .startsWith("create-index-non-concurrently: CREATE INDEX holds ShareLock on shop_order")
                .containsPattern("[.!?] Safe way: CREATE INDEX CONCURRENTLY");
        then(index.get("severity").asText()).isEqualTo("major");
        then(index.get("fingerprint").asText()).matches("[0-9a-f]{64}");
        then(index.at("/location/path").asText()).isEqualTo("shop/0003_note_index.sql");
        then(index.at("/location/lines/begin").asInt()).isEqualTo(4);
        then(issues.get(1).get("check_name").asText()).isEqualTo("unused-ignore");
        then(issues.get(1).at("/location/lines/begin").asInt()).isEqualTo(1);
        for (JsonNode issue : issues) {
            then(issue.get("severity").asText()).isIn("info", "minor", "major", "critical", "blocker");
        }
    }

    @Test
    void a_safe_report_is_an_empty_array() throws Exception {
        then(render(ReportFixtures.safeReport())).isEmpty();
    }

    @Test
    void fingerprints_survive_lines_moving_and_differ_between_paths_and_repeats() throws Exception {
        String before = render(ReportFixtures.unsafeReport()).get(0).get("fingerprint").asText();
        Classification moved = new Classification("shop/0003_note_index.sql", Verdict.UNSAFE,
                List.of(ReportFixtures.begin(1, 1), ReportFixtures.unsafeIndex(2, 14, 1),
                        ReportFixtures.commit(3, 16)), List.of());
        Classification renamed = new Classification("shop/0004_other.sql", Verdict.UNSAFE,
                List.of(ReportFixtures.unsafeIndex(1, 4, 3)), List.of());
        Classification twice = new Classification("./shop/0003_note_index.sql", Verdict.UNSAFE,
                List.of(ReportFixtures.unsafeIndex(1, 4, 3), ReportFixtures.unsafeIndex(2, 9, 1)), List.of());

        then(render(report(moved)).get(0).get("fingerprint").asText()).isEqualTo(before);
        then(render(report(renamed)).get(0).get("fingerprint").asText()).isNotEqualTo(before);
        JsonNode repeated = render(report(twice));
        then(repeated.get(0).at("/location/path").asText()).isEqualTo("shop/0003_note_index.sql");
        then(repeated.get(0).get("fingerprint").asText()).isEqualTo(before);
        then(repeated.get(1).get("fingerprint").asText()).isNotEqualTo(before);
        then(Reports.render(ReportFixtures.unsafeReport(), ReportFormat.GITLAB))
                .isEqualTo(Reports.render(ReportFixtures.unsafeReport(), ReportFormat.GITLAB));
    }

    @Test
    void windows_paths_use_forward_slashes_and_the_label_is_gitlab() throws Exception {
        Classification windows = new Classification("db\\migrate\\0003.sql", Verdict.UNSAFE,
                List.of(ReportFixtures.unsafeIndex(1, 2, 1)), List.of());

        then(render(report(windows)).get(0).at("/location/path").asText()).isEqualTo("db/migrate/0003.sql");
        then(ReportFormat.GITLAB.label()).isEqualTo("gitlab");
        then(ReportFormat.fromName("GitLab")).contains(ReportFormat.GITLAB);
    }

    private static ClassificationReport report(Classification c) {
        return new ClassificationReport(17, c.verdict(), new ArrayList<>(List.of(c)));
    }
}
