package io.zdcd.analyzer;

import static org.assertj.core.api.BDDAssertions.then;

import io.zdcd.classify.Classification;
import io.zdcd.classify.Finding;
import io.zdcd.classify.MigrationClassifier;
import io.zdcd.classify.Verdict;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Which UPDATE/DELETE count as one bounded batch (SAFE) and which may touch the whole table (UNSAFE). */
class BoundedDataChangeTest {
    private static final MigrationClassifier CLASSIFIER = SqlMigrationClassifier.defaults();

    private static String decidingRule(Classification c) {
        return c.statements().get(0).findings().stream().map(Finding::ruleId)
                .filter(r -> r.endsWith("data-change")).findFirst().orElse("none");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "UPDATE users SET age = 1 WHERE id = 5",
            "UPDATE users SET age = 1 WHERE id = $1",
            "UPDATE users SET age = 1 WHERE id IN (1, 2, 3)",
            "UPDATE users SET age = 1 WHERE id = ANY(ARRAY[1, 2, 3])",
            "UPDATE users SET age = 1 WHERE id BETWEEN 1 AND 1000",
            "UPDATE users SET age = 1 WHERE id >= 1000 AND id < 2000",
            "UPDATE users SET age = 1 WHERE (id >= 1000 AND id < 2000)",
            "UPDATE users SET age = 1 WHERE id IN (SELECT id FROM users WHERE age IS NULL LIMIT 1000)",
            "DELETE FROM users WHERE id = 7 AND name IS NOT NULL",
            "DELETE FROM users WHERE id IN (SELECT id FROM users ORDER BY id FETCH FIRST 500 ROWS ONLY)",
    })
    void a_change_bounded_by_key_values_is_a_safe_batch(String sql) {
        Classification c = CLASSIFIER.classify(sql);
        then(decidingRule(c)).as("%s", c.allFindings()).isEqualTo("data-change");
        then(c.verdict()).isEqualTo(Verdict.SAFE);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "UPDATE users SET age = 1 WHERE id > 0",
            "UPDATE users SET age = 1 WHERE id < 1000000",
            "UPDATE users SET age = 1 WHERE id = id",
            "UPDATE users SET age = 1 WHERE id IN (SELECT id FROM users)",
            "DELETE FROM users WHERE id = ANY(SELECT id FROM users)",
            "UPDATE users SET age = 1 WHERE id < 1000 OR true",
            "UPDATE users SET age = 1 WHERE id = 5 OR age IS NULL",
            "UPDATE users SET age = 1 WHERE NOT (id = 5)",
            "UPDATE users SET age = 1 WHERE NOT id = 5",
            "UPDATE users SET age = 1 WHERE id NOT IN (1, 2)",
            "UPDATE users SET age = 1 WHERE id IS NOT NULL",
            "DELETE FROM users WHERE age > 3",
    })
    void a_change_that_may_touch_the_whole_table_is_unsafe(String sql) {
        Classification c = CLASSIFIER.classify(sql);
        then(decidingRule(c)).as("%s", c.allFindings()).isEqualTo("unbatched-data-change");
        then(c.verdict()).isEqualTo(Verdict.UNSAFE);
    }
}
