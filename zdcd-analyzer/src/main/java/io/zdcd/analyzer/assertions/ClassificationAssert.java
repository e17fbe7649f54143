package io.zdcd.analyzer.assertions;

import io.zdcd.classify.Classification;
import io.zdcd.classify.Finding;
import io.zdcd.classify.StatementAnalysis;
import io.zdcd.classify.Verdict;
import java.util.stream.Collectors;

/**
 * Assertions on a {@link Classification}; failures list the findings and their safe alternatives.
 *
 * <pre>{@code
 * assertThat(classifier.classify(sql)).isUnsafe().hasFinding("add-column-not-null-no-default");
 * assertThat(classifier.classify(sql)).statement(3).isSafe();
 * }</pre>
 *
 * @since 0.1.0
 */
public final class ClassificationAssert extends BaseAssert<ClassificationAssert, Classification> {

    ClassificationAssert(Classification actual) {
        super(actual);
    }

    /**
     * Every statement is SAFE; otherwise fails with each unsafe statement, its findings and safe alternatives.
     *
     * @return this assertion, to chain further checks
     */
    public ClassificationAssert isSafe() {
        isNotNull();
        if (!actual.isSafe()) {
            failWithMessage("Expected %s to be SAFE, but it is %s:%n%s", actual.migration(), actual.verdict(),
                    actual.describe());
        }
        return this;
    }

    /**
     * The migration is UNSAFE; otherwise fails listing the statements it has.
     *
     * @return this assertion, to chain further checks
     */
    public ClassificationAssert isUnsafe() {
        isNotNull();
        if (actual.verdict() != Verdict.UNSAFE) {
            failWithMessage("Expected %s to be UNSAFE, but it is %s; its statements:%n%s", actual.migration(),
                    actual.verdict(), statements());
        }
        return this;
    }

    /**
     * Some statement (or the migration itself) has a finding of this rule, whatever its verdict.
     *
     * @param ruleId the rule id the finding must have, for example {@code create-index-non-concurrently}
     * @return this assertion, to chain further checks
     */
    public ClassificationAssert hasFinding(String ruleId) {
        isNotNull();
        if (actual.allFindings().stream().noneMatch(f -> f.ruleId().equals(ruleId))) {
            failWithMessage("Expected %s to have a finding of rule <%s>, but its findings are:%n%s",
                    actual.migration(), ruleId, findings());
        }
        return this;
    }

    /**
     * Some statement (or the migration itself) has a finding of this rule with this verdict.
     *
     * @param ruleId  the rule id the finding must have
     * @param verdict the verdict that finding must have (a SAFE finding says why a risky-looking statement is safe)
     * @return this assertion, to chain further checks
     */
    public ClassificationAssert hasFinding(String ruleId, Verdict verdict) {
        isNotNull();
        if (actual.allFindings().stream().noneMatch(f -> f.ruleId().equals(ruleId) && f.verdict() == verdict)) {
            failWithMessage("Expected %s to have a %s finding of rule <%s>, but its findings are:%n%s",
                    actual.migration(), verdict, ruleId, findings());
        }
        return this;
    }

    /**
     * No statement (nor the migration itself) has a finding of this rule.
     *
     * @param ruleId the rule id no finding may have, whatever its verdict
     * @return this assertion, to chain further checks
     */
    public ClassificationAssert doesNotHaveFinding(String ruleId) {
        isNotNull();
        if (actual.allFindings().stream().anyMatch(f -> f.ruleId().equals(ruleId))) {
            failWithMessage("Expected %s to have no finding of rule <%s>, but its findings are:%n%s",
                    actual.migration(), ruleId, findings());
        }
        return this;
    }

    /**
     * The migration has exactly this many statements (transaction control included).
     *
     * @param expected the number of statements, {@code BEGIN} and {@code COMMIT} counted
     * @return this assertion, to chain further checks
     */
    public ClassificationAssert hasStatementCount(int expected) {
        isNotNull();
        if (actual.statements().size() != expected) {
            failWithMessage("Expected %s to have %s statements, but it has %s:%n%s", actual.migration(), expected,
                    actual.statements().size(), statements());
        }
        return this;
    }

    /**
     * Assertions on the statement at this 1-based position (as {@link StatementAnalysis#index()} counts).
     *
     * @param index 1-based position of the statement in the migration
     * @return assertions on that statement; fails, listing the statements, when there is none at that position
     */
    public StatementAnalysisAssert statement(int index) {
        isNotNull();
        for (StatementAnalysis s : actual.statements()) {
            if (s.index() == index) {
                return new StatementAnalysisAssert(s);
            }
        }
        failWithMessage("Expected %s to have a statement #%s, but its statements are:%n%s", actual.migration(), index,
                statements());
        return null; // unreachable: failWithMessage throws
    }

    /**
     * Assertions on the statement that starts on this 1-based line.
     *
     * @param line 1-based line of the migration on which the statement starts (a line inside a statement does not
     *             match)
     * @return assertions on that statement; fails, listing the statements, when none starts on that line
     */
    public StatementAnalysisAssert statementAtLine(int line) {
        isNotNull();
        for (StatementAnalysis s : actual.statements()) {
            if (s.line() == line) {
                return new StatementAnalysisAssert(s);
            }
        }
        failWithMessage("Expected %s to have a statement starting on line %s, but its statements are:%n%s",
                actual.migration(), line, statements());
        return null; // unreachable: failWithMessage throws
    }

    private String statements() {
        return actual.statements().isEmpty() ? "  (none)"
                : actual.statements().stream().map(s -> "  " + s).collect(Collectors.joining("\n"));
    }

    private String findings() {
        return actual.allFindings().isEmpty() ? "  (none)"
                : actual.allFindings().stream().map(Finding::toString).map(s -> "  " + s)
                        .collect(Collectors.joining("\n"));
    }
}
