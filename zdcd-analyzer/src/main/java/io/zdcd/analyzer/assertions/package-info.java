/**
 * Fluent assertions on the classifier's results, for users' unit tests (JUnit, AssertJ or any framework: a failed
 * assertion throws {@link java.lang.AssertionError} listing the findings and their safe alternatives):
 *
 * <pre>{@code
 * import static io.zdcd.analyzer.assertions.ZdcdAssertions.assertThat;
 *
 * MigrationClassifier classifier = SqlMigrationClassifier.defaults();
 * assertThat(classifier.classify(Migration.fromFile(Path.of("migrations/0042_add_email.sql")))).isSafe();
 * }</pre>
 *
 * <p>They are in zdcd-analyzer itself and need no other dependency: add zdcd-analyzer to your test scope.
 *
 * @since 0.1.0
 */
package io.zdcd.analyzer.assertions;
