package io.zdcd.examples.pipeline;

import static org.assertj.core.api.BDDAssertions.then;

import io.zdcd.analyzer.SqlMigrationClassifier;
import io.zdcd.jdbc.JdbcBuildQueue;
import io.zdcd.jdbc.JdbcDeploymentJournal;
import io.zdcd.jdbc.JdbcMigrationRunner;
import io.zdcd.jdbc.LocalDatabaseBackups;
import io.zdcd.jdbc.PostgresDatabase;
import io.zdcd.jdbc.SqlMigrationSource;
import io.zdcd.pipeline.DeploymentListener;
import io.zdcd.pipeline.DeploymentOutcome;
import io.zdcd.pipeline.DeploymentPipeline;
import io.zdcd.spi.Build;
import io.zdcd.spi.Health;
import io.zdcd.spi.Platform;
import io.zdcd.spi.Progress;
import io.zdcd.spi.Release;
import io.zdcd.testing.PostgresExtension;
import io.zdcd.testing.TestDatabase;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's fluent-API example, run as written against the embedded PostgreSQL with zdcd-analyzer's real
 * {@link SqlMigrationClassifier}: a safe push deploys, an unsafe one is deferred, the nightly build ships it.
 */
@ExtendWith(PostgresExtension.class)
class ReadmePipelineExampleTest {

    /** The smallest platform: a list of releases and a maintenance flag. */
    static final class ListPlatform implements Platform {
        final List<Release> releases = new ArrayList<>(List.of(Release.of(1, "initial")));
        boolean maintenance;

        @Override
        public Optional<Release> currentRelease(String app) {
            return Optional.of(releases.get(releases.size() - 1));
        }

        @Override
        public Release release(String app, Build build, Progress progress) {
            releases.add(Release.of(releases.size() + 1, build.version()));
            return currentRelease(app).orElseThrow();
        }

        @Override
        public Release rollback(String app, Release target, Progress progress) {
            releases.add(Release.of(releases.size() + 1, target.buildVersion()));
            return currentRelease(app).orElseThrow();
        }

        @Override
        public void maintenance(String app, boolean on) {
            maintenance = on;
        }

        @Override
        public boolean inMaintenance(String app) {
            return maintenance;
        }
    }

    @Test
    void the_readme_example_deploys_defers_and_ships_at_night_with_the_real_classifier(TestDatabase db,
            @TempDir Path migrations) throws Exception {
        db.execute("CREATE TABLE users (id bigserial PRIMARY KEY, name text, legacy text)",
                "INSERT INTO users (name) SELECT 'user ' || g FROM generate_series(1, 50) g");
        try (var c = db.connect(); var s = c.createStatement()) {
            s.execute("CREATE DATABASE " + db.name() + "_zdcd");
        }
        ListPlatform platform = new ListPlatform();
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        String gitSha = "3f2c1a9d";

        // --- as in the README
        PostgresDatabase appDb = PostgresDatabase.of(db.host(), db.port(), db.name(), db.user(), db.password());
        PostgresDatabase controlDb = appDb.withName(db.name() + "_zdcd");
        DeploymentPipeline pipeline = DeploymentPipeline.builder()
                .app("shop")
                .platform(platform)
                .migrations(SqlMigrationSource.of(appDb, migrations), JdbcMigrationRunner.of(appDb))
                .classifier(SqlMigrationClassifier.defaults())
                .backups(LocalDatabaseBackups.of(appDb))
                .journal(JdbcDeploymentJournal.of(controlDb))
                .queue(JdbcBuildQueue.of(controlDb))
                .healthCheck((app, release) -> Health.healthy("200 OK"))
                .addListener(DeploymentListener.printing(new PrintStream(printed, true)))
                .build();
        Files.writeString(migrations.resolve("V1__email.sql"), "ALTER TABLE users ADD COLUMN email text;");
        DeploymentOutcome outcome = pipeline.deploy(Build.of(gitSha, "add email to users"));
        // ---

        then(outcome.status()).as(outcome.describe()).isEqualTo(DeploymentOutcome.Status.DEPLOYED);
        then(db.queryValue("SELECT count(*) FROM information_schema.columns WHERE table_name = 'users' "
                + "AND column_name = 'email'")).isEqualTo(1L);
        then(printed.toString()).contains("preflight: SUCCEEDED", "DEPLOYED shop Build[3f2c1a9 ");

        // an unsafe push is deferred by the real classifier, and shipped by the nightly build
        Files.writeString(migrations.resolve("V2__drop_legacy.sql"), "ALTER TABLE users DROP COLUMN legacy;");
        DeploymentOutcome deferred = pipeline.deploy(Build.of("4e5f6a7b", "drop legacy"));
        then(deferred.status()).isEqualTo(DeploymentOutcome.Status.DEFERRED);
        then(((DeploymentOutcome.Deferred) deferred).unsafe()).extracting(c -> c.migration()).singleElement()
                .asString().endsWith("V2__drop_legacy.sql");
        then(db.queryValue("SELECT count(*) FROM information_schema.columns WHERE table_name = 'users' "
                + "AND column_name = 'legacy'")).isEqualTo(1L);

        DeploymentOutcome night = pipeline.nightly(Build.of("4e5f6a7b"));
        then(night.status()).as(night.describe()).isEqualTo(DeploymentOutcome.Status.DEPLOYED);
        then(db.queryValue("SELECT count(*) FROM information_schema.columns WHERE table_name = 'users' "
                + "AND column_name = 'legacy'")).isEqualTo(0L);
        then(db.queryValue("SELECT count(*) FROM users")).isEqualTo(50L);
        then(platform.maintenance).isFalse();
        then(platform.currentRelease("shop").orElseThrow().buildVersion()).isEqualTo("4e5f6a7b");
        then(pipeline.nightly(Build.of("4e5f6a7b")).status()).isEqualTo(DeploymentOutcome.Status.SKIPPED);
    }
}
