package io.zdcd.analyzer.internal.rules;

import static org.assertj.core.api.BDDAssertions.then;

import io.zdcd.analyzer.internal.Rule;
import io.zdcd.analyzer.internal.Rules;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The rule classes: one per rule id, listed in catalogue order, each named after its id. */
class RuleSetTest {

    @Test
    void oneClassPerRuleIdInCatalogueOrder() {
        List<Rule> metas = new ArrayList<>();
        RuleSet.ALL.forEach(r -> metas.add(r.meta()));
        then(metas).doesNotHaveDuplicates();
        List<Rule> catalogueOrder = new ArrayList<>(Rules.all());
        catalogueOrder.retainAll(metas);
        then(metas).containsExactlyElementsOf(catalogueOrder);
    }

    @Test
    void eachClassIsNamedAfterItsRuleId() {
        for (ZdcdRule r : RuleSet.ALL) {
            StringBuilder expected = new StringBuilder();
            for (String part : r.meta().id().split("-")) {
                expected.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
            }
            then(r.getClass().getSimpleName()).isEqualTo(expected + "Rule");
        }
    }

    @Test
    void theMigrationChecksAreTheRulesWithHooksEachOnce() {
        List<ZdcdRule> withHooks = RuleSet.ALL.stream().filter(MigrationCheck.class::isInstance).toList();
        then(RuleSet.MIGRATION).doesNotHaveDuplicates().hasSameSizeAs(withHooks);
        then(withHooks).allMatch(RuleSet.MIGRATION::contains);
        then(RuleSet.MIGRATION.stream().map(Object::getClass).toList()).containsExactlyElementsOf(MigrationCheck.ORDER);
    }
}
