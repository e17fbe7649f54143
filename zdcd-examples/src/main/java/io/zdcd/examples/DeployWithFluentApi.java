package io.zdcd.examples;

import io.zdcd.analyzer.SqlMigrationClassifier;
import io.zdcd.heroku.HerokuPlatform;
import io.zdcd.heroku.HttpHealthCheck;
import io.zdcd.jdbc.JdbcBuildQueue;
import io.zdcd.jdbc.JdbcDeploymentJournal;
import io.zdcd.jdbc.JdbcMigrationRunner;
import io.zdcd.jdbc.PostgresDatabase;
import io.zdcd.jdbc.SqlMigrationSource;
import io.zdcd.pipeline.DeploymentListener;
import io.zdcd.pipeline.DeploymentOutcome;
import io.zdcd.pipeline.DeploymentPipeline;
import io.zdcd.spi.Build;
import io.zdcd.spi.DatabaseBackups;
import io.zdcd.spi.HealthCheck;
import io.zdcd.spi.Platform;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Deploy a push with the fluent API: SQL migrations classified before they run, applied with lock_timeout and retry,
 * a backup first, a health check after, automatic recovery, and a journal that survives a crash.
 *
 * <pre>
 * HEROKU_API_KEY=... HEROKU_APP=acme java -cp zdcd-examples/target/zdcd.jar io.zdcd.examples.DeployWithFluentApi \
 *     "$DATABASE_URL" 'jdbc:postgresql://ops-db:5432/zdcd?user=zdcd' db/migrations "$GIT_SHA" \
 *     "https://example.com/acme-$GIT_SHA.tar.gz" https://acme.herokuapp.com/healthz
 * </pre>
 * Exit code 0 when deployed (or deferred to the nightly build), 1 when it failed (recovered or not), 2 on bad input.
 */
public final class DeployWithFluentApi {
    private DeployWithFluentApi() {
    }

    /**
     * The pipeline a platform team configures once: every port in one fluent expression.
     *
     * @param database   the app's database (migrations, pending state)
     * @param control    where zdcd keeps its journal and nightly queue (not the database a restore replaces)
     * @param migrations the folder of {@code .sql} migrations in the build's checkout
     */
    public static DeploymentPipeline pipeline(String app, Platform platform, DatabaseBackups backups,
                                              PostgresDatabase database, PostgresDatabase control, Path migrations,
                                              HealthCheck healthCheck, DeploymentListener listener) {
        return DeploymentPipeline.builder()
                .app(app)
                .platform(platform)
                .migrations(SqlMigrationSource.of(database, migrations), JdbcMigrationRunner.of(database))
                .classifier(SqlMigrationClassifier.defaults())
                .backups(backups)
                .healthCheck(healthCheck)
                .journal(JdbcDeploymentJournal.of(control))
                .queue(JdbcBuildQueue.of(control))
                .addListener(listener)
                .build();
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** The example's work on Heroku, returning its exit code. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length != 6) {
            err.println("usage: DeployWithFluentApi DATABASE_URL CONTROL_DATABASE_URL MIGRATIONS_FOLDER GIT_SHA "
                    + "SOURCE_TARBALL_URL HEALTH_URL   (with HEROKU_API_KEY and HEROKU_APP set)");
            return 2;
        }
        HerokuPlatform heroku;
        PostgresDatabase database;
        PostgresDatabase control;
        try {
            database = PostgresDatabase.fromUrl(args[0]);
            control = PostgresDatabase.fromUrl(args[1]);
            if (!Files.isDirectory(Path.of(args[2]))) {
                throw new IllegalArgumentException("no such folder: " + args[2]);
            }
            heroku = HerokuPlatform.fromEnv();
        } catch (IllegalArgumentException | IllegalStateException e) {
            err.println(e.getMessage());
            return 2;
        }
        String app = heroku.app().orElse(null);
        if (app == null) {
            err.println("set HEROKU_APP to the app to deploy");
            return 2;
        }
        DeploymentOutcome outcome = pipeline(app, heroku, heroku.backups(), database, control, Path.of(args[2]),
                HttpHealthCheck.of(args[5]), DeploymentListener.printing(out))
                .deploy(Build.of(args[3]).withSourceUrl(args[4]));
        out.print(outcome.describe());
        return outcome.isSuccess() || outcome.status() == DeploymentOutcome.Status.DEFERRED ? 0 : 1;
    }
}
