package io.zdcd.analyzer.assertj;

import io.zdcd.analyzer.assertions.ZdcdAssertions;
import io.zdcd.classify.ClassificationReport;
import org.assertj.core.api.AbstractObjectAssert;

/**
 * AssertJ assertions on a {@link ClassificationReport} (several migrations classified together).
 *
 * <p>An AssertJ {@code AbstractObjectAssert} (hence the name): the framework-neutral twin, which it delegates
 * to, is {@link io.zdcd.analyzer.assertions.ClassificationReportAssert}.
 *
 * @since 0.1.0
 */
public final class AssertJClassificationReportAssert
        extends AbstractObjectAssert<AssertJClassificationReportAssert, ClassificationReport> {

    AssertJClassificationReportAssert(ClassificationReport actual) {
        super(actual, AssertJClassificationReportAssert.class);
    }

    /**
     * Every migration is SAFE.
     *
     * @return this assertion, to chain further checks
     */
    public AssertJClassificationReportAssert isSafe() {
        isNotNull();
        return check(() -> ZdcdAssertions.assertThat(actual).isSafe());
    }

    /**
     * Some migration is UNSAFE.
     *
     * @return this assertion, to chain further checks
     */
    public AssertJClassificationReportAssert isUnsafe() {
        isNotNull();
        return check(() -> ZdcdAssertions.assertThat(actual).isUnsafe());
    }

    /**
     * Some migration has a finding of this rule.
     *
     * @param ruleId the rule id some finding of some migration must have, whatever its verdict
     * @return this assertion, to chain further checks
     */
    public AssertJClassificationReportAssert hasFinding(String ruleId) {
        isNotNull();
        return check(() -> ZdcdAssertions.assertThat(actual).hasFinding(ruleId));
    }

    /**
     * Assertions on the migration of this name.
     *
     * @param name the migration's name exactly as the report gives it (the path as given or found)
     * @return assertions on that migration; fails, listing the report's migrations, when none has that name
     */
    public AssertJClassificationAssert migration(String name) {
        isNotNull();
        var match = actual.migrations().stream().filter(m -> m.migration().equals(name)).findFirst();
        if (match.isEmpty()) {
            failWithMessage("Expected a migration named <%s>, but the report has %s", name,
                    actual.migrations().stream().map(m -> m.migration()).toList());
        }
        return new AssertJClassificationAssert(match.orElseThrow());
    }

    private AssertJClassificationReportAssert check(Runnable assertion) {
        try {
            assertion.run();
        } catch (AssertionError e) {
            failWithMessage("%s", e.getMessage());
        }
        return myself;
    }
}
