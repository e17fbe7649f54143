package io.zdcd.heroku;

import io.zdcd.analyzer.SqlMigrationClassifier;
import io.zdcd.jdbc.JdbcDeploymentJournal;
import io.zdcd.jdbc.JdbcMigrationRunner;
import io.zdcd.jdbc.PostgresDatabase;
import io.zdcd.jdbc.SqlMigrationSource;
import io.zdcd.pipeline.DeploymentPipeline;
import io.zdcd.spi.Build;
import io.zdcd.spi.Health;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The deploying process of {@link KillNineTest}, run in a JVM of its own so that it can be killed with SIGKILL: an
 * UNSAFE nightly of app {@code acme} on the fake Heroku at {@code ZDCD_TEST_HEROKU_URL}, migrating the database
 * {@code ZDCD_TEST_APP_DB} of the server at {@code ZDCD_TEST_JDBC_URL} (credentials in the environment, never on the
 * command line), with the journal in that server's own database.
 *
 * <p>Arguments: the migrations folder, then {@code healthy} or {@code smoke-fails} (the smoke command fails inside
 * the maintenance window, so the nightly restores its backup itself).
 */
public final class KillNineChild {
    private KillNineChild() {
    }

    public static void main(String[] args) {
        System.out.println(pipeline(System.getenv("ZDCD_TEST_HEROKU_URL"), System.getenv("ZDCD_TEST_JDBC_URL"),
                System.getenv("ZDCD_TEST_APP_DB"), Path.of(args[0]), "smoke-fails".equals(args[1]))
                .nightly(build()).describe());
    }

    /** The pipeline of the child, and of the recovery in the test's own JVM. */
    static DeploymentPipeline pipeline(String herokuUrl, String jdbcUrl, String appDb, Path migrations,
                                       boolean smokeFails) {
        WaitPolicy w = WaitPolicy.of(Duration.ofMillis(100), Duration.ofMinutes(2));
        HerokuPlatform platform = HerokuPlatform.builder()
                .client(HerokuClient.builder().apiKey(FakeHeroku.TOKEN).apiUrl(herokuUrl).dataApiUrl(herokuUrl).build())
                .buildWait(w).releaseWait(w).dynoWait(w).transferWait(w).build();
        PostgresDatabase control = PostgresDatabase.fromUrl(jdbcUrl);
        PostgresDatabase app = control.withName(appDb);
        DeploymentPipeline.Builder b = DeploymentPipeline.builder().app("acme").platform(platform)
                .journal(JdbcDeploymentJournal.of(control).withLease(Duration.ofSeconds(1)))
                .migrations(SqlMigrationSource.of(app, migrations), JdbcMigrationRunner.of(app))
                .classifier(SqlMigrationClassifier.defaults())
                .backups(platform.backups())
                .healthCheck((a, r) -> Health.healthy("200"));
        return smokeFails ? b.smokeCommand("bin/smoke").build() : b.build();
    }

    static Build build() {
        return Build.of("4f9e2d1c0b", "drop legacy").withSourceUrl("https://builds.example.com/acme.tar.gz");
    }
}
