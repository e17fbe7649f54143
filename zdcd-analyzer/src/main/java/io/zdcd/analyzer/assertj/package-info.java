/**
 * AssertJ assertions on classifier results, for users' unit tests that already use AssertJ:
 * {@code ZdcdAssertJ.assertThat(classifier.classify(file)).isSafe()}. They are real AssertJ assertions
 * ({@code as()}, {@code satisfies()}, soft assertions work) and fail with the findings and their safe alternatives.
 *
 * <p>This package is the one place where a third-party type (AssertJ's {@code AbstractObjectAssert}) is part of a
 * public signature; {@code assertj-core} is an optional dependency of zdcd-analyzer, so add it to your test scope
 * yourself. Without AssertJ, use the framework-neutral {@link io.zdcd.analyzer.assertions.ZdcdAssertions}, which
 * these assertions delegate to.
 */
package io.zdcd.analyzer.assertj;
