package io.zdcd.examples.cli;

import io.zdcd.analyzer.LiveSchemaException;
import io.zdcd.analyzer.MigrationInputException;
import io.zdcd.analyzer.Migrations;
import io.zdcd.analyzer.SqlMigrationClassifier;
import io.zdcd.analyzer.report.ReportFormat;
import io.zdcd.analyzer.report.ReportSummary;
import io.zdcd.analyzer.report.Reports;
import io.zdcd.classify.ClassificationReport;
import io.zdcd.classify.Migration;
import io.zdcd.jdbc.PostgresDatabase;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code zdcd check [--postgres-version N] [--schema FILE] [--database-url URL | --database-url-env NAME]
 * [--autocommit] [--format text|json|sarif|sarif-all|markdown|gitlab] [--output FILE] PATH...}:
 * classifies the migrations (files, folders, {@code -} for stdin; several paths are one run, in order) and reports.
 * Exit code 0 when every migration is SAFE, 1 when any is UNSAFE, 2 for bad usage or unreadable input (one line on
 * stderr).
 */
@Command(name = "check", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Judges every statement of PostgreSQL migrations SAFE or UNSAFE for a zero-downtime deploy.",
            "Each finding names the lock it takes, the reason and a safe alternative."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:every migration is SAFE", "1:some migration is UNSAFE",
            "2:bad usage or unreadable input (one line on stderr)"})
public final class CheckCommand implements Callable<Integer> {

    @Option(names = "--postgres-version", paramLabel = "N",
            description = "PostgreSQL version the migrations will run on: a major version, 11 to 18, or with its minor"
                    + " release, such as 14.2 (default: 17).")
    String postgresVersion;

    @Option(names = "--schema", paramLabel = "FILE",
            description = "The existing schema as SQL (for example pg_dump --schema-only output).")
    Path schema;

    @Option(names = "--database-url", paramLabel = "URL",
            description = "Read the existing schema (tables, column types, constraints, indexes, partitions, row"
                    + " estimates) from this live database's catalog, read-only (postgres://user:password@host/db or"
                    + " jdbc:postgresql://...). Prefer --database-url-env: a URL on the command line is visible to"
                    + " other users of the machine.")
    String databaseUrl;

    @Option(names = "--database-url-env", paramLabel = "NAME",
            description = "As --database-url, with the URL read from the environment variable NAME (for example"
                    + " DATABASE_URL, as Heroku sets it).")
    String databaseUrlEnv;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text",
            description = "text, json, sarif (UNSAFE findings), sarif-all (SAFE ones too), markdown or"
                    + " gitlab (Code Quality JSON) (default: ${DEFAULT-VALUE}).")
    String format;

    @Option(names = "--disable-rule", paramLabel = "RULE",
            description = "Turn a rule off (repeatable); its findings are not reported.")
    List<String> disabledRules = new ArrayList<>();

    @Option(names = "--rules-jar", paramLabel = "JAR",
            description = "A jar of your own rules (io.zdcd.analyzer.rules.MigrationRule, listed in "
                    + "META-INF/services), run after zdcd's (repeatable).")
    List<Path> rulesJars = new ArrayList<>();

    @Option(names = "--autocommit",
            description = "Statements outside BEGIN ... COMMIT commit one by one, as psql -f and Django's atomic = False"
                    + " migrations run them (default: they form one transaction per file, as zdcd's runner, Flyway"
                    + " and Liquibase run them).")
    boolean autocommit;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE",
            description = "Write the report to FILE (UTF-8) instead of stdout.")
    Path output;

    @Parameters(arity = "1..*", paramLabel = "PATH",
            description = "A migration file, a folder (every *.sql below it, Flyway V<version>__ files in version"
                    + " order, others in natural order) or - for stdin.")
    List<String> paths;

    @Spec
    CommandSpec spec;

    /** Where the report and errors go when run without picocli ({@link FastCheck}); else picocli's writers. */
    PrintWriter out;
    PrintWriter err;

    /**
     * Standard output as bytes when run without picocli on the process's own output: a report held in memory goes
     * there as UTF-8 without a character encoder in between (the JSON report of a large file is most of a check's
     * time). Null: reports go to {@link #out}.
     */
    java.io.PrintStream bytes;

    /** Where {@code -} is read from (tests replace it). */
    InputStream stdin = System.in;

    /** The environment {@code --database-url-env} reads (tests replace it). */
    java.util.Map<String, String> env = System.getenv();

    @Override
    public Integer call() {
        try {
            ReportFormat reportFormat = ReportFormat.fromName(format).orElseThrow(() -> new BadInput(
                    "--format must be text, json, sarif, sarif-all, markdown or gitlab, not '" + format + "'"));
            SqlMigrationClassifier classifier = classifier();
            List<Source> sources = sources();
            if (sources.stream().mapToLong(Source::size).sum() > streamAboveBytes) {
                return writeStreaming(classifier, sources, reportFormat).isSafe() ? 0 : 1;
            }
            List<Migration> migrations = new ArrayList<>();
            sources.forEach(src -> migrations.add(src.read()));
            if (output != null || bytes != null) {
                return writeBytes(classifier, migrations, reportFormat).isSafe() ? 0 : 1;
            }
            ClassificationReport report = classifier.classifyAll(migrations);
            writeReport(report, reportFormat, classifier.rules());
            return report.isSafe() ? 0 : 1;
        } catch (BadInput | LiveSchemaException e) {
            return fail(e.getMessage());
        } catch (OutOfMemoryError e) {
            return fail("out of memory (the input is too large for this JVM; raise it with java -Xmx...)");
        }
    }

    /**
     * Inputs larger than this are checked streaming ({@link SqlMigrationClassifier#writeReport}): one migration's
     * text in memory at a time and no statement kept, at the price of classifying twice. Smaller ones are classified
     * once, in memory. The output is the same (tests set it to 0 to prove it).
     */
    long streamAboveBytes = 4L << 20;

    /** The rules of a team's jar, through ServiceLoader; the class loader stays open for the run. */
    private static void loadRules(SqlMigrationClassifier.Builder builder, Path jar) {
        if (!Files.isRegularFile(jar)) {
            throw new BadInput("--rules-jar " + jar + ": no such file");
        }
        try {
            @SuppressWarnings("resource")
            java.net.URLClassLoader loader = new java.net.URLClassLoader(new java.net.URL[] {jar.toUri().toURL()},
                    CheckCommand.class.getClassLoader());
            builder.loadRules(loader);
        } catch (java.net.MalformedURLException | IllegalArgumentException e) {
            throw new BadInput("--rules-jar " + jar + ": " + e.getMessage());
        }
    }

    private SqlMigrationClassifier classifier() {
        SqlMigrationClassifier.Builder builder = SqlMigrationClassifier.builder();
        try {
            if (postgresVersion != null) {
                try {
                    builder.postgresVersion(postgresVersion);
                } catch (IllegalArgumentException e) {
                    throw new BadInput("--postgres-version " + postgresVersion + ": "
                            + e.getMessage().replace("postgresVersion ", ""));
                }
            }
            for (Path jar : rulesJars) {
                loadRules(builder, jar);
            }
            disabledRules.forEach(builder::disableRule);
            builder.implicitTransactions(!autocommit);
            if (schema != null) {
                builder.schema(readText(schema, "--schema " + schema));
            }
            String url = databaseUrl();
            if (url != null) {
                builder.liveSchema(PostgresDatabase.fromUrl(url));
            }
            return builder.build();
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw new BadInput(e.getMessage());
        }
    }

    /** The URL of --database-url or --database-url-env, or null. */
    private String databaseUrl() {
        if (databaseUrl != null && databaseUrlEnv != null) {
            throw new BadInput("give --database-url or --database-url-env, not both");
        }
        if (databaseUrlEnv == null) {
            return databaseUrl;
        }
        String url = env.get(databaseUrlEnv);
        if (url == null || url.isBlank()) {
            throw new BadInput("--database-url-env " + databaseUrlEnv + ": the environment variable " + databaseUrlEnv
                    + " is not set");
        }
        return url;
    }

    /** A migration to read: a file (read anew each time), or stdin (read once, kept). */
    private record Source(Path file, String text) {
        long size() {
            if (text != null) {
                return text.length();
            }
            try {
                return Files.size(file);
            } catch (IOException e) {
                return 0;
            }
        }

        Migration read() {
            return text != null ? Migration.of("<stdin>", text)
                    : Migration.of(file.toString(), readText(file, file.toString()));
        }
    }

    /** The migrations to check, in order, unread (stdin is read here: it can be read only once). */
    private List<Source> sources() {
        List<Source> sources = new ArrayList<>();
        boolean stdinRead = false;
        for (String p : paths) {
            if (p.equals("-")) {
                if (stdinRead) {
                    throw new BadInput("- (stdin) can be given only once");
                }
                stdinRead = true;
                sources.add(new Source(null, readStdin()));
                continue;
            }
            List<Path> found;
            try {
                found = Migrations.files(Path.of(p));
            } catch (MigrationInputException | InvalidPathException e) {
                throw new BadInput(e.getMessage());
            }
            if (found.isEmpty()) {
                throw new BadInput("no .sql file under " + p);
            }
            found.forEach(f -> sources.add(new Source(f, null)));
        }
        return sources;
    }

    private ReportSummary writeStreaming(SqlMigrationClassifier classifier, List<Source> sources,
                                         ReportFormat reportFormat) {
        Iterable<Migration> migrations = () -> sources.stream().map(Source::read).iterator();
        if (output == null) {
            PrintWriter out = out();
            ReportSummary summary = classifier.writeReport(migrations, reportFormat, out);
            out.flush();
            return summary;
        }
        return toOutputFile(file -> {
            Writer out = new java.io.OutputStreamWriter(file, StandardCharsets.UTF_8);
            ReportSummary summary = classifier.writeReport(migrations, reportFormat, out);
            out.flush();
            return summary;
        });
    }

    private String readStdin() {
        try {
            return SqlText.decode(stdin.readAllBytes());
        } catch (IOException e) {
            throw new BadInput("cannot read stdin: " + e.getMessage());
        } catch (SqlText.NotSqlTextException e) {
            throw new BadInput("stdin " + e.getMessage());
        }
    }

    static String readText(Path file, String name) {
        try {
            return SqlText.decode(readBytes(file));
        } catch (NoSuchFileException e) {
            throw new BadInput("cannot read " + name + ": no such file or directory");
        } catch (IOException e) {
            throw new BadInput("cannot read " + name + ": " + e.getMessage());
        } catch (SqlText.NotSqlTextException e) {
            throw new BadInput(name + " " + e.getMessage());
        }
    }

    /**
     * The bytes of {@code file}, read 64 KB at a time. {@code Files.readAllBytes} reads a large file through a temporary
     * direct buffer as large as the file (fresh memory: 12 ms for a 1.7 MB migration on the 2-core machine of the
     * README's figures, against 4 ms). A file that cannot be opened so (missing, a directory, not on the default file
     * system) is read by {@code Files.readAllBytes}, which throws its usual exceptions.
     */
    static byte[] readBytes(Path file) throws IOException {
        java.io.FileInputStream in;
        long size;
        try {
            java.io.File f = file.toFile();
            in = new java.io.FileInputStream(f);
            size = f.length();
        } catch (java.io.FileNotFoundException | UnsupportedOperationException e) {
            return Files.readAllBytes(file);
        }
        try (in) {
            if (size > Integer.MAX_VALUE - 8) {
                return Files.readAllBytes(file); // its OutOfMemoryError, as before
            }
            byte[] b = new byte[(int) size];
            int n = 0;
            while (true) {
                if (n == b.length) { // the expected size, or a file that grew or has no size (/dev/stdin)
                    int next = in.read();
                    if (next < 0) {
                        return b;
                    }
                    b = java.util.Arrays.copyOf(b, Math.max(8192, b.length * 2));
                    b[n++] = (byte) next;
                }
                int read = in.read(b, n, Math.min(1 << 16, b.length - n));
                if (read < 0) {
                    return java.util.Arrays.copyOf(b, n);
                }
                n += read;
            }
        }
    }

    /** The report as UTF-8 bytes to standard output ({@link #bytes}) or to {@code -o FILE}. */
    private ReportSummary writeBytes(SqlMigrationClassifier classifier, List<Migration> migrations,
                                     ReportFormat reportFormat) {
        if (output == null) {
            out().flush();
            return classifier.writeReportUtf8(migrations, reportFormat, bytes);
        }
        return toOutputFile(file -> classifier.writeReportUtf8(migrations, reportFormat, file));
    }

    /** What writes a report to {@code -o FILE}'s stream. */
    private interface ReportToFile {
        ReportSummary write(java.io.OutputStream file) throws IOException;
    }

    /** Writes {@code -o FILE} (one message and exit 2 when it cannot) and says where the report went. */
    private ReportSummary toOutputFile(ReportToFile body) {
        ReportSummary summary;
        try (java.io.OutputStream file = new java.io.BufferedOutputStream(Files.newOutputStream(output), 1 << 16)) {
            summary = body.write(file);
        } catch (IOException | UncheckedIOException e) {
            throw new BadInput("cannot write " + output + ": " + (e.getCause() != null ? e.getCause() : e)
                    .getMessage());
        }
        writtenTo(summary.verdict(), summary.migrations());
        return summary;
    }

    private void writeReport(ClassificationReport report, ReportFormat reportFormat,
                             io.zdcd.analyzer.rules.RuleSet rules) {
        PrintWriter out = out();
        Reports.write(report, reportFormat, out, rules);
        out.flush();
    }

    private void writtenTo(io.zdcd.classify.Verdict verdict, int migrations) {
        out().println(verdict + ": " + migrations + " migration"
                + (migrations == 1 ? "" : "s") + " checked, report written to " + output);
        out().flush();
    }

    private PrintWriter out() {
        return spec != null ? spec.commandLine().getOut() : out;
    }

    private PrintWriter err() {
        return spec != null ? spec.commandLine().getErr() : err;
    }

    private int fail(String message) {
        err().println("zdcd check: " + message);
        err().flush();
        return 2;
    }

    /** Bad usage or unreadable input: one line on stderr, exit code 2. */
    static final class BadInput extends RuntimeException {
        private static final long serialVersionUID = 1L;

        BadInput(String message) {
            super(message, null, false, false);
        }
    }
}
