package io.zdcd.analyzer.assertj;

import io.zdcd.classify.Classification;
import io.zdcd.classify.ClassificationReport;

/**
 * Entry point of the AssertJ assertions on classifier results.
 *
 * <pre>{@code
 * import static io.zdcd.analyzer.assertj.ZdcdAssertJ.assertThat;
 *
 * assertThat(classifier.classify(Migration.fromFile(path))).isSafe();
 * assertThat(classifier.classify("CREATE INDEX i ON t (c)")).isUnsafe().hasFinding("create-index-non-concurrently");
 * }</pre>
 *
 * @since 0.1.0
 */
public final class ZdcdAssertJ {
    private ZdcdAssertJ() {
    }

    /**
     * Starts an assertion on a migration's classification.
     *
     * @param actual the value under test (may be null: the checks then fail)
     * @return AssertJ assertions on {@code actual}
     */
    public static AssertJClassificationAssert assertThat(Classification actual) {
        return new AssertJClassificationAssert(actual);
    }

    /**
     * Starts an assertion on a classification report.
     *
     * @param actual the value under test (may be null: the checks then fail)
     * @return AssertJ assertions on {@code actual}
     */
    public static AssertJClassificationReportAssert assertThat(ClassificationReport actual) {
        return new AssertJClassificationReportAssert(actual);
    }

    /**
     * BDD alias of {@link #assertThat(Classification)}.
     *
     * @param actual the value under test (may be null: the checks then fail)
     * @return AssertJ assertions on {@code actual}, as {@link #assertThat(Classification)} returns them
     */
    public static AssertJClassificationAssert then(Classification actual) {
        return new AssertJClassificationAssert(actual);
    }

    /**
     * BDD alias of {@link #assertThat(ClassificationReport)}.
     *
     * @param actual the value under test (may be null: the checks then fail)
     * @return AssertJ assertions on {@code actual}, as {@link #assertThat(ClassificationReport)} returns them
     */
    public static AssertJClassificationReportAssert then(ClassificationReport actual) {
        return new AssertJClassificationReportAssert(actual);
    }
}
