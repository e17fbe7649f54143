package io.zdcd.analyzer.internal;

import io.zdcd.analyzer.rules.MigrationRule;
import io.zdcd.classify.Finding;
import io.zdcd.classify.StatementAnalysis;
import io.zdcd.classify.Verdict;
import java.util.List;
import java.util.Optional;

/**
 * One of zdcd's own rules as a {@link MigrationRule} descriptor ({@code RuleSet.builtIn()}): its metadata is the
 * catalogue entry's ({@link Rules}). zdcd judges it inside the classification ({@code internal.rules}); the
 * classifier never calls its {@code check}, which reads the rule's finding back from a statement's findings.
 */
public final class BuiltInRule implements MigrationRule {
    private static final List<BuiltInRule> ALL = Rules.all().stream().map(BuiltInRule::new).toList();

    private final Rule rule;

    private BuiltInRule(Rule rule) {
        this.rule = rule;
    }

    /** Every rule of the catalogue, in catalogue order (the same instances on every call). */
    public static List<BuiltInRule> all() {
        return ALL;
    }

    /** The catalogue entry. */
    public Rule rule() {
        return rule;
    }

    @Override
    public String id() {
        return rule.id();
    }

    @Override
    public String title() {
        return rule.operation();
    }

    @Override
    public String lock() {
        return rule.lock();
    }

    @Override
    public String breaks() {
        return rule.oldCode();
    }

    @Override
    public String safeAlternative() {
        return rule.alternative();
    }

    @Override
    public String versions() {
        return rule.versions();
    }

    /** The message of this rule's UNSAFE finding among the statement's findings (zdcd judged it), or empty. */
    @Override
    public Optional<String> check(StatementAnalysis statement) {
        for (Finding f : statement.findings()) {
            if (f.ruleId().equals(rule.id()) && f.verdict() == Verdict.UNSAFE) {
                return Optional.of(f.message());
            }
        }
        return Optional.empty();
    }

    @Override
    public String toString() {
        return "MigrationRule[" + rule.id() + ": " + rule.operation() + " (zdcd)]";
    }
}
