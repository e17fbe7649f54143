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

    /** Starts an assertion on a migration's classification. */
    public static AssertJClassificationAssert assertThat(Classification actual) {
        return new AssertJClassificationAssert(actual);
    }

    /** Starts an assertion on a classification report. */
    public static AssertJClassificationReportAssert assertThat(ClassificationReport actual) {
        return new AssertJClassificationReportAssert(actual);
    }

    /** BDD alias of {@link #assertThat(Classification)}. */
    public static AssertJClassificationAssert then(Classification actual) {
        return new AssertJClassificationAssert(actual);
    }

    /** BDD alias of {@link #assertThat(ClassificationReport)}. */
    public static AssertJClassificationReportAssert then(ClassificationReport actual) {
        return new AssertJClassificationReportAssert(actual);
    }
}
