package io.zdcd.examples.demo;

import static org.assertj.core.api.BDDAssertions.then;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DemoSummaryTest {
    private final SceneRun zdcd = new SceneRun("deployed", Duration.ZERO, 900, 0, Duration.ofMillis(1020), 0, "");
    private final SceneRun naive = new SceneRun("deployed", Duration.ZERO, 500, 3, Duration.ofMillis(4010), 0,
            "queued behind the ALTER");
    private final SceneResult one = new SceneResult(1, "safe push", "deployed, 0 failed queries", true, zdcd,
            Optional.of(naive));
    private final SceneResult two = new SceneResult(2, "quiet night", "skipped", false,
            new SceneRun("deployed", Duration.ofMillis(2500), 10, 0, Duration.ZERO, 0, ""), Optional.empty());

    @Test
    void json_has_each_scene_with_both_runs_in_milliseconds() throws Exception {
        // GIVEN
        DemoSummary summary = new DemoSummary(List.of(one, two), 5000, Duration.ofSeconds(42), "embedded");
        // WHEN
        JsonNode json = new ObjectMapper().readTree(summary.toJson());
        // THEN
        then(json.get("allAsExpected").asBoolean()).isFalse();
        then(json.get("wallTimeMs").asLong()).isEqualTo(42_000);
        JsonNode first = json.get("scenes").get(0);
        then(first.get("scene").asInt()).isEqualTo(1);
        then(first.get("zdcd").get("worstStallMs").asLong()).isEqualTo(1020);
        then(first.get("zdcd").get("failedQueries").asLong()).isZero();
        then(first.get("naive").get("worstStallMs").asLong()).isEqualTo(4010);
        then(first.get("naive").get("failedQueries").asLong()).isEqualTo(3);
        JsonNode second = json.get("scenes").get(1);
        then(second.get("naive").isNull()).isTrue();
        then(second.get("zdcd").get("downtimeMs").asLong()).isEqualTo(2500);
        then(second.get("asExpected").asBoolean()).isFalse();
    }

    @Test
    void the_table_shows_the_naive_run_under_zdcds_and_names_what_was_expected_when_a_scene_failed() {
        DemoSummary summary = new DemoSummary(List.of(one, two), 5000, Duration.ofSeconds(42), "embedded");
        String table = summary.table();
        then(table).contains("1. safe push").contains("naive").contains("4.01s").contains("1.02s")
                .contains("NO: skipped").contains("NOT every scene as expected");
        then(summary.allAsExpected()).isFalse();
        then(new DemoSummary(List.of(one), 5000, Duration.ofSeconds(1), "x").allAsExpected()).isTrue();
    }
}
