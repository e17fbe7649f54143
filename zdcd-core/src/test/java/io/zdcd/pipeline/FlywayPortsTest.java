package io.zdcd.pipeline;

import static org.assertj.core.api.BDDAssertions.then;

import io.zdcd.flyway.FlywayMigrationRunner;
import io.zdcd.flyway.FlywayMigrationSource;
import io.zdcd.flyway.FlywayProject;
import io.zdcd.flyway.internal.FlywayScripts;
import io.zdcd.jdbc.LockPolicy;
import io.zdcd.spi.Build;
import io.zdcd.spi.MigrationResult;
import io.zdcd.spi.PendingMigration;
import io.zdcd.spi.StepKind;
import io.zdcd.testing.PostgresExtension;
import io.zdcd.testing.TestDatabase;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A Flyway project under the pipeline as it is: {@link FlywayMigrationSource} and {@link FlywayMigrationRunner} over
 * Flyway's own history table, on a real PostgreSQL with real Flyway.
 */
@ExtendWith(PostgresExtension.class)
class FlywayPortsTest {
    Harness h;
    FlywayProject project;

    @BeforeEach
    void setUp(TestDatabase db, TestInfo info, @TempDir Path dir) {
        h = new Harness(db, info.getTestMethod().orElseThrow().getName(), dir);
        h.sql("DROP TABLE IF EXISTS flyway_schema_history");
        project = FlywayProject.builder(h.target).locations("filesystem:" + dir)
                .property("flyway.placeholders.table", "orders").property("flyway.baselineOnMigrate", "true")
                .property("flyway.baselineVersion", "0").build();
    }

    @Test
    void a_flyway_project_deploys_through_the_pipeline_and_flyways_history_records_each_migration() {
        // GIVEN a placeholder Flyway replaces and a CONCURRENTLY index Flyway runs outside a transaction
        h.migration("V1__email.sql", "ALTER TABLE ${table} ADD COLUMN email text;");
        h.migration("V2__index.sql", "CREATE INDEX CONCURRENTLY orders_email_idx ON orders (email);");
        then(FlywayMigrationSource.of(project).pending(Build.of("b1"))).containsExactly(
                new PendingMigration("V1__email.sql", "ALTER TABLE orders ADD COLUMN email text;"),
                new PendingMigration("V2__index.sql", "CREATE INDEX CONCURRENTLY orders_email_idx ON orders (email);"));
        DeploymentPipeline pipeline = h.pipeline()
                .migrations(FlywayMigrationSource.of(project), FlywayMigrationRunner.of(project)).build();
        // WHEN
        DeploymentOutcome outcome = pipeline.deploy(Build.of("b1", "add email"));
        // THEN
        then(outcome.status()).as(outcome.toString()).isEqualTo(DeploymentOutcome.Status.DEPLOYED);
        then(outcome.steps()).filteredOn(s -> s.step() == StepKind.MIGRATE).hasSize(2);
        then(h.columns("orders")).containsExactly("id", "note", "legacy", "email");
        then(h.indexes()).contains("orders_email_idx");
        then(project.applied()).containsExactly("V1__email.sql", "V2__index.sql");
        then(FlywayMigrationSource.of(project).pending(Build.of("b2"))).isEmpty();
        FlywayScripts.configure(project).load().validate(); // a plain Flyway agrees with the history zdcd wrote
        then(h.strings("SELECT coalesce(to_regclass('zdcd.applied_migrations')::text, 'none')"))
                .containsExactly("none"); // zdcd's own history table is not used
    }

    @Test
    void an_unsafe_flyway_migration_is_deferred_and_flyway_records_nothing() {
        h.migration("V1__email.sql", "ALTER TABLE orders ADD COLUMN email text;");
        h.migration("V2__drop_legacy.sql", "ALTER TABLE orders DROP COLUMN legacy;");

        DeploymentOutcome outcome = h.pipeline()
                .migrations(FlywayMigrationSource.of(project), FlywayMigrationRunner.of(project)).build()
                .deploy(Build.of("b1", "drop legacy"));

        then(outcome.status()).isEqualTo(DeploymentOutcome.Status.DEFERRED);
        then(((DeploymentOutcome.Deferred) outcome).unsafe()).extracting(c -> c.migration())
                .containsExactly("V2__drop_legacy.sql");
        then(project.applied()).isEmpty();
        then(h.columns("orders")).containsExactly("id", "note", "legacy");
    }

    @Test
    void a_lock_held_by_a_long_transaction_is_retried_until_the_budget_then_the_migration_fails_leaving_nothing()
            throws Exception {
        h.migration("V1__email.sql", "ALTER TABLE orders ADD COLUMN email text;");
        FlywayMigrationRunner runner = FlywayMigrationRunner.builder(project)
                .lockPolicy(LockPolicy.custom().firstLockTimeout(Duration.ofMillis(50))
                        .maxLockTimeout(Duration.ofMillis(50)).initialBackoff(Duration.ofMillis(20))
                        .maxBackoff(Duration.ofMillis(40)).budget(Duration.ofSeconds(5)).build())
                .build();
        PendingMigration v1 = FlywayMigrationSource.of(project).pending(Build.of("b1")).get(0);
        List<String> progress = new CopyOnWriteArrayList<>();
        MigrationResult failed;
        try (Connection holder = h.target.connect(); Statement s = holder.createStatement()) {
            holder.setAutoCommit(false);
            s.execute("SELECT count(*) FROM orders"); // AccessShareLock until the transaction ends
            failed = runner.apply(v1, (m, d, t) -> progress.add(m));
            holder.rollback();
        }
        then(failed.isApplied()).isFalse();
        then(failed.error()).contains("lock timeout").contains("attempts, the last with lock_timeout 50ms");
        then(failed.statements()).singleElement().satisfies(st -> then(st.attempts()).isGreaterThan(1));
        then(progress).anyMatch(m -> m.contains("lock not granted within 50ms; retry 1"));
        then(project.applied()).isEmpty();
        then(h.columns("orders")).doesNotContain("email");

        MigrationResult applied = runner.apply(v1, (m, d, t) -> { });

        then(applied.isApplied()).as(applied.toString()).isTrue();
        then(project.applied()).containsExactly("V1__email.sql");
        then(h.columns("orders")).contains("email");
    }
}
