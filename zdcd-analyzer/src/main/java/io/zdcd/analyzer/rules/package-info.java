/**
 * Rules a team adds to zdcd's own ({@link io.zdcd.analyzer.rules.MigrationRule}), through
 * {@code SqlMigrationClassifier.builder().addRule(...)}, {@code loadRules(ClassLoader)} or
 * {@code zdcd check --rules-jar JAR}.
 *
 * @since 0.1.0
 */
package io.zdcd.analyzer.rules;
