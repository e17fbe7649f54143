/**
 * The ports (SPI) through which {@link io.zdcd.pipeline.DeploymentPipeline} reaches the outside world: the platform
 * that runs the code ({@link io.zdcd.spi.Platform}), database backups ({@link io.zdcd.spi.DatabaseBackups}), the
 * migrations ({@link io.zdcd.spi.MigrationSource}, {@link io.zdcd.spi.MigrationRunner}), health checks
 * ({@link io.zdcd.spi.HealthCheck}) and the pipeline's own state ({@link io.zdcd.spi.DeploymentJournal},
 * {@link io.zdcd.spi.BuildQueue}).
 *
 * <p>Implementations: Heroku ({@code zdcd-heroku}), PostgreSQL over JDBC ({@code io.zdcd.jdbc}), Django
 * ({@code io.zdcd.django}), in-memory ({@link io.zdcd.spi.DeploymentJournal#inMemory()},
 * {@link io.zdcd.spi.BuildQueue#inMemory()}) and the local platform of the embedded demo. Every port is small,
 * synchronous and uses only JDK and zdcd types; every method may throw an unchecked exception (preferably a
 * {@link io.zdcd.spi.PlatformException}), which the pipeline turns into a failed step and a recovery plan.
 * Implementations must be thread-safe.
 *
 * <p>This API only grows: nothing here is renamed or removed; new methods arrive as {@code default} methods.
 */
package io.zdcd.spi;
