package io.zdcd.examples.cli;

import io.zdcd.analyzer.LiveSchemaException;
import io.zdcd.analyzer.MigrationInputException;
import io.zdcd.analyzer.Migrations;
import io.zdcd.analyzer.fix.DjangoFile;
import io.zdcd.analyzer.fix.DjangoFix;
import io.zdcd.analyzer.fix.DjangoMigration;
import io.zdcd.analyzer.fix.FixFile;
import io.zdcd.analyzer.fix.FixResult;
import io.zdcd.analyzer.fix.MigrationFixer;
import io.zdcd.analyzer.fix.StatementFix;
import io.zdcd.examples.cli.CheckCommand.BadInput;
import io.zdcd.classify.Migration;
import io.zdcd.classify.Phase;
import io.zdcd.django.DjangoException;
import io.zdcd.django.DjangoProject;
import io.zdcd.jdbc.PostgresDatabase;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code zdcd fix [--schema FILE | --database-url URL | --database-url-env NAME] [--postgres-version N]
 * [--batch-size N] --output DIR FILE...}: writes each migration's safe expand/contract files ({@link MigrationFixer})
 * to DIR. With
 * {@code --django-project DIR --app APP --migration NAME} (and a database URL), writes the Django expand migration
 * that replaces {@code APP/NAME} and its contract migration ({@link MigrationFixer#fixDjango}).
 */
@Command(name = "fix", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Turns the UNSAFE statements of plain SQL migrations into safe expand/contract files.",
            "Every statement of them is proven by zdcd's classifier. Recipes (docs/fix.md): indexes,",
            "foreign keys, CHECK, NOT NULL, UNIQUE and PRIMARY KEY, batched backfills and data changes,",
            "column renames and type changes; drops (and Django's DROP DEFAULT) move to a contract file.",
            "Files are named <migration>_NNN_expand.sql and <migration>_NNN_contract.sql:",
            "name order is apply order; a file whose header says OUTSIDE a transaction block must run",
            "in autocommit. A statement without a recipe is printed with the reason and left out of",
            "the files (ship it through the nightly window); the files of the rest are still written.",
            "With --django-project DIR --app APP --migration NAME (and --database-url or",
            "--database-url-env: sqlmigrate connects to it), writes NAME.py, the expand migration that",
            "replaces the original (SeparateDatabaseAndState: Django's state as before, the database",
            "gets the safe SQL), and the next-numbered *_contract.py depending on it; nothing when some",
            "UNSAFE statement has no recipe."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:every UNSAFE statement got a recipe (files written)",
            "1:some UNSAFE statement has no recipe (files written for the rest; none for Django)",
            "2:bad usage or unreadable input (one line on stderr, nothing written)"})
public final class FixCommand implements Callable<Integer> {

    @Option(names = "--postgres-version", paramLabel = "N",
            description = "PostgreSQL version the migrations will run on, 11 to 18 or such as 14.2 (default: 17).")
    String postgresVersion;

    @Option(names = "--schema", paramLabel = "FILE",
            description = "The existing schema as SQL (for example pg_dump --schema-only output).")
    Path schema;

    @Option(names = "--database-url", paramLabel = "URL",
            description = "Read the existing schema from this live database's catalog, read-only. Prefer"
                    + " --database-url-env: a URL on the command line is visible to other users of the machine.")
    String databaseUrl;

    @Option(names = "--database-url-env", paramLabel = "NAME",
            description = "As --database-url, with the URL read from the environment variable NAME.")
    String databaseUrlEnv;

    @Option(names = "--batch-size", paramLabel = "N",
            description = "Keys per batch of a batch loop (backfill, batched UPDATE/DELETE): each batch is one short"
                    + " transaction holding row locks on at most N rows (1 to " + FixOptions.MAX_BATCH + ", default: "
                    + MigrationFixer.DEFAULT_BATCH_SIZE + ").")
    String batchSize;

    @Option(names = "--flyway", description = "Name the files of a Flyway versioned migration for Flyway"
            + " (V5__idx.sql -> V5.001__idx_expand.sql, ...: they replace it) and write next to each file that must run"
            + " outside a transaction block its script configuration file (FILE.conf: executeInTransaction=false).")
    boolean flyway;

    @Option(names = "--output", paramLabel = "DIR", required = true,
            description = "The folder the files are written to (created if missing; files of the same name are"
                    + " replaced).")
    Path output;

    @Option(names = "--django-project", paramLabel = "DIR",
            description = "Fix a migration of the Django project in DIR (the folder of manage.py) instead of FILEs;"
                    + " needs --app, --migration and --database-url or --database-url-env.")
    Path djangoProject;

    @Option(names = "--app", paramLabel = "APP", description = "With --django-project: the app label, such as"
            + " orders.")
    String app;

    @Option(names = "--migration", paramLabel = "NAME", description = "With --django-project: the migration's name,"
            + " such as 0004_order_status.")
    String migration;

    @Parameters(arity = "0..*", paramLabel = "FILE",
            description = "A migration file, or a folder (every *.sql below it, in migration order).")
    List<String> paths = List.of();

    @Spec
    CommandSpec spec;

    /** The database of the URL given, once {@link #fixer()} has read it. */
    private PostgresDatabase database;

    /** The environment {@code --database-url-env} reads (tests replace it). */
    Map<String, String> env = System.getenv();

    @Override
    public Integer call() {
        if (djangoProject != null || app != null || migration != null) {
            return callDjango();
        }
        if (paths.isEmpty()) {
            return fail("give the migration FILEs, or --django-project DIR --app APP --migration NAME");
        }
        List<FixResult> fixes = new ArrayList<>();
        try {
            MigrationFixer fixer = fixer();
            for (Path file : files()) {
                if (flyway) {
                    FlywayFiles.notVersioned(file.getFileName().toString()).ifPresent(why -> {
                        throw new BadInput(why);
                    });
                }
                String sql = CheckCommand.readText(file, file.toString());
                fixes.add(fixer.fix(Migration.of(file.getFileName().toString(), sql)));
            }
            Files.createDirectories(output);
            for (FixResult fix : fixes) {
                for (FixFile f : fix.files()) {
                    Files.writeString(output.resolve(fileName(f)), f.sql(), StandardCharsets.UTF_8);
                    if (flyway) {
                        for (String conf : FlywayFiles.configName(f).stream().toList()) {
                            Files.writeString(output.resolve(conf), FlywayFiles.NO_TRANSACTION,
                                    StandardCharsets.UTF_8);
                        }
                    }
                }
            }
        } catch (BadInput | LiveSchemaException e) {
            return fail(e.getMessage());
        } catch (IOException | InvalidPathException e) {
            return fail("cannot write to " + output + ": " + e.getMessage());
        }
        PrintWriter out = spec.commandLine().getOut();
        for (FixResult fix : fixes) {
            out.println(fix.migration() + ": " + (fix.isComplete() ? "fixed" : "NOT fully fixed") + ", "
                    + fix.files().size() + " file" + (fix.files().size() == 1 ? "" : "s"));
            printStatements(out, fix);
            for (FixFile f : fix.files()) {
                out.println("  wrote " + output.resolve(fileName(f)) + " (" + f.phase().label()
                        + (f.outsideTransaction() ? ", outside a transaction block" : "") + ")"
                        + (flyway ? FlywayFiles.configName(f).map(c -> " and " + c).orElse("") : ""));
            }
        }
        out.flush();
        return fixes.stream().allMatch(FixResult::isComplete) ? 0 : 1;
    }

    private String fileName(FixFile f) {
        return flyway ? FlywayFiles.name(f) : f.name();
    }

    private static void printStatements(PrintWriter out, FixResult fix) {
        for (StatementFix s : fix.statements()) {
            out.println("  line " + s.line() + " " + s.ruleId() + ": " + s.recipe()
                    .map(r -> "-> " + r + " (" + s.explanation() + ")").orElse(s.explanation()));
        }
    }

    /** --django-project: fixes one migration of the project, writes its expand and contract migrations. */
    private int callDjango() {
        DjangoFix fix;
        try {
            if (djangoProject == null || app == null || migration == null) {
                throw new BadInput("--django-project, --app and --migration go together: give all three");
            }
            if (!paths.isEmpty()) {
                throw new BadInput("give the migration FILEs or --django-project, not both");
            }
            if (flyway) {
                throw new BadInput("--flyway names SQL migration FILEs for Flyway; a Django migration has no Flyway "
                        + "name");
            }
            if (databaseUrl == null && databaseUrlEnv == null) {
                throw new BadInput("--django-project needs --database-url or --database-url-env: manage.py "
                        + "sqlmigrate connects to the database, whose schema is also the known schema");
            }
            String name = migration.endsWith(".py") ? migration.substring(0, migration.length() - 3) : migration;
            MigrationFixer fixer = fixer();
            DjangoProject project = DjangoProject.builder(djangoProject).database(database).build();
            fix = fixer.fixDjango(DjangoMigration.read(project, app, name));
            Files.createDirectories(output);
            for (DjangoFile f : fix.files()) {
                Files.writeString(output.resolve(f.name()), f.source(), StandardCharsets.UTF_8);
            }
        } catch (BadInput | LiveSchemaException e) {
            return fail(e.getMessage());
        } catch (IOException | InvalidPathException e) {
            return fail("cannot write to " + output + ": " + e.getMessage());
        } catch (IllegalArgumentException | IllegalStateException | UncheckedIOException e) {
            return fail("--django-project: " + e.getMessage());
        } catch (DjangoException e) {
            return fail(e.getMessage().replaceAll("\\s*\\R\\s*", " / "));
        }
        PrintWriter out = spec.commandLine().getOut();
        boolean nothing = fix.sqlFix().statements().isEmpty();
        out.println(fix.app() + "/" + fix.migration() + ": " + (nothing ? "nothing to fix (no UNSAFE statement)"
                : fix.isComplete() ? "fixed, " + fix.files().size() + " Django migration"
                + (fix.files().size() == 1 ? "" : "s") : "NOT fixed: no Django migration written, the original stays"
                + " as it is (ship it through the nightly window)"));
        printStatements(out, fix.sqlFix());
        for (DjangoFile f : fix.files()) {
            out.println("  wrote " + output.resolve(f.name()) + (f.phase() == Phase.EXPAND
                    ? " (expand: replaces " + app + "/migrations/" + f.name() + ", apply it now"
                    : " (contract: apply it once the new code is live") + (f.atomic() ? "" : ", atomic = False")
                    + ")");
        }
        out.flush();
        return fix.isComplete() ? 0 : 1;
    }

    private MigrationFixer fixer() {
        if (databaseUrl != null && databaseUrlEnv != null) {
            throw new BadInput("give --database-url or --database-url-env, not both");
        }
        MigrationFixer.Builder builder = MigrationFixer.builder();
        try {
            if (postgresVersion != null) {
                builder.postgresVersion(postgresVersion);
            }
            if (batchSize != null) {
                builder.batchSize(FixOptions.parse(batchSize));
            }
            if (schema != null) {
                builder.schema(CheckCommand.readText(schema, "--schema " + schema));
            }
            String url = databaseUrl;
            if (databaseUrlEnv != null) {
                url = env.get(databaseUrlEnv);
                if (url == null || url.isBlank()) {
                    throw new BadInput("--database-url-env " + databaseUrlEnv + ": the environment variable "
                            + databaseUrlEnv + " is not set");
                }
            }
            if (url != null) {
                database = PostgresDatabase.fromUrl(url);
                builder.liveSchema(database);
            }
            return builder.build();
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw new BadInput(e.getMessage());
        }
    }

    private List<Path> files() {
        List<Path> files = new ArrayList<>();
        for (String p : paths) {
            List<Path> found;
            try {
                found = Migrations.files(Path.of(p));
            } catch (MigrationInputException | InvalidPathException e) {
                throw new BadInput(e.getMessage());
            }
            if (found.isEmpty()) {
                throw new BadInput("no .sql file under " + p);
            }
            files.addAll(found);
        }
        return files;
    }

    private int fail(String message) {
        spec.commandLine().getErr().println("zdcd fix: " + message);
        spec.commandLine().getErr().flush();
        return 2;
    }
}
