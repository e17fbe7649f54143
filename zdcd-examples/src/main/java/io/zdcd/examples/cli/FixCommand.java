package io.zdcd.examples.cli;

import io.zdcd.analyzer.LiveSchemaException;
import io.zdcd.analyzer.MigrationInputException;
import io.zdcd.analyzer.Migrations;
import io.zdcd.analyzer.fix.FixFile;
import io.zdcd.analyzer.fix.FixResult;
import io.zdcd.analyzer.fix.MigrationFixer;
import io.zdcd.analyzer.fix.StatementFix;
import io.zdcd.examples.cli.CheckCommand.BadInput;
import io.zdcd.classify.Migration;
import io.zdcd.jdbc.PostgresDatabase;
import java.io.IOException;
import java.io.PrintWriter;
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
 * {@code zdcd fix [--schema FILE | --database-url URL | --database-url-env NAME] [--postgres-version N] --output DIR
 * FILE...}: writes each migration's safe expand/contract files ({@link MigrationFixer}) to DIR.
 */
@Command(name = "fix", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Turns the UNSAFE statements of plain SQL migrations into safe expand/contract files.",
            "Every statement of them is proven by zdcd's classifier. Recipes: create-index-non-concurrently,",
            "add-foreign-key, add-check-constraint, set-not-null, add-unique-constraint (UNIQUE and",
            "PRIMARY KEY); drop-column, drop-table and drop-unique-constraint move to a contract file.",
            "Files are named <migration>_NNN_expand.sql and <migration>_NNN_contract.sql:",
            "name order is apply order; a file whose header says OUTSIDE a transaction block must run",
            "in autocommit. A statement without a recipe is printed with the reason and left out of",
            "the files (ship it through the nightly window); the files of the rest are still written."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:every UNSAFE statement got a recipe (files written)",
            "1:some UNSAFE statement has no recipe (files written for the rest)",
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

    @Option(names = "--output", paramLabel = "DIR", required = true,
            description = "The folder the files are written to (created if missing; files of the same name are"
                    + " replaced).")
    Path output;

    @Parameters(arity = "1..*", paramLabel = "FILE",
            description = "A migration file, or a folder (every *.sql below it, in migration order).")
    List<String> paths;

    @Spec
    CommandSpec spec;

    /** The environment {@code --database-url-env} reads (tests replace it). */
    Map<String, String> env = System.getenv();

    @Override
    public Integer call() {
        List<FixResult> fixes = new ArrayList<>();
        try {
            MigrationFixer fixer = fixer();
            for (Path file : files()) {
                String sql = CheckCommand.readText(file, file.toString());
                fixes.add(fixer.fix(Migration.of(file.getFileName().toString(), sql)));
            }
            Files.createDirectories(output);
            for (FixResult fix : fixes) {
                for (FixFile f : fix.files()) {
                    Files.writeString(output.resolve(f.name()), f.sql(), StandardCharsets.UTF_8);
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
            for (StatementFix s : fix.statements()) {
                out.println("  line " + s.line() + " " + s.ruleId() + ": " + s.recipe()
                        .map(r -> "-> " + r + " (" + s.explanation() + ")").orElse(s.explanation()));
            }
            for (FixFile f : fix.files()) {
                out.println("  wrote " + output.resolve(f.name()) + " (" + f.phase().label()
                        + (f.outsideTransaction() ? ", outside a transaction block" : "") + ")");
            }
        }
        out.flush();
        return fixes.stream().allMatch(FixResult::isComplete) ? 0 : 1;
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
                builder.liveSchema(PostgresDatabase.fromUrl(url));
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
