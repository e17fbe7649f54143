/**
 * AssertJ assertions for the classifier's results, for users' unit tests:
 *
 * <pre>{@code
 * import static io.zdcd.analyzer.assertj.ZdcdAssertions.assertThat;
 *
 * MigrationClassifier classifier = SqlMigrationClassifier.defaults();
 * assertThat(classifier.classify(Migration.fromFile(Path.of("migrations/0042_add_email.sql")))).isSafe();
 * }</pre>
 *
 * <p>assertj-core is an <em>optional</em> dependency of zdcd-analyzer: add {@code org.assertj:assertj-core} (3.x) to
 * your test scope to use this package; nothing else in zdcd needs it.
 *
 * @since 0.1.0
 */
package io.zdcd.analyzer.assertj;
