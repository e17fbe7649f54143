/**
 * Gates a plain {@code flyway migrate}: {@link io.zdcd.analyzer.flyway.ZdcdFlywayCallback} classifies the pending
 * migrations before Flyway applies any and stops an UNSAFE one (or warns). Needs {@code org.flywaydb:flyway-core}
 * (an optional dependency of zdcd-analyzer) and, for PostgreSQL, {@code org.flywaydb:flyway-database-postgresql}.
 */
package io.zdcd.analyzer.flyway;
