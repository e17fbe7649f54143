package io.zdcd.django;

import io.zdcd.internal.ConcurrentIndexes;
import io.zdcd.internal.LockRetry;
import io.zdcd.jdbc.JdbcMigrationRunner;
import io.zdcd.jdbc.LockPolicy;
import io.zdcd.jdbc.RetryPolicy;
import io.zdcd.spi.MigrationResult;
import io.zdcd.spi.MigrationRunner;
import io.zdcd.spi.PendingMigration;
import io.zdcd.spi.Progress;
import io.zdcd.spi.StatementResult;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Applies Django migrations one at a time with {@code python manage.py migrate <app> <name>}, under
 * {@code PGOPTIONS='-c lock_timeout=... -c statement_timeout=...'} so that no statement waits for a lock longer than
 * the attempt's lock timeout; a lock timeout is retried with the same {@link LockPolicy} as
 * {@link JdbcMigrationRunner} (default: lock_timeout 50 ms growing to 80 ms, jittered pauses, 10 minutes' budget),
 * each attempt with the ramp's next lock timeout. Django runs each atomic migration in one transaction, so a failure
 * leaves nothing of it behind.
 *
 * <p>Expand/contract ({@code DeploymentPipeline.Builder#expandContract}): the parts of a rewritten migration (names
 * ending in {@code .sql}) are applied as SQL by a {@link JdbcMigrationRunner} with the same settings, and the
 * migration is then recorded in {@code django_migrations}. A later migration of the same push that depends on a
 * rewritten one with a contract (recorded only once its contract ran) would make Django run the original first: the
 * pipeline defers such a push at preflight ({@link #appliedBefore}); as a last guard, once a part was seen, each
 * Django migration first asks {@code migrate APP NAME --plan} and is refused when Django would apply another
 * migration before it.
 */
public final class DjangoMigrationRunner implements MigrationRunner {
    private final DjangoProject project;
    private final JdbcMigrationRunner jdbc;
    private final LockPolicy lockPolicy;
    private final Duration statementTimeout;
    /** Set once this runner saw a part of an expand/contract rewrite: migrate then checks Django's plan first. */
    private volatile boolean rewriting;

    private DjangoMigrationRunner(DjangoProject project, JdbcMigrationRunner jdbc) {
        this.project = project;
        this.jdbc = jdbc;
        this.lockPolicy = jdbc.lockPolicy();
        this.statementTimeout = jdbc.statementTimeout();
    }

    /**
     * A runner with the default settings.
     *
     * @param project the Django project whose migrations are run, with its database; must not be null
     * @return a runner with the default lock policy and a 15 min statement timeout
     */
    public static DjangoMigrationRunner of(DjangoProject project) {
        return builder(project).build();
    }

    /**
     * A builder for a runner of this project's migrations.
     *
     * @param project the Django project whose migrations are run, with its database; must not be null
     * @return a new builder with the defaults
     */
    public static Builder builder(DjangoProject project) {
        return new Builder(project);
    }

    /** manage.py's output said the lock was not granted. */
    private static final class LockTimedOut extends Exception {
        private static final long serialVersionUID = 1L;

        LockTimedOut(String output) {
            super(output, null, false, false);
        }
    }

    @Override
    public MigrationResult apply(PendingMigration migration, Progress progress) {
        Objects.requireNonNull(migration, "migration");
        if (isRewritePart(migration.name())) {
            rewriting = true;
            return jdbc.apply(migration, progress);
        }
        String[] appAndName = migration.name().split("/", 2);
        if (appAndName.length != 2) {
            throw new IllegalArgumentException("not a Django migration name (app/NNNN_name): " + migration.name());
        }
        long t0 = System.nanoTime();
        if (rewriting) {
            Optional<String> first = firstOtherPlanned(migration);
            if (first.isPresent()) {
                return DjangoRewriteParts.refused(migration, first.get(), Duration.ofNanos(System.nanoTime() - t0));
            }
        }
        int[] attempts = {0};
        String command = "manage.py migrate " + appAndName[0] + " " + appAndName[1];
        DjangoProject.Result result;
        boolean timedOut = false;
        Duration[] lastLockTimeout = {Duration.ZERO};
        try {
            result = LockRetry.run(lockPolicy, e -> e instanceof LockTimedOut,
                    (n, lockTimeout, wait, cause) -> progress.report("lock not granted within "
                            + lockTimeout.toMillis() + "ms; retry " + n + " in " + wait.toMillis() + "ms"),
                    (n, lockTimeout) -> {
                        attempts[0]++;
                        lastLockTimeout[0] = lockTimeout;
                        String pgOptions = "-c lock_timeout=" + lockTimeout.toMillis() + " -c statement_timeout="
                                + statementTimeout.toMillis();
                        progress.report("python " + command + " (lock_timeout " + lockTimeout.toMillis() + "ms)");
                        DjangoProject.Result r = project.manage(Map.of("PGOPTIONS", pgOptions), "migrate",
                                appAndName[0], appAndName[1], "--noinput");
                        if (!r.ok() && r.output().contains("lock timeout")) {
                            throw new LockTimedOut(r.output());
                        }
                        return r;
                    });
        } catch (LockTimedOut e) {
            result = new DjangoProject.Result(1, e.getMessage());
            timedOut = true;
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new DjangoException("python " + command, e.toString(), e);
        }
        Duration elapsed = Duration.ofNanos(System.nanoTime() - t0);
        int refused = timedOut ? attempts[0] : attempts[0] - 1; // attempts whose lock was not granted
        Duration wait = refused > 0 ? lockPolicy.lockTimeout(refused) : Duration.ZERO; // the ramp never shrinks
        if (result.ok()) {
            return new MigrationResult(migration.name(), MigrationResult.Status.APPLIED, List.of(new StatementResult(
                    1, command, true, StatementResult.Status.APPLIED, attempts[0], wait, elapsed)), elapsed, "",
                    List.of());
        }
        String error = DjangoProject.tail(result.output(), 3).replace('\n', ' ')
                + (timedOut ? " (after " + attempts[0] + " attempts, the last with lock_timeout "
                + lastLockTimeout[0].toMillis() + "ms; retry budget " + lockPolicy.budget().toSeconds() + "s)" : "");
        return new MigrationResult(migration.name(), MigrationResult.Status.FAILED, List.of(new StatementResult(1,
                command, true, StatementResult.Status.FAILED, attempts[0], wait, elapsed)), elapsed, error,
                ConcurrentIndexes.invalid(migration.sql(), jdbc::isInvalidIndex));
    }

    @Override
    public boolean dropInvalidIndex(String index) {
        return jdbc.dropInvalidIndex(index);
    }

    /**
     * Whether {@code name} was applied: a Django migration ({@code app/NNNN_name}) by Django's
     * {@code django_migrations}, a part of an expand/contract rewrite ({@code app/NNNN_name_001_expand.sql}, which
     * this runner applies as SQL) by zdcd's history, as {@link JdbcMigrationRunner#isApplied}.
     *
     * @param name the migration's or part's name; must not be null
     * @return whether it was applied (false when Django never migrated the database)
     */
    @Override
    public boolean isApplied(String name) {
        Objects.requireNonNull(name, "name");
        if (isRewritePart(name)) {
            rewriting = true;
            return jdbc.isApplied(name);
        }
        return DjangoRewriteParts.recorded(project.database(), name);
    }

    /**
     * Records a Django migration as applied in {@code django_migrations} (what {@code manage.py migrate --fake} records
     * for it alone, without faking its unapplied dependencies), once its rewrite ran instead; a rewrite part in
     * zdcd's history.
     *
     * @param migration the migration (or part) to record; must not be null
     */
    @Override
    public void recordApplied(PendingMigration migration) {
        Objects.requireNonNull(migration, "migration");
        if (isRewritePart(migration.name())) {
            jdbc.recordApplied(migration);
        } else {
            DjangoRewriteParts.record(project.database(), migration.name());
        }
    }

    private static boolean isRewritePart(String name) {
        return name.endsWith(".sql");
    }

    /**
     * The migrations {@code manage.py migrate APP NAME} would apply before {@code migration} ({@code migrate --plan}):
     * its dependencies not yet in {@code django_migrations}, such as a rewritten migration whose contract has not run.
     *
     * @param migration a pending Django migration ({@code app/NNNN_name}); must not be null
     * @return their names ({@code app/NNNN_name}) in Django's order; empty for a part of a rewrite (run as SQL)
     * @throws DjangoException when {@code manage.py migrate --plan} fails
     */
    @Override
    public List<String> appliedBefore(PendingMigration migration) {
        Objects.requireNonNull(migration, "migration");
        if (isRewritePart(migration.name())) {
            return List.of();
        }
        String[] appAndName = migration.name().split("/", 2);
        if (appAndName.length != 2) {
            throw new IllegalArgumentException("not a Django migration name (app/NNNN_name): " + migration.name());
        }
        DjangoProject.Result plan = project.manage(Map.of(), "migrate", appAndName[0], appAndName[1], "--plan",
                "--noinput");
        if (!plan.ok()) {
            throw new DjangoException("python manage.py migrate " + appAndName[0] + " " + appAndName[1] + " --plan",
                    DjangoProject.tail(plan.output(), 2).replace('\n', ' '));
        }
        String self = appAndName[0] + "." + appAndName[1];
        return plan.output().lines().map(String::strip).filter(l -> l.matches("[A-Za-z_][\\w]*\\.\\d{4}\\w*"))
                .filter(l -> !l.equals(self)).map(l -> l.replaceFirst("\\.", "/")).toList();
    }

    /**
     * Another migration that {@code manage.py migrate app name} would apply first ({@code migrate --plan}): with a
     * rewrite under way, the rewritten migration is not yet in {@code django_migrations}, and Django would run its
     * original SQL. The pipeline defers such a push at preflight; this is the last guard.
     */
    private Optional<String> firstOtherPlanned(PendingMigration migration) {
        try {
            return appliedBefore(migration).stream().map(n -> n.replaceFirst("/", ".")).findFirst();
        } catch (DjangoException e) {
            return Optional.of("(manage.py migrate --plan failed: " + e.getMessage() + ")");
        }
    }

    @Override
    public String toString() {
        return "DjangoMigrationRunner[" + project + ", lock_timeout " + lockPolicy.firstLockTimeout().toMillis() + ".."
                + lockPolicy.maxLockTimeout().toMillis() + "ms, retry budget " + lockPolicy.budget().toSeconds() + "s]";
    }

    /** Configures a {@link DjangoMigrationRunner}: the same settings, defaults and checks as {@link JdbcMigrationRunner}. */
    public static final class Builder {
        private final DjangoProject project;
        private final JdbcMigrationRunner.Builder jdbc;

        private Builder(DjangoProject project) {
            this.project = Objects.requireNonNull(project, "project");
            this.jdbc = JdbcMigrationRunner.builder(project.database());
        }

        /**
         * (default: {@link LockPolicy#ofDefaults()})
         *
         * @param policy the lock timeouts and retries to use while a migration waits for its locks; must not be null
         * @return this builder
         */
        public Builder lockPolicy(LockPolicy policy) {
            jdbc.lockPolicy(policy);
            return this;
        }

        /**
         * One fixed lock timeout for every attempt (see {@link JdbcMigrationRunner.Builder#lockTimeout}).
         *
         * @param timeout the lock timeout of every attempt; positive
         * @return this builder
         */
        public Builder lockTimeout(Duration timeout) {
            jdbc.lockTimeout(timeout);
            return this;
        }

        /**
         * (default: 15 min)
         *
         * @param timeout the longest one statement of a migration may run before PostgreSQL cancels it; positive
         * @return this builder
         */
        public Builder statementTimeout(Duration timeout) {
            jdbc.statementTimeout(timeout);
            return this;
        }

        /**
         * The pauses and budget of {@code policy} (see {@link JdbcMigrationRunner.Builder#retry}).
         *
         * @param policy the pauses between attempts and the total budget; must not be null
         * @return this builder
         * @deprecated use {@link #lockPolicy(LockPolicy)}
         */
        @Deprecated(since = "0.1", forRemoval = true)
        @SuppressWarnings("removal")
        public Builder retry(RetryPolicy policy) {
            jdbc.retry(policy);
            return this;
        }

        /**
         * The runner.
         *
         * @return a runner with these settings
         */
        public DjangoMigrationRunner build() {
            return new DjangoMigrationRunner(project, jdbc.build());
        }
    }
}
