package io.zdcd.examples.cli;

import io.zdcd.examples.demo.Demo;
import io.zdcd.examples.demo.DemoSummary;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code zdcd demo}: the whole story on an embedded PostgreSQL under live traffic. Exit 0 when every scene behaved as
 * expected, 1 when one did not, 2 on bad input.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Shows zdcd on a real PostgreSQL under live traffic: a safe push deployed at once, a quiet "
                + "night skipped, an unsafe push deferred, and a nightly release that fails its health check and is "
                + "recovered with every row intact; then the same changes the naive way, side by side.",
                "Exit 0 when every scene behaved as expected, 1 otherwise, 2 on bad input."})
public final class DemoCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--database-url", paramLabel = "URL",
            description = "A PostgreSQL server where the user may create databases (the demo creates and drops "
                    + "zdcd_demo*): jdbc:postgresql://localhost:5432/postgres?user=me&password=secret or "
                    + "postgres://me:secret@localhost:5432/postgres (the password is never printed). "
                    + "Default: an embedded PostgreSQL.")
    String databaseUrl;

    @Option(names = "--rows", paramLabel = "N", defaultValue = "1000000",
            description = "Rows in the demo table (default: ${DEFAULT-VALUE}, at least 1000).")
    long rows;

    @Option(names = "--threads", paramLabel = "N", defaultValue = "4",
            description = "Traffic threads (default: ${DEFAULT-VALUE}).")
    int threads;

    @Option(names = "--hold", paramLabel = "SECONDS", defaultValue = "4",
            description = "How long the long report transaction holds its lock (default: ${DEFAULT-VALUE}).")
    double holdSeconds;

    @Option(names = "--connection-per-request",
            description = "Each traffic request opens its own connection (Django's CONN_MAX_AGE = 0) instead of "
                    + "each thread keeping one (conn_max_age=600, as on Heroku).")
    boolean connectionPerRequest;

    @Option(names = "--json", paramLabel = "FILE", description = "Also write the summary as JSON to FILE.")
    Path json;

    /** Where the demo prints (tests replace it). */
    PrintStream out = System.out;

    @Override
    public Integer call() {
        Demo.Builder builder = Demo.builder().out(out);
        try {
            builder.rows(rows).threads(threads).hold(Duration.ofMillis(Math.round(holdSeconds * 1000)))
                    .connectionPerRequest(connectionPerRequest);
            if (databaseUrl != null) {
                builder.databaseUrl(databaseUrl);
            }
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        if (json != null && json.getParent() != null && !Files.isDirectory(json.getParent())) {
            throw new ParameterException(spec.commandLine(), "--json: no such directory: " + json.getParent());
        }
        DemoSummary summary = builder.build().run();
        if (json != null) {
            summary.writeJson(json);
            out.println("summary written to " + json);
        }
        return summary.allAsExpected() ? 0 : 1;
    }
}
