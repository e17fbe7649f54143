package io.zdcd.spi;

import java.util.List;

/**
 * Applies migrations to the target database, one at a time, without piling a lock queue behind long-running
 * queries: PostgreSQL over JDBC ({@link io.zdcd.jdbc.JdbcMigrationRunner}) or Django's {@code manage.py migrate}
 * ({@link io.zdcd.django.DjangoMigrationRunner}).
 */
public interface MigrationRunner {

    /**
     * Applies one migration and records it as applied. A failure of the SQL is a {@link MigrationResult} with status
     * FAILED that says what was rolled back and what stayed; an exception means the runner could not even try (no
     * connection, no Python...).
     *
     * @param migration the migration to apply
     * @param progress  receives lock waits and retries as they happen
     * @return how it went: applied, or failed with what was rolled back
     */
    MigrationResult apply(PendingMigration migration, Progress progress);

    /**
     * Drops the index if it exists and is INVALID (left by a failed {@code CREATE INDEX CONCURRENTLY}), with
     * {@code DROP INDEX CONCURRENTLY}; used by recovery.
     *
     * @param index the index name, optionally schema-qualified
     * @return whether an INVALID index was dropped (false when there was none or it is valid)
     * @throws UnsupportedOperationException when this runner cannot reach the database itself
     */
    default boolean dropInvalidIndex(String index) {
        throw new UnsupportedOperationException(getClass().getSimpleName()
                + " cannot drop indexes; run DROP INDEX CONCURRENTLY IF EXISTS " + index + " by hand");
    }

    /**
     * Ends a database session a crashed run of this runner left behind ({@code pg_terminate_backend}), so that the
     * locks its statement holds go now. Ends it only if it still runs, is connected to this runner's database and is
     * not the caller's own session.
     *
     * @param backendId the id the runner reported through {@code progress.operationStarted("backend", id)}: a
     *                  backend pid
     * @return whether a session was ended (false when it had already ended)
     * @throws UnsupportedOperationException when this runner cannot reach the database itself (the default)
     */
    default boolean terminate(String backendId) {
        throw new UnsupportedOperationException(getClass().getSimpleName()
                + " cannot end sessions; run SELECT pg_terminate_backend(" + backendId + ") by hand");
    }

    /**
     * Whether a migration of this name is recorded as applied. Used by {@code DeploymentPipeline.Builder#expandContract}
     * to skip the parts of a rewrite that an earlier deployment applied.
     *
     * @param name a migration's (or a rewrite part's) name
     * @return whether it is recorded as applied
     * @throws UnsupportedOperationException when this runner cannot apply rewritten SQL itself (the default, and
     *                                       {@link io.zdcd.django.DjangoMigrationRunner}): such a pipeline defers an
     *                                       UNSAFE push as it would without expand/contract
     */
    default boolean isApplied(String name) {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " cannot apply the SQL of an "
                + "expand/contract rewrite (only a runner that applies SQL itself can, such as JdbcMigrationRunner)");
    }

    /**
     * The other migrations that applying {@code migration} would apply before it, because it depends on them and they
     * are not recorded as applied. Used by {@code DeploymentPipeline.Builder#expandContract} before any side effect:
     * a rewritten migration is recorded as applied only once its contract ran (after release), so a later migration
     * of the same push that would apply it first would run its original SQL; such a push is deferred.
     *
     * @param migration a pending migration (not a part of a rewrite)
     * @return the names of those migrations, in the order they would be applied ({@code app/NNNN_name} for Django);
     *         empty for a runner that applies exactly the migration it is given (the default)
     * @throws RuntimeException when the runner cannot tell (the push is then deferred, failing closed)
     */
    default List<String> appliedBefore(PendingMigration migration) {
        return List.of();
    }

    /**
     * Records {@code migration} as applied without running it, because the parts of its expand/contract rewrite ran
     * in its place; the source then no longer lists it as pending.
     *
     * @param migration the rewritten migration
     * @throws UnsupportedOperationException when this runner cannot (the default)
     */
    default void recordApplied(PendingMigration migration) {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " cannot record a migration as applied");
    }
}
