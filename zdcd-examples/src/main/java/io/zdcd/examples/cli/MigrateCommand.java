package io.zdcd.examples.cli;

import io.zdcd.internal.Counts;
import io.zdcd.jdbc.JdbcMigrationRunner;
import io.zdcd.jdbc.LockPolicy;
import io.zdcd.jdbc.PostgresDatabase;
import io.zdcd.jdbc.SqlMigrationSource;
import io.zdcd.spi.Build;
import io.zdcd.spi.MigrationResult;
import io.zdcd.spi.PendingMigration;
import io.zdcd.spi.PlatformException;
import io.zdcd.spi.StatementResult;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code zdcd migrate}: applies the SQL migrations not yet recorded as applied, in order, with lock_timeout and
 * retries, printing each statement's lock waits and retries. Exit 0 applied (or nothing to do), 1 a migration failed,
 * 2 bad input.
 */
@Command(name = "migrate", mixinStandardHelpOptions = true,
        description = {"Applies the SQL migrations (files, or folders of .sql files in Flyway V<n>__ or natural order) "
                + "not yet recorded in zdcd.applied_migrations, one by one. Every statement runs with lock_timeout, so "
                + "traffic never queues behind a migration for longer than that; a lock timeout is retried with "
                + "exponential backoff and jitter. CONCURRENTLY statements run outside a transaction.",
                "Exit 0 applied (or nothing to do), 1 a migration failed (what was rolled back and what stayed is "
                + "printed), 2 bad input."})
public final class MigrateCommand implements Callable<Integer> {
    private static final Pattern DURATION = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(ms|s|m|min|h)?");

    @Spec
    CommandSpec spec;

    @Option(names = "--database-url", paramLabel = "URL",
            description = "The target database: jdbc:postgresql://host:5432/db?user=me&password=secret or "
                    + "postgres://me:secret@host:5432/db (the password is never printed).")
    String databaseUrl;

    @Option(names = "--database-url-env", paramLabel = "NAME",
            description = "The environment variable holding the database URL (default: DATABASE_URL, used when no "
                    + "--database-url is given), so the password is not on the command line.")
    String databaseUrlEnv;

    /** The environment, replaceable by tests. */
    java.util.Map<String, String> env = System.getenv();

    @Option(names = "--lock-timeout", paramLabel = "DURATION", defaultValue = "80ms",
            description = "The longest a statement may wait for a lock before it gives up and retries: the bound on "
                    + "how long traffic queues behind a migration. Attempts start at 50 ms (or this, if shorter) and "
                    + "grow to it (default: ${DEFAULT-VALUE}; units ms, s, m, h).")
    String lockTimeout;

    @Option(names = "--statement-timeout", paramLabel = "DURATION", defaultValue = "15m",
            description = "How long one statement may run (default: ${DEFAULT-VALUE}).")
    String statementTimeout;

    @Option(names = "--retry-for", paramLabel = "DURATION", defaultValue = "10m",
            description = "The retry budget: no retry of a lock timeout starts after this long "
                    + "(default: ${DEFAULT-VALUE}).")
    String retryFor;

    @Parameters(arity = "1..*", paramLabel = "PATH", description = "Migration files or folders.")
    List<Path> paths;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PostgresDatabase db;
        JdbcMigrationRunner runner;
        SqlMigrationSource source;
        String url = DatabaseUrls.require(spec, databaseUrl, databaseUrlEnv, env);
        try {
            db = PostgresDatabase.fromUrl(url);
            Duration max = duration("--lock-timeout", lockTimeout);
            Duration first = max.compareTo(LockPolicy.DEFAULT_FIRST_LOCK_TIMEOUT) < 0 ? max
                    : LockPolicy.DEFAULT_FIRST_LOCK_TIMEOUT;
            runner = JdbcMigrationRunner.builder(db)
                    .lockPolicy(LockPolicy.custom().firstLockTimeout(first).maxLockTimeout(max)
                            .budget(duration("--retry-for", retryFor)).build())
                    .statementTimeout(duration("--statement-timeout", statementTimeout))
                    .build();
            source = SqlMigrationSource.of(db, paths);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        List<PendingMigration> all;
        List<PendingMigration> pending;
        try {
            all = source.all();
            pending = source.pending(Build.of("zdcd-migrate"));
        } catch (PlatformException | java.io.UncheckedIOException | IllegalArgumentException
                 | io.zdcd.sql.SqlInputException e) {
            throw new ParameterException(spec.commandLine(), PostgresDatabase.redact(e.getMessage()));
        }
        for (PendingMigration m : pending) { // the same gate as zdcd check: nothing runs that it refuses to read
            List<String> problems = io.zdcd.sql.SqlScript.parse(m.sql()).problems();
            if (!problems.isEmpty()) {
                throw new ParameterException(spec.commandLine(), m.name() + ": " + problems.get(0)
                        + "; nothing was applied");
            }
        }
        out.printf("%s: %s, %d already applied, %d to apply (lock_timeout %d..%dms, retried for up to "
                        + "%s; statement_timeout %s)%n", db, Counts.of(all.size(), "migration"),
                all.size() - pending.size(), pending.size(),
                runner.lockPolicy().firstLockTimeout().toMillis(), runner.lockPolicy().maxLockTimeout().toMillis(),
                retryFor, statementTimeout);
        if (pending.isEmpty()) {
            out.println("nothing to do");
            out.flush();
            return 0;
        }
        for (PendingMigration m : pending) {
            out.println("applying " + m.name());
            out.flush();
            MigrationResult r;
            try {
                r = runner.apply(m, (message, done, total) -> {
                    if (message.contains("lock not granted")) {
                        out.println("  " + message);
                        out.flush();
                    }
                });
            } catch (PlatformException e) {
                spec.commandLine().getErr().println("zdcd: " + PostgresDatabase.redact(e.getMessage()));
                return 1;
            }
            for (StatementResult s : r.statements()) {
                out.printf(Locale.ROOT, "  #%d %-11s %s  [%s, %d attempt%s, longest lock wait %dms, %dms]%n",
                        s.index(), s.status(), s.sql(), s.transactional() ? "in transaction" : "no transaction",
                        s.attempts(), s.attempts() == 1 ? "" : "s", s.longestLockWait().toMillis(),
                        s.elapsed().toMillis());
            }
            if (!r.isApplied()) {
                out.println("FAILED " + m.name() + ": " + r.error());
                for (String index : r.invalidIndexes()) {
                    out.println("  left INVALID index " + index + ": drop it with DROP INDEX CONCURRENTLY IF EXISTS "
                            + index);
                }
                int left = pending.size() - pending.indexOf(m) - 1;
                if (left > 0) {
                    out.println("  " + Counts.of(left, "later migration") + " not run");
                }
                out.flush();
                return 1;
            }
            out.println("applied " + m.name() + " in " + r.elapsed().toMillis() + "ms"
                    + (r.retries() > 0 ? " after " + r.retries() + " retr" + (r.retries() == 1 ? "y" : "ies") : ""));
            out.flush();
        }
        return 0;
    }

    static Duration duration(String option, String text) {
        Matcher m = DURATION.matcher(text.trim().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            try {
                return Duration.parse(text.trim());
            } catch (java.time.format.DateTimeParseException e) {
                throw new IllegalArgumentException(option + ": not a duration: '" + text
                        + "' (use for example 500ms, 2s, 15m, 1h)");
            }
        }
        double n = Double.parseDouble(m.group(1));
        String unit = m.group(2) == null ? "s" : m.group(2);
        double ms = switch (unit) {
            case "ms" -> n;
            case "m", "min" -> n * 60_000;
            case "h" -> n * 3_600_000;
            default -> n * 1000;
        };
        if (ms < 1) {
            throw new IllegalArgumentException(option + " must be at least 1ms, was '" + text + "'");
        }
        return Duration.ofMillis(Math.round(ms));
    }
}
