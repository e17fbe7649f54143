package io.zdcd.examples.cli;

import io.zdcd.analyzer.Migrations;
import io.zdcd.analyzer.SqlMigrationClassifier;
import io.zdcd.analyzer.trace.LockTracer;
import io.zdcd.analyzer.trace.TraceComparator;
import io.zdcd.analyzer.trace.TraceComparison;
import io.zdcd.analyzer.trace.TraceReport;
import io.zdcd.analyzer.trace.TraceReports;
import io.zdcd.ZdcdException;
import io.zdcd.classify.Classification;
import io.zdcd.classify.ClassificationReport;
import io.zdcd.classify.Migration;
import io.zdcd.classify.MigrationClassifier;
import io.zdcd.jdbc.PostgresDatabase;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
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
 * {@code zdcd trace}: runs migrations on a PostgreSQL the user names (a scratch database or a copy of production),
 * and prints, per statement, the classifier's predicted lock, rewrite and error next to what PostgreSQL did. Exit 0
 * when every prediction matches and every statement is SAFE, 1 on a mismatch or an UNSAFE statement, 2 on bad input
 * or a database it cannot use.
 */
@Command(name = "trace", mixinStandardHelpOptions = true,
        description = {"Runs each migration statement on the PostgreSQL you name, in a transaction that is rolled "
                + "back (statements that cannot run in one, in a scratch copy that is dropped), and prints the "
                + "predicted and the observed lock, rewrite and error side by side. The database is left as it was.",
                "A file is traced after the earlier files of its folder (its schema history); a folder, file by "
                        + "file in migration order.",
                "Exit 0 when every prediction matches and every statement is SAFE, 1 on any mismatch or UNSAFE "
                        + "statement, 2 on bad input or a database it cannot use."})
public final class TraceCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--database-url", paramLabel = "URL",
            description = "The database to trace against: jdbc:postgresql://host:port/db?user=u&password=p or "
                    + "postgres://user:password@host:port/db. Other clients must not be connected (see "
                    + "--allow-busy).")
    String databaseUrl;

    @Option(names = "--database-url-env", paramLabel = "NAME",
            description = "The environment variable holding the database URL (default: DATABASE_URL, used when no "
                    + "--database-url is given), so the password is not on the command line.")
    String databaseUrlEnv;

    /** The environment, replaceable by tests. */
    java.util.Map<String, String> env = System.getenv();

    @Option(names = "--rows", paramLabel = "N", defaultValue = "" + LockTracer.DEFAULT_ROWS,
            description = "Rows added to each table the migration touches before tracing (default: "
                    + "${DEFAULT-VALUE}; 0 adds none).")
    int rows;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text",
            description = "text or json (default: ${DEFAULT-VALUE}).")
    String format;

    @Option(names = "--allow-busy", description = "Trace even when other clients are connected to the database.")
    boolean allowBusy;

    @Parameters(paramLabel = "PATH", arity = "1..*", description = "Migration files (.sql) or folders of them.")
    List<Path> paths;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        if (!format.equals("text") && !format.equals("json")) {
            err.println("zdcd trace: --format must be text or json, was " + format);
            return 2;
        }
        if (rows < 0) {
            err.println("zdcd trace: --rows must be >= 0, was " + rows);
            return 2;
        }
        databaseUrl = DatabaseUrls.require(spec, databaseUrl, databaseUrlEnv, env);
        try {
            List<TraceComparison> comparisons = new ArrayList<>();
            for (Path path : paths) {
                comparisons.addAll(trace(path));
            }
            PrintWriter out = spec.commandLine().getOut();
            out.print(format.equals("json") ? TraceReports.json(comparisons) : TraceReports.text(comparisons));
            out.flush();
            boolean ok = comparisons.stream().allMatch(c -> c.matches() && c.classification().isSafe());
            return ok ? 0 : 1;
        } catch (ZdcdException | IllegalArgumentException | UncheckedIOException e) {
            err.println("zdcd trace: " + redact(e.getMessage()));
            return 2;
        } catch (RuntimeException e) {
            err.println("zdcd trace: " + e.getClass().getSimpleName() + ": " + redact(String.valueOf(e.getMessage())));
            return 2;
        }
    }

    private List<TraceComparison> trace(Path path) {
        if (!Files.exists(path)) {
            throw new IllegalArgumentException("no such file or folder: " + path);
        }
        List<Migration> before = new ArrayList<>();
        List<Migration> migrations = new ArrayList<>();
        if (Files.isDirectory(path)) {
            migrations.addAll(Migrations.fromPath(path));
            if (migrations.isEmpty()) {
                throw new IllegalArgumentException("no .sql files in " + path);
            }
        } else {
            Path absolute = path.toAbsolutePath().normalize();
            Path folder = absolute.getParent();
            Migration traced = null;
            for (Migration m : Migrations.fromPath(folder)) {
                if (Path.of(m.name()).toAbsolutePath().normalize().equals(absolute)) {
                    traced = Migrations.fromFile(path);
                    break;
                }
                before.add(m);
            }
            if (traced == null) { // not a .sql file: no history, traced as given
                before.clear();
                traced = Migrations.fromFile(path);
            }
            migrations.add(traced);
        }
        LockTracer tracer = LockTracer.builder().jdbcUrl(databaseUrl).rows(rows).allowBusy(allowBusy)
                .schemaHistory(before).build();
        List<TraceReport> reports = tracer.traceAll(migrations);
        int version = reports.get(0).postgresVersion();
        MigrationClassifier classifier = SqlMigrationClassifier.builder().postgresVersion(version).build();
        List<Migration> all = new ArrayList<>(before);
        all.addAll(migrations);
        ClassificationReport classified = classifier.classifyAll(all);
        List<Classification> predictions = classified.migrations().subList(before.size(), all.size());
        TraceComparator comparator = TraceComparator.defaults();
        List<TraceComparison> out = new ArrayList<>();
        for (int i = 0; i < reports.size(); i++) {
            out.add(comparator.compare(predictions.get(i), reports.get(i)));
        }
        return out;
    }

    /** The message without the password of --database-url, whatever form the URL took, masked with {@code ██}. */
    private String redact(String message) {
        if (message == null || databaseUrl == null) {
            return PostgresDatabase.redact(String.valueOf(message));
        }
        try {
            return PostgresDatabase.fromUrl(databaseUrl).mask(message);
        } catch (IllegalArgumentException e) { // a URL zdcd cannot read: its credentials are hidden as a URL's
            return PostgresDatabase.redact(message);
        }
    }
}
