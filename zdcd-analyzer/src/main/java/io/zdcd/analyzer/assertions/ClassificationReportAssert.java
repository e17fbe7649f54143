package io.zdcd.analyzer.assertions;

import io.zdcd.classify.Classification;
import io.zdcd.classify.ClassificationReport;
import io.zdcd.classify.Verdict;
import java.util.stream.Collectors;

/**
 * Assertions on a {@link ClassificationReport} (several migrations classified together).
 *
 * <pre>{@code
 * assertThat(classifier.classifyAll(migrations)).isSafe();
 * assertThat(report).migration("users/0042_add_email.sql").isUnsafe();
 * }</pre>
 *
 * @since 0.1.0
 */
public final class ClassificationReportAssert extends BaseAssert<ClassificationReportAssert, ClassificationReport> {

    ClassificationReportAssert(ClassificationReport actual) {
        super(actual);
    }

    /**
     * Every migration is SAFE; otherwise fails with each unsafe migration's findings.
     *
     * @return this assertion, to chain further checks
     */
    public ClassificationReportAssert isSafe() {
        isNotNull();
        if (!actual.isSafe()) {
            failWithMessage("Expected every migration to be SAFE, but %s:%n%s", actual,
                    actual.migrations().stream().filter(m -> !m.isSafe()).map(Classification::describe)
                            .collect(Collectors.joining("\n")));
        }
        return this;
    }

    /**
     * Fails unless the report's verdict is UNSAFE (some migration is UNSAFE).
     *
     * @return this assertion, to chain further checks
     */
    public ClassificationReportAssert isUnsafe() {
        isNotNull();
        if (actual.verdict() != Verdict.UNSAFE) {
            failWithMessage("Expected some migration to be UNSAFE, but %s:%n%s", actual, names());
        }
        return this;
    }

    /**
     * Some migration has a finding of this rule.
     *
     * @param ruleId the rule id some finding of some migration must have, whatever its verdict
     * @return this assertion, to chain further checks
     */
    public ClassificationReportAssert hasFinding(String ruleId) {
        isNotNull();
        boolean found = actual.migrations().stream()
                .flatMap(m -> m.allFindings().stream()).anyMatch(f -> f.ruleId().equals(ruleId));
        if (!found) {
            failWithMessage("Expected a finding of rule <%s>, but the findings are:%n%s", ruleId,
                    actual.migrations().stream().flatMap(m -> m.allFindings().stream()
                            .map(f -> "  " + m.migration() + ": " + f)).collect(Collectors.joining("\n")));
        }
        return this;
    }

    /**
     * Assertions on the migration of that name (as the report names it: the path as given or found).
     *
     * @param name the migration's name exactly as {@link Classification#migration()} gives it
     * @return assertions on that migration; fails, listing the migrations, when none has that name
     */
    public ClassificationAssert migration(String name) {
        isNotNull();
        for (Classification m : actual.migrations()) {
            if (m.migration().equals(name)) {
                return new ClassificationAssert(m);
            }
        }
        failWithMessage("Expected a migration named <%s>, but the migrations are:%n%s", name, names());
        return null; // unreachable: failWithMessage throws
    }

    private String names() {
        return actual.migrations().stream().map(m -> "  " + m).collect(Collectors.joining("\n"));
    }
}
