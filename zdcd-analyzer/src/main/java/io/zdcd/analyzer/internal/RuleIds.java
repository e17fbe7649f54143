package io.zdcd.analyzer.internal;

import io.zdcd.analyzer.rules.MigrationRule;
import io.zdcd.classify.StatementAnalysis;
import java.util.Set;
import java.util.stream.Collectors;

/** The checks of the rule ids a classifier builder is given: a team's own rules, and the rules to disable. */
public final class RuleIds {
    private RuleIds() {
    }

    /**
     * The id of {@code rule}, checked before it is added.
     *
     * @param added the ids of the rules added before it
     * @throws IllegalArgumentException when the id is malformed, or taken by zdcd or by a rule added before
     */
    public static String checkNew(MigrationRule rule, Set<String> added) {
        String id = java.util.Objects.requireNonNull(rule.id(), "rule id");
        if (!MigrationRule.ID.matcher(id).matches()) {
            throw new IllegalArgumentException("rule id '" + id + "' of " + rule.getClass().getName()
                    + " must be lower-case words joined by hyphens, for example no-audit-drop");
        }
        if (!overridesCheck(rule)) {
            throw new IllegalArgumentException("rule '" + id + "' of " + rule.getClass().getName()
                    + " overrides neither check(StatementAnalysis) nor check(StatementAnalysis, List<Action>)");
        }
        if (Rules.byId(id) != null || added.contains(id)) {
            throw new IllegalArgumentException("rule id '" + id + "' of " + rule.getClass().getName()
                    + " is already taken by " + (Rules.byId(id) != null ? "one of zdcd's rules" : "another rule"));
        }
        return id;
    }

    /** Whether {@code rule}'s class overrides one of MigrationRule's two {@code check} methods. */
    static boolean overridesCheck(MigrationRule rule) {
        try {
            Class<?> c = rule.getClass();
            return c.getMethod("check", StatementAnalysis.class).getDeclaringClass() != MigrationRule.class
                    || c.getMethod("check", StatementAnalysis.class, java.util.List.class).getDeclaringClass()
                    != MigrationRule.class;
        } catch (NoSuchMethodException | SecurityException e) {
            return true; // cannot tell: let it run (a rule that throws is UNSAFE, fail closed)
        }
    }

    /**
     * {@code ruleId}, checked before it is disabled.
     *
     * @param added the ids of the rules added before
     * @throws IllegalArgumentException when it is neither zdcd's nor one of {@code added}
     */
    public static String checkKnown(String ruleId, Set<String> added) {
        if (Rules.byId(ruleId) == null && !added.contains(ruleId)) {
            throw new IllegalArgumentException("unknown rule id '" + ruleId + "'; valid ids: "
                    + Rules.all().stream().map(Rule::id).collect(Collectors.joining(", ")));
        }
        return ruleId;
    }
}
