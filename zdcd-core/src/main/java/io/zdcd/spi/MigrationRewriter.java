package io.zdcd.spi;

/**
 * Rewrites an UNSAFE pending migration into an expand part (SAFE now, applied before the release) and a contract part
 * (applied once the new code is live and verified), or says why it cannot. Used by
 * {@code DeploymentPipeline.Builder#expandContract}; zdcd-analyzer implements it over its {@code MigrationFixer}
 * ({@code MigrationFixer#asRewriter()}). Implementations must be deterministic (the same migration gives the same
 * parts, so a part applied by an earlier deployment is recognised by its name) and never throw for a migration they
 * cannot rewrite: they return {@link Rewrite#impossible}.
 */
@FunctionalInterface
public interface MigrationRewriter {

    /**
     * The expand and contract parts of {@code migration}, or why there are none.
     *
     * @param migration a pending migration judged UNSAFE
     * @return the rewrite; {@link Rewrite#isPossible()} false when any UNSAFE statement has no proven recipe
     */
    Rewrite rewrite(PendingMigration migration);
}
