package io.zdcd.analyzer.assertions;

import io.zdcd.classify.Classification;
import io.zdcd.classify.ClassificationReport;
import io.zdcd.classify.StatementAnalysis;

/**
 * The entry point of zdcd's fluent assertions ({@code assertThat} and the BDD-style {@code then}), in AssertJ's
 * style; a failed assertion throws an {@link AssertionError}, so they work in any test framework.
 *
 * <pre>{@code
 * assertThat(classifier.classify("CREATE INDEX CONCURRENTLY idx ON users (email)")).isSafe();     // passes
 * assertThat(classifier.classify("CREATE INDEX idx ON users (email)")).isSafe();
 * // fails: Expected <inline> to be SAFE, but it is UNSAFE:
 * //   line 1: CREATE INDEX
 * //     create-index-non-concurrently: ...
 * assertThat(classifier.classify(sql)).isUnsafe().hasFinding("create-index-non-concurrently");
 * assertThat(classifier.classify(sql)).statement(2).isUnsafe().takesLock(LockMode.SHARE);
 * }</pre>
 *
 * @since 0.1.0
 */
public final class ZdcdAssertions {

    private ZdcdAssertions() {
    }

    /**
     * Assertions on one migration's classification.
     *
     * @param actual the value under test (may be null: the checks then fail)
     * @return assertions on {@code actual}
     */
    public static ClassificationAssert assertThat(Classification actual) {
        return new ClassificationAssert(actual);
    }

    /**
     * Assertions on several migrations classified together.
     *
     * @param actual the value under test (may be null: the checks then fail)
     * @return assertions on {@code actual}
     */
    public static ClassificationReportAssert assertThat(ClassificationReport actual) {
        return new ClassificationReportAssert(actual);
    }

    /**
     * Assertions on one statement's analysis.
     *
     * @param actual the value under test (may be null: the checks then fail)
     * @return assertions on {@code actual}
     */
    public static StatementAnalysisAssert assertThat(StatementAnalysis actual) {
        return new StatementAnalysisAssert(actual);
    }

    /**
     * BDD-style alias of {@link #assertThat(Classification)}.
     *
     * @param actual the value under test
     * @return assertions on {@code actual}
     */
    public static ClassificationAssert then(Classification actual) {
        return assertThat(actual);
    }

    /**
     * BDD-style alias of {@link #assertThat(ClassificationReport)}.
     *
     * @param actual the value under test
     * @return assertions on {@code actual}
     */
    public static ClassificationReportAssert then(ClassificationReport actual) {
        return assertThat(actual);
    }

    /**
     * BDD-style alias of {@link #assertThat(StatementAnalysis)}.
     *
     * @param actual the value under test
     * @return assertions on {@code actual}
     */
    public static StatementAnalysisAssert then(StatementAnalysis actual) {
        return assertThat(actual);
    }
}
