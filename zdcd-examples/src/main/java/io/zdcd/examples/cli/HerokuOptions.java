package io.zdcd.examples.cli;

import io.zdcd.analyzer.SqlMigrationClassifier;
import io.zdcd.analyzer.fix.FixRewriter;
import io.zdcd.analyzer.fix.MigrationFixer;
import io.zdcd.django.DjangoMigrationRunner;
import io.zdcd.django.DjangoMigrationSource;
import io.zdcd.django.DjangoProject;
import io.zdcd.heroku.HerokuPlatform;
import io.zdcd.heroku.HttpHealthCheck;
import io.zdcd.jdbc.JdbcBuildQueue;
import io.zdcd.jdbc.JdbcDeploymentJournal;
import io.zdcd.jdbc.JdbcMigrationRunner;
import io.zdcd.jdbc.PostgresDatabase;
import io.zdcd.jdbc.SqlMigrationSource;
import io.zdcd.pipeline.DeploymentEvent;
import io.zdcd.pipeline.DeploymentListener;
import io.zdcd.pipeline.DeploymentOutcome;
import io.zdcd.pipeline.DeploymentPipeline;
import io.zdcd.spi.Build;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * The options {@code zdcd deploy} and {@code zdcd nightly} share, and how they become a {@link DeploymentPipeline}
 * on Heroku. The Heroku token comes from {@code HEROKU_API_KEY} or the Heroku CLI's {@code ~/.netrc}; the API URLs
 * may be overridden with {@code HEROKU_API_URL} and {@code HEROKU_DATA_API_URL}.
 */
final class HerokuOptions {
    /** For Django migrations: what sqlmigrate shows outside BEGIN ... COMMIT runs in autocommit (atomic = False). */
    static final SqlMigrationClassifier DJANGO_CLASSIFIER = SqlMigrationClassifier.builder()
            .implicitTransactions(false).build();
    /** Exit codes of deploy and nightly. */
    static final int OK = 0;
    static final int RECOVERED = 1;
    static final int USAGE = 2;
    static final int DEFERRED = 3;
    static final int NOT_RECOVERED = 4;
    /** Deployed and verified by expand/contract, but a contract part failed: it stays pending (the next deploy). */
    static final int CONTRACT_PENDING = 6;

    @Option(names = "--app", paramLabel = "APP", description = "The Heroku app (default: $HEROKU_APP).")
    String app;

    @Option(names = "--source-url", paramLabel = "URL",
            description = "An https URL of the build's source as a gzipped tarball that Heroku can download.")
    String sourceUrl;

    @Option(names = "--commit", paramLabel = "SHA", description = "The build's commit (git SHA): its version.")
    String commit;

    /** The old name of --commit (it collided with the usual -V/--version), kept for one release. */
    @Option(names = "--version", paramLabel = "SHA", hidden = true)
    String deprecatedVersion;

    @Option(names = "--description", paramLabel = "TEXT", description = "A one-line description (the commit subject).")
    String description = "";

    @Option(names = "--migrations", paramLabel = "PATH", split = ",",
            description = "SQL migration files or folders (Flyway V<n>__name.sql order) that zdcd applies over "
                    + "--database-url before the release. Without it, the app's release phase migrates.")
    List<Path> migrations = List.of();

    @Option(names = "--django-project", paramLabel = "DIR",
            description = "A Django project whose pending migrations zdcd applies over --database-url.")
    Path djangoProject;

    @Option(names = "--database-url", paramLabel = "URL",
            description = "The app's PostgreSQL (postgres://user:password@host:5432/db or a JDBC URL): migrations are "
                    + "applied over it; the deployment journal and nightly queue are kept in it (schema zdcd) unless "
                    + "--control-database-url is given.")
    String databaseUrl;

    @Option(names = "--database-url-env", paramLabel = "NAME",
            description = "The environment variable holding the app's database URL (default: DATABASE_URL, Heroku's "
                    + "convention, used when no --database-url is given), so the password is not on the command line.")
    String databaseUrlEnv;

    private boolean databaseUrlResolved;

    @Option(names = "--control-database-url", paramLabel = "URL",
            description = "A PostgreSQL that restores never touch, for the deployment journal and the nightly queue "
                    + "(default: $ZDCD_CONTROL_DATABASE_URL, else --database-url, where zdcd writes back after a "
                    + "restore what the restore removed).")
    String controlDatabaseUrl;

    @Option(names = "--smoke-command", paramLabel = "CMD",
            description = "Run in a one-off dyno of the new release before maintenance goes off; it must exit 0 "
                    + "(for example 'python manage.py check --deploy').")
    String smokeCommand;

    @Option(names = "--smoke-timeout", paramLabel = "SECONDS", defaultValue = "300",
            description = "How long the smoke command may run (default: ${DEFAULT-VALUE}).")
    long smokeSeconds;

    @Option(names = "--health-url", paramLabel = "URL",
            description = "Polled until it answers 2xx once traffic reaches the release (in a nightly window: after "
                    + "maintenance went off, since Heroku answers 503 while it is on). Default: the dynos being up.")
    String healthUrl;

    @Option(names = "--verify-timeout", paramLabel = "SECONDS", defaultValue = "120",
            description = "How long verify waits for every web dyno to be up, and again for --health-url "
                    + "(default: ${DEFAULT-VALUE}).")
    long verifySeconds;

    /** Set by {@code --fix} ({@link FixOptions}): ship UNSAFE migrations that have recipes by expand/contract. */
    boolean expandContract;
    /** Set by {@code --batch-size} ({@link FixOptions}): keys per batch of the rewrites' batch loops. */
    int batchSize = MigrationFixer.DEFAULT_BATCH_SIZE;

    /** The environment and the netrc file, replaceable by tests. */
    Map<String, String> env = System.getenv();
    Path netrc = Path.of(System.getProperty("user.home"), ".netrc");

    /** {@code --database-url}, else the variable {@code --database-url-env} names, else {@code DATABASE_URL}. */
    private void resolveDatabaseUrl(CommandSpec spec) {
        if (!databaseUrlResolved) {
            databaseUrl = DatabaseUrls.resolve(spec, databaseUrl, databaseUrlEnv, env).orElse(null);
            databaseUrlResolved = true;
        }
    }

    /** The pipeline these options describe; bad options throw {@link ParameterException} (exit 2). */
    DeploymentPipeline pipeline(CommandSpec spec, PrintStream out) {
        CommandLine cli = spec.commandLine();
        resolveDatabaseUrl(spec);
        HerokuPlatform.Builder platformBuilder = HerokuPlatform.builder().fromEnvironment(env, netrc);
        if (app != null) {
            platformBuilder.app(app);
        }
        HerokuPlatform platform;
        try {
            platform = platformBuilder.build();
        } catch (IllegalStateException | IllegalArgumentException e) {
            throw new ParameterException(cli, e.getMessage());
        }
        String theApp = platform.app().orElseThrow(() -> new ParameterException(cli,
                "no app: give --app APP or set HEROKU_APP"));
        if (verifySeconds < 1) {
            throw new ParameterException(cli, "--verify-timeout must be at least 1 second, was " + verifySeconds);
        }
        if (smokeSeconds < 1) {
            throw new ParameterException(cli, "--smoke-timeout must be at least 1 second, was " + smokeSeconds);
        }
        DeploymentListener printing = DeploymentListener.printing(out);
        DeploymentPipeline.Builder b = DeploymentPipeline.builder().app(theApp).platform(platform)
                .verifyTimeout(Duration.ofSeconds(verifySeconds))
                // the outcome is printed once, in full, by finish()
                .addListener(e -> {
                    if (!(e instanceof DeploymentEvent.DeploymentFinished)) {
                        printing.onEvent(e);
                    }
                });
        if (smokeCommand != null) {
            if (smokeCommand.isBlank()) {
                throw new ParameterException(cli, "--smoke-command is blank");
            }
            b.smokeCommand(smokeCommand).smokeTimeout(Duration.ofSeconds(smokeSeconds));
        }
        if (healthUrl != null) {
            try {
                b.healthCheck(HttpHealthCheck.of(healthUrl));
            } catch (IllegalArgumentException e) {
                throw new ParameterException(cli, "--health-url: " + e.getMessage());
            }
        }
        if (djangoProject != null && !migrations.isEmpty()) {
            throw new ParameterException(cli, "give --migrations or --django-project, not both");
        }
        if ((!migrations.isEmpty() || djangoProject != null) && databaseUrl == null) {
            throw new ParameterException(cli, (djangoProject != null ? "--django-project" : "--migrations")
                    + " needs --database-url (zdcd applies the migrations itself)");
        }
        if (expandContract && migrations.isEmpty() && djangoProject == null) {
            throw new ParameterException(cli, "--fix needs --migrations or --django-project (zdcd applies the "
                    + "migrations itself)");
        }
        control(cli).ifPresent(db -> b.journal(JdbcDeploymentJournal.of(db)).queue(JdbcBuildQueue.of(db)));
        if (databaseUrl != null) {
            PostgresDatabase db;
            try {
                db = PostgresDatabase.fromUrl(databaseUrl);
            } catch (IllegalArgumentException e) {
                throw new ParameterException(cli, "--database-url: " + e.getMessage());
            }
            out.println("database: " + db + " (sslmode " + db.sslMode() + ")");
            // Backups too, even without migrations here: recovering an unfinished deployment may need a restore.
            b.backups(platform.backups());
            if (!migrations.isEmpty()) {
                for (Path p : migrations) {
                    if (!Files.exists(p)) {
                        throw new ParameterException(cli, "--migrations: no such file or folder: " + p);
                    }
                }
                // the live schema is the classifier's known schema: a widening of an existing column is SAFE
                b.migrations(SqlMigrationSource.of(db, migrations), JdbcMigrationRunner.of(db))
                        .classifier(SqlMigrationClassifier.builder().liveSchema(db).build())
                        .backups(platform.backups());
                if (expandContract) {
                    b.expandContract(rewriter(db));
                }
            } else if (djangoProject != null) {
                DjangoProject project;
                try {
                    project = DjangoProject.builder(djangoProject).database(db).build();
                } catch (IllegalArgumentException | IllegalStateException e) {
                    throw new ParameterException(cli, "--django-project: " + e.getMessage());
                }
                // Django runs an atomic migration in the BEGIN ... COMMIT that sqlmigrate shows, and an
                // atomic = False one statement by statement: judge what is outside BEGIN ... COMMIT as autocommit
                b.migrations(DjangoMigrationSource.of(project), DjangoMigrationRunner.of(project))
                        .classifier(SqlMigrationClassifier.builder().implicitTransactions(false).liveSchema(db)
                                .build())
                        .backups(platform.backups());
                if (expandContract) {
                    // the runner applies the rewrite's parts as SQL and records the migration in django_migrations
                    b.expandContract(rewriter(db));
                }
            }
        }
        return b.build();
    }

    /** {@code --fix}: zdcd fix's recipes over the live schema, batch loops of {@code --batch-size} keys. */
    private FixRewriter rewriter(PostgresDatabase db) {
        return FixRewriter.of(MigrationFixer.builder().liveSchema(db).batchSize(batchSize).build());
    }

    /**
     * Where the journal and the queue live: {@code --control-database-url}, else {@code $ZDCD_CONTROL_DATABASE_URL},
     * else {@code --database-url}; empty when none is given.
     */
    Optional<PostgresDatabase> control(CommandLine cli) {
        resolveDatabaseUrl(cli.getCommandSpec());
        String url = controlDatabaseUrl != null ? controlDatabaseUrl : env.get("ZDCD_CONTROL_DATABASE_URL");
        String option = controlDatabaseUrl != null ? "--control-database-url" : "$ZDCD_CONTROL_DATABASE_URL";
        if (url == null || url.isBlank()) {
            url = databaseUrl;
            option = "--database-url";
        }
        if (url == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(PostgresDatabase.fromUrl(url));
        } catch (IllegalArgumentException e) {
            throw new ParameterException(cli, option + ": " + e.getMessage());
        }
    }

    /** The app: {@code --app}, else {@code $HEROKU_APP}. */
    String appName(CommandLine cli) {
        String a = app != null ? app : env.get("HEROKU_APP");
        if (a == null || a.isBlank()) {
            throw new ParameterException(cli, "no app: give --app APP or set HEROKU_APP");
        }
        return a;
    }

    /** The build named by --commit and --source-url, if both are given; one without the other is bad usage. */
    Optional<Build> build(CommandSpec spec) {
        String version = commit;
        if (deprecatedVersion != null) {
            if (commit != null) {
                throw new ParameterException(spec.commandLine(), "give --commit only (--version is its old name)");
            }
            spec.commandLine().getErr().println(spec.qualifiedName() + ": --version is deprecated and goes away in "
                    + "the next release: use --commit");
            version = deprecatedVersion;
        }
        if (version == null && sourceUrl == null) {
            return Optional.empty();
        }
        if (version == null || version.isBlank() || sourceUrl == null) {
            throw new ParameterException(spec.commandLine(), "--commit and --source-url go together");
        }
        if (!sourceUrl.startsWith("https://") && !sourceUrl.startsWith("http://")) {
            throw new ParameterException(spec.commandLine(), "--source-url must be an http(s) URL of a .tar.gz");
        }
        return Optional.of(new Build(version.strip(), Optional.of(sourceUrl), description, Instant.now()));
    }

    /** Prints the outcome's timeline and maps it to the exit code. */
    static int finish(DeploymentOutcome outcome, PrintStream out) {
        out.println(outcome.describe().stripTrailing());
        return switch (outcome.status()) {
            case DEPLOYED, SKIPPED -> OK;
            case DEFERRED -> DEFERRED;
            case ROLLED_BACK -> RECOVERED;
            // failed before changing anything (the platform did not answer): the app is as it was
            case FAILED -> ((DeploymentOutcome.Failed) outcome).nothingChanged() ? RECOVERED : NOT_RECOVERED;
            case REFUSED -> NOT_RECOVERED;
            case CONTRACT_FAILED -> CONTRACT_PENDING;
        };
    }
}
