/**
 * Rules a team adds to zdcd's own ({@link io.zdcd.analyzer.rules.MigrationRule}), checking what each statement does
 * ({@link io.zdcd.analyzer.rules.Action}), through {@code SqlMigrationClassifier.builder().addRule(...)},
 * {@code rules(RuleSet)} ({@link io.zdcd.analyzer.rules.RuleSet}), {@code loadRules(ClassLoader)} or
 * {@code zdcd check --rules-jar JAR}.
 *
 * @since 0.1.0
 */
package io.zdcd.analyzer.rules;
