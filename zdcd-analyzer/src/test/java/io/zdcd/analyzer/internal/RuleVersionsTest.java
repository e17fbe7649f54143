package io.zdcd.analyzer.internal;

import static org.assertj.core.api.BDDAssertions.then;

import io.zdcd.analyzer.SqlMigrationClassifier;
import org.junit.jupiter.api.Test;

class RuleVersionsTest {

    @Test
    void every_version_note_names_a_catalogue_rule_and_every_rule_has_one() {
        then(SqlMigrationClassifier.ruleIds()).containsAll(RuleVersions.ids());
        for (Rule r : Rules.all()) {
            then(r.versions()).as(r.id()).isNotBlank().contains("PostgreSQL");
        }
        then(Rules.byId("add-not-null-not-valid").versions()).contains("18+");
        then(Rules.byId("drop-column").versions()).isEqualTo("PostgreSQL 11 to 18 alike");
    }
}
