/**
 * Flyway projects under zdcd: {@link io.zdcd.flyway.FlywayMigrationSource} and
 * {@link io.zdcd.flyway.FlywayMigrationRunner} read and write Flyway's own history table, so a project that migrates
 * with Flyway can use {@link io.zdcd.pipeline.DeploymentPipeline} as it is. Needs {@code org.flywaydb:flyway-core}
 * and {@code org.flywaydb:flyway-database-postgresql} on the class path (optional dependencies of zdcd-core); to gate
 * a plain {@code flyway migrate} instead, see {@code io.zdcd.analyzer.flyway.ZdcdFlywayCallback} in zdcd-analyzer.
 */
package io.zdcd.flyway;
