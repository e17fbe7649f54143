package io.zdcd.analyzer.assertj;

import io.zdcd.analyzer.assertions.ZdcdAssertions;
import io.zdcd.classify.Classification;
import io.zdcd.classify.Verdict;
import org.assertj.core.api.AbstractObjectAssert;

/**
 * AssertJ assertions on one migration's {@link Classification}; failures list the findings and safe alternatives.
 *
 * <p>An AssertJ {@code AbstractObjectAssert} (hence the name): the framework-neutral twin, which it delegates
 * to, is {@link io.zdcd.analyzer.assertions.ClassificationAssert}.
 *
 * @since 0.1.0
 */
public final class AssertJClassificationAssert
        extends AbstractObjectAssert<AssertJClassificationAssert, Classification> {

    AssertJClassificationAssert(Classification actual) {
        super(actual, AssertJClassificationAssert.class);
    }

    /**
     * Every statement is SAFE.
     *
     * @return this assertion, to chain further checks
     */
    public AssertJClassificationAssert isSafe() {
        isNotNull();
        return check(() -> ZdcdAssertions.assertThat(actual).isSafe());
    }

    /**
     * Some statement is UNSAFE.
     *
     * @return this assertion, to chain further checks
     */
    public AssertJClassificationAssert isUnsafe() {
        isNotNull();
        return check(() -> ZdcdAssertions.assertThat(actual).isUnsafe());
    }

    /**
     * Some statement (or the migration itself) has a finding of this rule.
     *
     * @param ruleId the rule id the finding must have, whatever its verdict, for example {@code add-foreign-key}
     * @return this assertion, to chain further checks
     */
    public AssertJClassificationAssert hasFinding(String ruleId) {
        isNotNull();
        return check(() -> ZdcdAssertions.assertThat(actual).hasFinding(ruleId));
    }

    /**
     * Some statement (or the migration itself) has a finding of this rule with this verdict.
     *
     * @param ruleId  the rule id the finding must have
     * @param verdict the verdict that finding must have
     * @return this assertion, to chain further checks
     */
    public AssertJClassificationAssert hasFinding(String ruleId, Verdict verdict) {
        isNotNull();
        return check(() -> ZdcdAssertions.assertThat(actual).hasFinding(ruleId, verdict));
    }

    /**
     * No finding of this rule.
     *
     * @param ruleId the rule id no finding of the migration or its statements may have
     * @return this assertion, to chain further checks
     */
    public AssertJClassificationAssert doesNotHaveFinding(String ruleId) {
        isNotNull();
        return check(() -> ZdcdAssertions.assertThat(actual).doesNotHaveFinding(ruleId));
    }

    /** Runs the framework-neutral check and reports its failure through AssertJ (descriptions, soft assertions). */
    private AssertJClassificationAssert check(Runnable assertion) {
        try {
            assertion.run();
        } catch (AssertionError e) {
            failWithMessage("%s", e.getMessage());
        }
        return myself;
    }
}
