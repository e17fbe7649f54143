package io.zdcd.analyzer.assertions;

import io.zdcd.classify.Finding;
import io.zdcd.classify.LockMode;
import io.zdcd.classify.StatementAnalysis;
import io.zdcd.classify.Verdict;
import java.util.stream.Collectors;

/**
 * Assertions on one statement's {@link StatementAnalysis}; failures show the statement and its findings.
 *
 * <pre>{@code
 * assertThat(classification).statement(2).isUnsafe().takesLock(LockMode.ACCESS_EXCLUSIVE).rewritesTable();
 * }</pre>
 *
 * @since 0.1.0
 */
public final class StatementAnalysisAssert extends BaseAssert<StatementAnalysisAssert, StatementAnalysis> {

    StatementAnalysisAssert(StatementAnalysis actual) {
        super(actual);
    }

    /**
     * Fails unless the statement is SAFE; the message lists its findings.
     *
     * @return this assertion, to chain further checks
     */
    public StatementAnalysisAssert isSafe() {
        isNotNull();
        if (!actual.isSafe()) {
            failWithMessage("Expected statement #%s (line %s) to be SAFE, but it is %s:%n  %s%n%s", actual.index(),
                    actual.line(), actual.verdict(), actual.sql(), findings());
        }
        return this;
    }

    /**
     * Fails unless the statement is UNSAFE; the message lists its findings.
     *
     * @return this assertion, to chain further checks
     */
    public StatementAnalysisAssert isUnsafe() {
        isNotNull();
        if (actual.verdict() != Verdict.UNSAFE) {
            failWithMessage("Expected statement #%s (line %s) to be UNSAFE, but it is %s:%n  %s%n%s", actual.index(),
                    actual.line(), actual.verdict(), actual.sql(), findings());
        }
        return this;
    }

    /**
     * Fails unless the statement has a finding of rule {@code ruleId}.
     *
     * @param ruleId the rule id one of the statement's findings must have, whatever its verdict
     * @return this assertion, to chain further checks
     */
    public StatementAnalysisAssert hasFinding(String ruleId) {
        isNotNull();
        if (actual.findings().stream().noneMatch(f -> f.ruleId().equals(ruleId))) {
            failWithMessage("Expected statement #%s (line %s) to have a finding of rule <%s>, but its findings are:%n%s",
                    actual.index(), actual.line(), ruleId, findings());
        }
        return this;
    }

    /**
     * Fails if the statement has a finding of rule {@code ruleId}.
     *
     * @param ruleId the rule id none of the statement's findings may have
     * @return this assertion, to chain further checks
     */
    public StatementAnalysisAssert doesNotHaveFinding(String ruleId) {
        isNotNull();
        if (actual.findings().stream().anyMatch(f -> f.ruleId().equals(ruleId))) {
            failWithMessage("Expected statement #%s (line %s) to have no finding of rule <%s>, but its findings are:%n%s",
                    actual.index(), actual.line(), ruleId, findings());
        }
        return this;
    }

    /**
     * The recognised command, for example {@code CREATE INDEX}.
     *
     * @param kind the command exactly as {@link StatementAnalysis#kind()} names it, for example {@code ALTER TABLE}
     * @return this assertion, to chain further checks
     */
    public StatementAnalysisAssert hasKind(String kind) {
        isNotNull();
        if (!actual.kind().equals(kind)) {
            failWithMessage("Expected statement #%s (line %s) to be a <%s>, but it is a <%s>", actual.index(),
                    actual.line(), kind, actual.kind());
        }
        return this;
    }

    /**
     * The strongest lock on a pre-existing relation is exactly this mode.
     *
     * @param mode the expected strongest lock mode; a stronger or weaker lock fails
     * @return this assertion, to chain further checks
     */
    public StatementAnalysisAssert takesLock(LockMode mode) {
        isNotNull();
        if (actual.lock().filter(mode::equals).isEmpty()) {
            failWithMessage("Expected statement #%s (line %s) to take %s, but it takes %s", actual.index(),
                    actual.line(), mode.pgName(), actual.lock().map(LockMode::pgName).orElse("no lock"));
        }
        return this;
    }

    /**
     * No lock on a relation that existed before the migration.
     *
     * @return this assertion, to chain further checks
     */
    public StatementAnalysisAssert takesNoLock() {
        isNotNull();
        if (actual.lock().isPresent()) {
            failWithMessage("Expected statement #%s (line %s) to take no lock, but it takes %s", actual.index(),
                    actual.line(), actual.lock().get().pgName());
        }
        return this;
    }

    /**
     * Fails unless the statement's lock blocks reads.
     *
     * @return this assertion, to chain further checks
     */
    public StatementAnalysisAssert blocksReads() {
        return blocks(StatementAnalysis.Blocked.READS);
    }

    /**
     * Fails unless the statement's lock blocks writes.
     *
     * @return this assertion, to chain further checks
     */
    public StatementAnalysisAssert blocksWrites() {
        return blocks(StatementAnalysis.Blocked.WRITES);
    }

    /**
     * Fails unless the statement rewrites a table.
     *
     * @return this assertion, to chain further checks
     */
    public StatementAnalysisAssert rewritesTable() {
        isNotNull();
        if (!actual.rewrite()) {
            failWithMessage("Expected statement #%s (line %s) to rewrite a table, but it does not: %s", actual.index(),
                    actual.line(), actual);
        }
        return this;
    }

    /**
     * Fails unless the statement scans a whole table.
     *
     * @return this assertion, to chain further checks
     */
    public StatementAnalysisAssert scansTable() {
        isNotNull();
        if (!actual.scan()) {
            failWithMessage("Expected statement #%s (line %s) to scan a whole table, but it does not: %s",
                    actual.index(), actual.line(), actual);
        }
        return this;
    }

    /**
     * Fails unless the statement breaks the old code.
     *
     * @return this assertion, to chain further checks
     */
    public StatementAnalysisAssert breaksOldCode() {
        isNotNull();
        if (!actual.breaksOldCode()) {
            failWithMessage("Expected statement #%s (line %s) to break the old code, but it does not: %s",
                    actual.index(), actual.line(), actual);
        }
        return this;
    }

    /**
     * Fails if the statement breaks the old code; the message lists its findings.
     *
     * @return this assertion, to chain further checks
     */
    public StatementAnalysisAssert doesNotBreakOldCode() {
        isNotNull();
        if (actual.breaksOldCode()) {
            failWithMessage("Expected statement #%s (line %s) not to break the old code, but it does:%n%s",
                    actual.index(), actual.line(), findings());
        }
        return this;
    }

    private StatementAnalysisAssert blocks(StatementAnalysis.Blocked what) {
        isNotNull();
        if (!actual.blocks().contains(what)) {
            failWithMessage("Expected statement #%s (line %s) to block %s, but it blocks %s", actual.index(),
                    actual.line(), what.label(), actual.blocks().isEmpty() ? "nothing"
                            : actual.blocks().stream().sorted().map(StatementAnalysis.Blocked::label)
                                    .collect(Collectors.joining(", ")));
        }
        return this;
    }

    private String findings() {
        return actual.findings().isEmpty() ? "  (no findings)"
                : actual.findings().stream().map(Finding::toString).map(s -> "  " + s)
                        .collect(Collectors.joining("\n"));
    }
}
