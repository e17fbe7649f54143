package com.example.consumer;

import static io.zdcd.analyzer.assertions.ZdcdAssertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.BDDAssertions.then;

import io.zdcd.analyzer.SqlMigrationClassifier;
import io.zdcd.analyzer.flyway.ZdcdFlywayCallback;
import io.zdcd.classify.UnsafeMigrationException;
import io.zdcd.pipeline.DeploymentOutcome;
import io.zdcd.pipeline.DeploymentPipeline;
import io.zdcd.spi.Backup;
import io.zdcd.spi.Build;
import io.zdcd.spi.BuildQueue;
import io.zdcd.spi.DatabaseBackups;
import io.zdcd.spi.DeploymentJournal;
import io.zdcd.spi.Health;
import io.zdcd.spi.MigrationResult;
import io.zdcd.spi.MigrationRunner;
import io.zdcd.spi.MigrationSource;
import io.zdcd.spi.PendingMigration;
import io.zdcd.spi.Platform;
import io.zdcd.spi.Progress;
import io.zdcd.spi.Release;
import io.zdcd.spi.StatementResult;
import io.zdcd.testing.PostgresExtension;
import io.zdcd.testing.TestDatabase;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.flywaydb.database.postgresql.PostgreSQLConfigurationExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** What a user's project does with zdcd, through the public API only. */
@ExtendWith(PostgresExtension.class)
class ConsumerTest {

    @Test
    void classifies_and_asserts_with_zdcd_assertions() {
        SqlMigrationClassifier classifier = SqlMigrationClassifier.defaults();

        assertThat(classifier.classify("CREATE INDEX orders_note_idx ON orders (note)")).isUnsafe()
                .hasFinding("create-index-non-concurrently");
        assertThat(classifier.classify("CREATE INDEX CONCURRENTLY orders_note_idx ON orders (note)")).isSafe();
    }

    @Test
    void deploys_with_the_pipeline_over_its_own_ports(TestDatabase db) {
        db.execute("DROP TABLE IF EXISTS flyway_schema_history, accounts", "CREATE TABLE accounts (id int)");
        ListSource source = new ListSource();
        source.pending.add(new PendingMigration("0001_add_name", "ALTER TABLE accounts ADD COLUMN name text"));
        ToyPlatform platform = new ToyPlatform();
        DeploymentPipeline pipeline = DeploymentPipeline.builder()
                .app("shop")
                .platform(platform)
                .migrations(source, new JdbcRunner(db, source))
                .classifier(SqlMigrationClassifier.defaults())
                .backups(new NoBackups())
                .healthCheck((app, release) -> Health.healthy("200 OK"))
                .journal(DeploymentJournal.inMemory())   // for tests
                .queue(BuildQueue.inMemory())            // for tests
                .verifyTimeout(Duration.ofMillis(300))
                .verifyInterval(Duration.ofMillis(50))
                .build();

        DeploymentOutcome outcome = pipeline.deploy(Build.of("v2", "add name"));

        then(outcome.status()).as(outcome.toString()).isEqualTo(DeploymentOutcome.Status.DEPLOYED);
        then(platform.releases).containsExactly("v2");
        then(db.queryValue("SELECT count(*) FROM information_schema.columns WHERE table_name = 'accounts' "
                + "AND column_name = 'name'")).isEqualTo(1L);
        then(source.pending).isEmpty();
    }

    @Test
    void flyway_migrate_goes_through_the_callback(TestDatabase db) {
        db.execute("DROP SCHEMA IF EXISTS shop CASCADE");
        FluentConfiguration config = Flyway.configure()
                .dataSource(db.jdbcUrl(), db.user(), db.password())
                .schemas("shop")
                .locations("classpath:db/migration");
        config.getConfigurationExtension(PostgreSQLConfigurationExtension.class).setTransactionalLock(false);
        ZdcdFlywayCallback callback = ZdcdFlywayCallback.builder().build();

        config.callbacks(callback).load().migrate();

        then(callback.lastReport()).hasValueSatisfying(r -> assertThat(r).isSafe());
        then(scripts(config)).containsExactly("V1__orders.sql", "V2__email.sql");

        // a later, unsafe migration is stopped before it runs
        Throwable thrown = catchThrowable(() -> Flyway.configure().configuration(config)
                .locations("classpath:db/migration", "classpath:db/unsafe").load().migrate());
        then(thrown).hasStackTraceContaining(UnsafeMigrationException.class.getSimpleName())
                .hasStackTraceContaining("V3__drop_note.sql is UNSAFE");
        then(scripts(config)).containsExactly("V1__orders.sql", "V2__email.sql");
    }

    private static List<String> scripts(FluentConfiguration config) {
        return java.util.Arrays.stream(config.load().info().applied()).filter(i -> !i.getType().isSynthetic())
                .map(MigrationInfo::getScript).toList();
    }

    /** The user's own migration source: a list. */
    static final class ListSource implements MigrationSource {
        final List<PendingMigration> pending = new ArrayList<>();

        @Override
        public List<PendingMigration> pending(Build build) {
            return List.copyOf(pending);
        }
    }

    /** The user's own runner: plain JDBC, results built with the public factories. */
    record JdbcRunner(TestDatabase db, ListSource source) implements MigrationRunner {
        @Override
        public MigrationResult apply(PendingMigration migration, Progress progress) {
            long t0 = System.nanoTime();
            try (Connection c = db.connect(); Statement s = c.createStatement()) {
                s.execute(migration.sql());
            } catch (SQLException e) {
                Duration elapsed = Duration.ofNanos(System.nanoTime() - t0);
                return MigrationResult.failed(migration.name(),
                        List.of(StatementResult.failed(1, migration.sql(), elapsed)), elapsed, e.getMessage());
            }
            source.pending.remove(migration);
            Duration elapsed = Duration.ofNanos(System.nanoTime() - t0);
            return MigrationResult.applied(migration.name(),
                    List.of(StatementResult.applied(1, migration.sql(), elapsed)), elapsed);
        }
    }

    /** The user's own platform: remembers what it released. */
    static final class ToyPlatform implements Platform {
        final List<String> releases = new ArrayList<>();
        private Release current = Release.of(1, "v1");
        private boolean maintenance;

        @Override
        public synchronized Optional<Release> currentRelease(String app) {
            return Optional.of(current);
        }

        @Override
        public synchronized Release release(String app, Build build, Progress progress) {
            releases.add(build.version());
            current = Release.of(current.version() + 1, build.version());
            return current;
        }

        @Override
        public synchronized Release rollback(String app, Release target, Progress progress) {
            current = Release.of(current.version() + 1, target.buildVersion());
            return current;
        }

        @Override
        public synchronized void maintenance(String app, boolean on) {
            maintenance = on;
        }

        @Override
        public synchronized boolean inMaintenance(String app) {
            return maintenance;
        }
    }

    /** The user's own backups: a restore point that this test never restores. */
    static final class NoBackups implements DatabaseBackups {
        @Override
        public Backup capture(String app, Progress progress) {
            return new Backup("none", Instant.now(), "");
        }

        @Override
        public void restore(String app, Backup backup, Progress progress) {
            throw new UnsupportedOperationException("not in this test");
        }
    }
}
