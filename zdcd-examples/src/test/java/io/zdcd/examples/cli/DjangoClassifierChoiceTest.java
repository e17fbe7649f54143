package io.zdcd.examples.cli;

import static org.assertj.core.api.BDDAssertions.then;

import io.zdcd.analyzer.SqlMigrationClassifier;
import org.junit.jupiter.api.Test;

/** Django runs atomic = False migrations statement by statement: the Heroku commands judge them so. */
class DjangoClassifierChoiceTest {

    /** sqlmigrate output of an atomic = False migration: no BEGIN/COMMIT around the two statements. */
    private static final String NON_ATOMIC = """
            --
            -- Add constraint age_gte_0 on model author (NOT VALID), then validate it
            --
            ALTER TABLE "app_author" ADD CONSTRAINT "age_gte_0" CHECK ("age" >= 0) NOT VALID;
            ALTER TABLE "app_author" VALIDATE CONSTRAINT "age_gte_0";
            """;

    @Test
    void a_non_atomic_django_migration_is_judged_statement_by_statement() {
        then(HerokuOptions.DJANGO_CLASSIFIER.classify(NON_ATOMIC).isSafe()).isTrue();
        // a runner that wraps the file in one transaction would hold AccessExclusiveLock through the VALIDATE scan
        then(SqlMigrationClassifier.defaults().classify(NON_ATOMIC).unsafeStatements())
                .extracting(s -> s.ruleIds().contains("long-operation-under-held-lock")).containsExactly(true);
    }
}
