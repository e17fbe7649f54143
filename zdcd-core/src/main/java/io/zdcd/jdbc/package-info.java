/**
 * zdcd on PostgreSQL over JDBC: {@link io.zdcd.jdbc.JdbcMigrationRunner} (lock_timeout, statement_timeout and
 * retries with backoff and jitter, CONCURRENTLY outside a transaction), {@link io.zdcd.jdbc.SqlMigrationSource}
 * (a folder of SQL files), {@link io.zdcd.jdbc.JdbcDeploymentJournal} and {@link io.zdcd.jdbc.JdbcBuildQueue}
 * (tables in a schema of their own, created on first use, with an advisory deploy lock) and
 * {@link io.zdcd.jdbc.LocalDatabaseBackups} (a copy of the database on the same server).
 */
package io.zdcd.jdbc;
