/**
 * The PostgreSQL migration classifier: {@link io.zdcd.analyzer.SqlMigrationClassifier} (implements
 * {@link io.zdcd.classify.MigrationClassifier}), the statement splitter {@link io.zdcd.analyzer.SqlScript} and the
 * migration readers {@link io.zdcd.analyzer.Migrations}. Everything in {@code io.zdcd.analyzer.internal} is private
 * API with no compatibility guarantees.
 */
package io.zdcd.analyzer;
