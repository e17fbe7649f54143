package io.zdcd.analyzer.assertj;

import io.zdcd.analyzer.assertions.ZdcdAssertions;
import io.zdcd.classify.Classification;
import io.zdcd.classify.Verdict;
import org.assertj.core.api.AbstractObjectAssert;

/**
 * AssertJ assertions on one migration's {@link Classification}; failures list the findings and safe alternatives.
 *
 * @since 0.1.0
 */
public final class ClassificationAssert extends AbstractObjectAssert<ClassificationAssert, Classification> {

    ClassificationAssert(Classification actual) {
        super(actual, ClassificationAssert.class);
    }

    /** Every statement is SAFE. */
    public ClassificationAssert isSafe() {
        isNotNull();
        return check(() -> ZdcdAssertions.assertThat(actual).isSafe());
    }

    /** Some statement is UNSAFE. */
    public ClassificationAssert isUnsafe() {
        isNotNull();
        return check(() -> ZdcdAssertions.assertThat(actual).isUnsafe());
    }

    /** Some statement (or the migration itself) has a finding of this rule. */
    public ClassificationAssert hasFinding(String ruleId) {
        isNotNull();
        return check(() -> ZdcdAssertions.assertThat(actual).hasFinding(ruleId));
    }

    /** Some statement (or the migration itself) has a finding of this rule with this verdict. */
    public ClassificationAssert hasFinding(String ruleId, Verdict verdict) {
        isNotNull();
        return check(() -> ZdcdAssertions.assertThat(actual).hasFinding(ruleId, verdict));
    }

    /** No finding of this rule. */
    public ClassificationAssert doesNotHaveFinding(String ruleId) {
        isNotNull();
        return check(() -> ZdcdAssertions.assertThat(actual).doesNotHaveFinding(ruleId));
    }

    /** Runs the framework-neutral check and reports its failure through AssertJ (descriptions, soft assertions). */
    private ClassificationAssert check(Runnable assertion) {
        try {
            assertion.run();
        } catch (AssertionError e) {
            failWithMessage("%s", e.getMessage());
        }
        return myself;
    }
}
