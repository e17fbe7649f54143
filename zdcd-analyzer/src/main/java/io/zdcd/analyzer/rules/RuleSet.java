package io.zdcd.analyzer.rules;

import io.zdcd.analyzer.internal.BuiltInRule;
import io.zdcd.analyzer.internal.RuleIds;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The rules a classifier reports, in one immutable list: zdcd's own ({@link #builtIn()}, in catalogue order) and a
 * team's ({@link MigrationRule}s added with {@link #plus}). Give it to
 * {@code SqlMigrationClassifier.builder().rules(ruleSet)}:
 *
 * <pre>{@code
 * RuleSet rules = RuleSet.builtIn()
 *         .without("lock-timeout-missing")                 // a zdcd rule turned off
 *         .plus(noAuditDrops, bigTableIndexesConcurrently);  // the team's rules, run after zdcd's
 * SqlMigrationClassifier classifier = SqlMigrationClassifier.builder().rules(rules).build();
 * }</pre>
 *
 * <p>zdcd's rules are described here by their catalogue entry (id, title = the operation, lock, what it breaks, the
 * safe alternative, the PostgreSQL versions); zdcd judges them itself, always in catalogue order, and a built-in rule
 * left out of a set ({@link #without}) is disabled: its findings are not reported. A team's rules run on every
 * statement after zdcd's, in the order of the set. Ids are unique in a set, and a team's rule may not take an id of
 * zdcd's (even one left out).
 *
 * @since 0.1.0
 */
public final class RuleSet {
    private static final RuleSet BUILT_IN = new RuleSet(List.copyOf(BuiltInRule.all()));

    private final List<MigrationRule> rules;
    private final Map<String, MigrationRule> byId;

    private RuleSet(List<MigrationRule> rules) {
        Map<String, MigrationRule> ids = new LinkedHashMap<>();
        for (MigrationRule rule : rules) {
            Objects.requireNonNull(rule, "rule");
            String id = rule instanceof BuiltInRule ? rule.id() : RuleIds.checkNew(rule, ids.keySet());
            if (ids.putIfAbsent(id, rule) != null) {
                throw new IllegalArgumentException("rule id '" + id + "' is twice in the rule set");
            }
        }
        this.rules = List.copyOf(rules);
        this.byId = ids;
    }

    /**
     * zdcd's own rules, in catalogue order ({@code SqlMigrationClassifier.ruleIds()}): the rules a classifier
     * reports by default.
     *
     * @return every rule of zdcd's catalogue, each described by its catalogue entry
     */
    public static RuleSet builtIn() {
        return BUILT_IN;
    }

    /**
     * A set of exactly these rules, in this order: zdcd's rules not among them are disabled. Use
     * {@code builtIn().plus(...)} to add rules to zdcd's.
     *
     * @param rules the rules: a team's, or zdcd's taken from {@link #builtIn()} ({@link #get(String)})
     * @return the set
     * @throws IllegalArgumentException when an id is malformed, repeated, or a team's rule takes one of zdcd's ids
     */
    public static RuleSet of(MigrationRule... rules) {
        Objects.requireNonNull(rules, "rules");
        return new RuleSet(Arrays.asList(rules.clone()));
    }

    /**
     * This set with {@code more} rules after its own.
     *
     * @param more the rules to add, in order
     * @return a new set; this one is unchanged
     * @throws IllegalArgumentException when an id is malformed, already in the set, or a team's rule takes one of
     *                                  zdcd's ids
     */
    public RuleSet plus(MigrationRule... more) {
        Objects.requireNonNull(more, "more");
        List<MigrationRule> all = new ArrayList<>(rules);
        all.addAll(Arrays.asList(more));
        return new RuleSet(all);
    }

    /**
     * This set without the rules of these ids: a zdcd rule left out is disabled (its findings are not reported), a
     * team's rule left out does not run.
     *
     * @param ids the ids to leave out
     * @return a new set; this one is unchanged
     * @throws IllegalArgumentException when an id is not in this set
     */
    public RuleSet without(String... ids) {
        Objects.requireNonNull(ids, "ids");
        Set<String> out = new java.util.HashSet<>(Arrays.asList(ids));
        for (String id : out) {
            if (!byId.containsKey(id)) {
                throw new IllegalArgumentException("rule id '" + id + "' is not in " + this);
            }
        }
        return new RuleSet(rules.stream().filter(r -> !out.contains(r.id())).toList());
    }

    /**
     * The rules, in order.
     *
     * @return the rules, immutable
     */
    public List<MigrationRule> rules() {
        return rules;
    }

    /**
     * The ids of the rules, in order.
     *
     * @return the ids, immutable
     */
    public List<String> ids() {
        return List.copyOf(byId.keySet());
    }

    /**
     * The rule of an id.
     *
     * @param id a rule id
     * @return the rule of that id in this set, or empty
     */
    public Optional<MigrationRule> get(String id) {
        return Optional.ofNullable(byId.get(Objects.requireNonNull(id, "id")));
    }

    /**
     * The team's rules of the set (not zdcd's), in order.
     *
     * @return the rules not from {@link #builtIn()}, immutable
     */
    public List<MigrationRule> teamRules() {
        return rules.stream().filter(r -> !(r instanceof BuiltInRule)).toList();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RuleSet other && rules.equals(other.rules);
    }

    @Override
    public int hashCode() {
        return rules.hashCode();
    }

    /** {@return the set in words: which of zdcd's rules it has, and the ids of the team's} */
    @Override
    public String toString() {
        List<String> builtIn = rules.stream().filter(r -> r instanceof BuiltInRule).map(MigrationRule::id).toList();
        List<String> team = teamRules().stream().map(MigrationRule::id).toList();
        int total = BUILT_IN.rules.size();
        List<String> missing = BUILT_IN.byId.keySet().stream().filter(id -> !byId.containsKey(id)).toList();
        String zdcd = builtIn.isEmpty() ? "none of zdcd's rules"
                : missing.isEmpty() ? "zdcd's " + total + " rules"
                : missing.size() <= 5 ? "zdcd's rules without " + String.join(", ", missing)
                : builtIn.size() + " of zdcd's " + total + " rules";
        return "RuleSet[" + zdcd + (team.isEmpty() ? "" : ", plus " + team.stream()
                .collect(Collectors.joining(", "))) + "]";
    }
}
