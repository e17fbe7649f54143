package io.zdcd.examples.readme;

import static io.zdcd.analyzer.assertions.ZdcdAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zdcd.analyzer.Migrations;
import io.zdcd.analyzer.SqlMigrationClassifier;
import io.zdcd.classify.Classification;
import io.zdcd.classify.LockMode;
import io.zdcd.classify.MigrationClassifier;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The README's "In your own unit tests" example, exactly as documented, on the shipped samples. */
class MigrationSafetyTest {
    private final MigrationClassifier classifier = SqlMigrationClassifier.defaults();

    @Test
    void the_order_note_migration_is_safe_to_deploy_continuously() {
        assertThat(classifier.classify(Migrations.fromFile(Path.of("samples/0002_order_note.sql")))).isSafe();
    }

    @Test
    void the_status_index_needs_concurrently() {
        Classification c = classifier.classify(Migrations.fromFile(Path.of("samples/0003_order_status.sql")));
        assertThat(c).isUnsafe().hasFinding("create-index-non-concurrently");
        assertThat(c).statement(4).isUnsafe().takesLock(LockMode.SHARE).blocksWrites();
        assertThat(c).statementAtLine(5).isSafe().hasKind("ALTER TABLE ADD COLUMN");
    }

    @Test
    void is_safe_on_the_unsafe_sample_fails_with_the_findings_and_safe_alternatives() {
        Classification c = classifier.classify(Migrations.fromFile(Path.of("samples/0003_order_status.sql")));

        assertThatThrownBy(() -> assertThat(c).isSafe())
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("samples/0003_order_status.sql to be SAFE, but it is UNSAFE")
                .hasMessageContaining("create-index-non-concurrently")
                .hasMessageContaining("CREATE INDEX CONCURRENTLY \"shop_order_status_c9fc5d57\"");
    }

    @Test
    void a_whole_run_of_samples_is_unsafe_because_of_0003_only() {
        var report = classifier.classifyAll(Migrations.fromPath(Path.of("samples")));

        assertThat(report).isUnsafe();
        assertThat(report).migration(Path.of("samples/0002_order_note.sql").toString()).isSafe();
        assertThat(report).migration(Path.of("samples/0003_order_status.sql").toString()).isUnsafe();
        assertThat(report).migration(Path.of("samples/0004_order_status_index_concurrently.sql").toString()).isSafe();
        assertThat(report).migration(Path.of("samples/0005_order_total_not_null.sql").toString()).isSafe()
                .statementAtLine(11).isSafe().hasKind("ALTER TABLE SET NOT NULL");
    }
}
