package io.zdcd.analyzer.assertj;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zdcd.analyzer.SqlMigrationClassifier;
import io.zdcd.classify.Migration;
import io.zdcd.classify.MigrationClassifier;
import java.util.List;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;

class ZdcdAssertJTest {
    private final MigrationClassifier classifier = SqlMigrationClassifier.defaults();

    @Test
    void safe_migration_passes_and_unsafe_one_fails_listing_findings_and_alternatives() {
        ZdcdAssertJ.assertThat(classifier.classify("ALTER TABLE t ADD COLUMN note text;")).isSafe()
                .doesNotHaveFinding("create-index-non-concurrently");

        assertThatThrownBy(() -> ZdcdAssertJ.assertThat(classifier.classify("CREATE INDEX i ON t (c);"))
                .as("users migration").isSafe())
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("[users migration]")
                .hasMessageContaining("create-index-non-concurrently")
                .hasMessageContaining("CREATE INDEX CONCURRENTLY");
    }

    @Test
    void unsafe_and_finding_assertions() {
        ZdcdAssertJ.then(classifier.classify("CREATE INDEX i ON t (c);"))
                .isUnsafe().hasFinding("create-index-non-concurrently");
        assertThatThrownBy(() -> ZdcdAssertJ.assertThat(classifier.classify("SELECT 1;")).isUnsafe())
                .isInstanceOf(AssertionError.class);
        assertThatThrownBy(() -> ZdcdAssertJ.assertThat(classifier.classify("SELECT 1;")).hasFinding("no-such-rule"))
                .hasMessageContaining("no-such-rule");
    }

    @Test
    void report_assertions_and_soft_assertions_collect_every_failure() {
        var report = classifier.classifyAll(List.of(
                Migration.of("0001_safe", "ALTER TABLE t ADD COLUMN note text;"),
                Migration.of("0002_index", "CREATE INDEX i ON t (c);")));
        ZdcdAssertJ.assertThat(report).isUnsafe().hasFinding("create-index-non-concurrently");
        ZdcdAssertJ.assertThat(report).migration("0001_safe").isSafe();
        assertThatThrownBy(() -> ZdcdAssertJ.assertThat(report).migration("0003_missing"))
                .hasMessageContaining("0003_missing");

        SoftAssertions softly = new SoftAssertions();
        softly.check(() -> ZdcdAssertJ.assertThat(report).isSafe());
        softly.check(() -> ZdcdAssertJ.assertThat(report).migration("0002_index").isSafe());
        assertThatThrownBy(softly::assertAll).hasMessageContaining("Multiple Failures (2 failures)");
    }
}
