package io.zdcd.flyway;

import io.zdcd.flyway.internal.FlywayScripts;
import io.zdcd.internal.ConcurrentIndexes;
import io.zdcd.internal.LockRetry;
import io.zdcd.jdbc.JdbcMigrationRunner;
import io.zdcd.jdbc.LockPolicy;
import io.zdcd.spi.MigrationResult;
import io.zdcd.spi.MigrationRunner;
import io.zdcd.spi.PendingMigration;
import io.zdcd.spi.Progress;
import io.zdcd.spi.StatementResult;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationState;
import org.flywaydb.core.api.configuration.FluentConfiguration;

/**
 * Applies a Flyway project's migrations one at a time with Flyway itself ({@code migrate} with {@code target} set to
 * the migration's version), so Flyway's history table stays the record and a later plain {@code flyway migrate} or
 * {@code flyway validate} agrees. Every connection Flyway opens runs with the lock timeout of the attempt
 * (set on each connection before Flyway's own {@code initSql}), and a lock timeout is retried with the same {@link LockPolicy} as {@link JdbcMigrationRunner}
 * (default: 50 ms growing to 80 ms, jittered pauses, 10 minutes' budget); Flyway runs a PostgreSQL migration in one
 * transaction unless it holds {@code CONCURRENTLY} statements, so a failed attempt leaves nothing of it.
 *
 * <p>A repeatable migration is applied together with any other pending repeatable one (Flyway applies them after the
 * versioned ones, all at once); the next {@code apply} of such a migration finds it applied and reports it so.
 *
 * <pre>{@code
 * FlywayProject project = FlywayProject.builder(database).locations("classpath:db/migration").build();
 * DeploymentPipeline.builder()
 *         .migrations(FlywayMigrationSource.of(project), FlywayMigrationRunner.of(project))
 *         ...
 * }</pre>
 */
public final class FlywayMigrationRunner implements MigrationRunner {
    private final FlywayProject project;
    private final JdbcMigrationRunner jdbc;
    private final LockPolicy lockPolicy;
    private final Duration statementTimeout;

    private FlywayMigrationRunner(FlywayProject project, JdbcMigrationRunner jdbc) {
        this.project = project;
        this.jdbc = jdbc;
        this.lockPolicy = jdbc.lockPolicy();
        this.statementTimeout = jdbc.statementTimeout();
    }

    /**
     * A runner with the defaults of {@link JdbcMigrationRunner}.
     *
     * @param project where the migrations are and where they go
     * @return the runner
     */
    public static FlywayMigrationRunner of(FlywayProject project) {
        return builder(project).build();
    }

    /**
     * A builder to change the lock policy or statement timeout.
     *
     * @param project where the migrations are and where they go
     * @return the builder
     */
    public static Builder builder(FlywayProject project) {
        return new Builder(project);
    }

    @Override
    public MigrationResult apply(PendingMigration migration, Progress progress) {
        Objects.requireNonNull(migration, "migration");
        Objects.requireNonNull(progress, "progress");
        long t0 = System.nanoTime();
        FluentConfiguration base = FlywayScripts.configure(project);
        MigrationInfo info = FlywayScripts.find(base.load(), migration.name());
        if (info == null) {
            throw new IllegalArgumentException("not a migration of " + project + ": " + migration.name());
        }
        String command = "flyway migrate -target=" + target(info) + " (" + migration.name() + ")";
        if (info.getState().isApplied() && info.getState() != MigrationState.OUTDATED) {
            if (info.getState().isFailed()) {
                return MigrationResult.failed(migration.name(), List.of(StatementResult.failed(1, command,
                        since(t0))), since(t0), "Flyway's history records it as failed; run flyway repair");
            }
            progress.report(migration.name() + " is already applied (Flyway's history table)");
            return MigrationResult.applied(migration.name(), List.of(), since(t0));
        }
        int[] attempts = {0};
        Duration[] lastLockTimeout = {Duration.ZERO};
        try {
            LockRetry.run(lockPolicy, LockRetry::isLockTimeout,
                    (n, lockTimeout, wait, cause) -> progress.report(migration.name() + ": lock not granted within "
                            + lockTimeout.toMillis() + "ms; retry " + n + " in " + wait.toMillis() + "ms"),
                    (n, lockTimeout) -> {
                        attempts[0]++;
                        lastLockTimeout[0] = lockTimeout;
                        progress.report(command + " with lock_timeout " + lockTimeout.toMillis() + "ms");
                        String session = "SET lock_timeout = '" + lockTimeout.toMillis() + "ms'; SET statement_timeout"
                                + " = '" + statementTimeout.toMillis() + "ms'";
                        Flyway flyway = FlywayScripts.configure(project, session).target(target(info)).load();
                        try {
                            return flyway.migrate();
                        } catch (RuntimeException e) {
                            if (LockRetry.isLockTimeout(e)) {
                                undoFailedAttempt(migration);
                            }
                            throw e;
                        }
                    });
        } catch (Exception e) {
            Duration elapsed = since(t0);
            boolean timedOut = LockRetry.isLockTimeout(e);
            int refused = timedOut ? attempts[0] : attempts[0] - 1;
            String error = oneLine(e) + (timedOut ? " (after " + attempts[0] + " attempts, the last with lock_timeout "
                    + lastLockTimeout[0].toMillis() + "ms; retry budget " + lockPolicy.budget().toSeconds() + "s)"
                    : "");
            return MigrationResult.failed(migration.name(), List.of(StatementResult.failed(1, command, elapsed)
                            .withAttempts(attempts[0], refused > 0 ? lockPolicy.lockTimeout(refused) : Duration.ZERO)),
                    elapsed, error).withInvalidIndexes(ConcurrentIndexes.invalid(migration.sql(), jdbc::isInvalidIndex));
        }
        Duration elapsed = since(t0);
        int refused = attempts[0] - 1;
        return MigrationResult.applied(migration.name(), List.of(StatementResult.applied(1, command, elapsed)
                .withAttempts(attempts[0], refused > 0 ? lockPolicy.lockTimeout(refused) : Duration.ZERO)), elapsed);
    }

    /**
     * After a lock timeout of a migration Flyway ran outside a transaction ({@code CONCURRENTLY}): drops the INVALID
     * index the attempt left and removes the failed row Flyway recorded ({@code repair}), so the retry starts clean.
     */
    private void undoFailedAttempt(PendingMigration migration) {
        for (String index : ConcurrentIndexes.in(migration.sql())) {
            try {
                jdbc.dropInvalidIndex(index);
            } catch (RuntimeException ignored) {
                // The retry fails on the name; the final result reports the index as INVALID.
            }
        }
        Flyway flyway = FlywayScripts.configure(project).load();
        MigrationInfo now = FlywayScripts.find(flyway, migration.name());
        if (now != null && now.getState().isFailed()) {
            flyway.repair();
        }
    }

    /** The SQL error's first line when there is one (Flyway's own message spans a dozen lines), else the message. */
    private static String oneLine(Throwable e) {
        for (Throwable c = e; c != null; c = c.getCause()) {
            if (c instanceof SQLException sql && sql.getMessage() != null) {
                return "Flyway: " + sql.getMessage().lines().findFirst().orElse("").strip();
            }
        }
        String m = e.getMessage() == null ? e.toString() : e.getMessage();
        return m.replaceAll("\\s*\\R\\s*", " ").strip();
    }

    private static String target(MigrationInfo info) {
        return info.getVersion() == null ? "latest" : info.getVersion().getVersion();
    }


    private static Duration since(long t0) {
        return Duration.ofNanos(System.nanoTime() - t0);
    }

    @Override
    public boolean dropInvalidIndex(String index) {
        return jdbc.dropInvalidIndex(index);
    }

    @Override
    public String toString() {
        return "FlywayMigrationRunner[" + project + ", lock_timeout " + lockPolicy.firstLockTimeout().toMillis() + ".."
                + lockPolicy.maxLockTimeout().toMillis() + "ms, retry budget " + lockPolicy.budget().toSeconds() + "s]";
    }

    /** Configures a {@link FlywayMigrationRunner}: the same settings, defaults and checks as {@link JdbcMigrationRunner}. */
    public static final class Builder {
        private final FlywayProject project;
        private final JdbcMigrationRunner.Builder jdbc;

        private Builder(FlywayProject project) {
            this.project = Objects.requireNonNull(project, "project");
            this.jdbc = JdbcMigrationRunner.builder(project.database());
        }

        /**
         * How long statements wait for locks and how lock timeouts are retried.
         *
         * @param policy (default: {@link LockPolicy#ofDefaults()})
         * @return this builder
         */
        public Builder lockPolicy(LockPolicy policy) {
            jdbc.lockPolicy(policy);
            return this;
        }

        /**
         * The longest any statement may run.
         *
         * @param timeout (default: 15 min)
         * @return this builder
         */
        public Builder statementTimeout(Duration timeout) {
            jdbc.statementTimeout(timeout);
            return this;
        }

        /** @return the runner */
        public FlywayMigrationRunner build() {
            return new FlywayMigrationRunner(project, jdbc.build());
        }
    }
}
