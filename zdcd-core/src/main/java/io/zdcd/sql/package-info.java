/**
 * SQL text as zdcd reads it, once for the classifier and the runners: decoding and validation, the psql-aware
 * splitter ({@link io.zdcd.sql.SqlScript}), statements with line and column ({@link io.zdcd.sql.SqlStatement}) and
 * the grouping into the transactions a runner executes ({@link io.zdcd.sql.SqlTransaction}).
 */
package io.zdcd.sql;
