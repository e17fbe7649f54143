package io.zdcd.analyzer.assertj;

import io.zdcd.analyzer.assertions.ZdcdAssertions;
import io.zdcd.classify.ClassificationReport;
import org.assertj.core.api.AbstractObjectAssert;

/**
 * AssertJ assertions on a {@link ClassificationReport} (several migrations classified together).
 *
 * @since 0.1.0
 */
public final class ClassificationReportAssert
        extends AbstractObjectAssert<ClassificationReportAssert, ClassificationReport> {

    ClassificationReportAssert(ClassificationReport actual) {
        super(actual, ClassificationReportAssert.class);
    }

    /** Every migration is SAFE. */
    public ClassificationReportAssert isSafe() {
        isNotNull();
        return check(() -> ZdcdAssertions.assertThat(actual).isSafe());
    }

    /** Some migration is UNSAFE. */
    public ClassificationReportAssert isUnsafe() {
        isNotNull();
        return check(() -> ZdcdAssertions.assertThat(actual).isUnsafe());
    }

    /** Some migration has a finding of this rule. */
    public ClassificationReportAssert hasFinding(String ruleId) {
        isNotNull();
        return check(() -> ZdcdAssertions.assertThat(actual).hasFinding(ruleId));
    }

    /** Assertions on the migration of this name. */
    public ClassificationAssert migration(String name) {
        isNotNull();
        var match = actual.migrations().stream().filter(m -> m.migration().equals(name)).findFirst();
        if (match.isEmpty()) {
            failWithMessage("Expected a migration named <%s>, but the report has %s", name,
                    actual.migrations().stream().map(m -> m.migration()).toList());
        }
        return new ClassificationAssert(match.orElseThrow());
    }

    private ClassificationReportAssert check(Runnable assertion) {
        try {
            assertion.run();
        } catch (AssertionError e) {
            failWithMessage("%s", e.getMessage());
        }
        return myself;
    }
}
