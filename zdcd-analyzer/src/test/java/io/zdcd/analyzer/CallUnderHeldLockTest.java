package io.zdcd.analyzer;

import static org.assertj.core.api.BDDAssertions.then;

import io.zdcd.classify.Classification;
import io.zdcd.classify.Finding;
import io.zdcd.classify.Migration;
import io.zdcd.classify.Verdict;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Issue 12: a call of a function not known to be instant, after a blocking lock in the same transaction. */
class CallUnderHeldLockTest {
    private static Classification classify(String sql) {
        return SqlMigrationClassifier.defaults().classify(Migration.of("m", sql));
    }

    private static List<Finding> heldLock(Classification c) {
        return c.allFindings().stream().filter(f -> f.ruleId().equals("long-operation-under-held-lock")).toList();
    }

    @Test
    void pg_sleep_after_add_column_is_unsafe_and_says_why() {
        Classification c = classify("ALTER TABLE items ADD COLUMN note text;\nSELECT pg_sleep(10);\n");
        then(c.verdict()).isEqualTo(Verdict.UNSAFE);
        then(heldLock(c)).singleElement().satisfies(f -> {
            then(f.verdict()).isEqualTo(Verdict.UNSAFE);
            then(f.message()).contains("AccessExclusiveLock on items").contains("calls pg_sleep(), which zdcd does not "
                    + "know to be instant");
        });
    }

    @Test
    void user_functions_call_and_do_under_a_lock_are_unsafe_twice() {
        for (String call : List.of("SELECT refresh_cache();", "CALL refresh_cache();",
                "DO $$ BEGIN PERFORM refresh_cache(); END $$;", "SELECT pg_advisory_lock(42);")) {
            Classification c = classify("BEGIN;\nALTER TABLE items ADD COLUMN note text;\n" + call + "\nCOMMIT;\n");
            then(heldLock(c)).as(call).hasSize(1);
            then(heldLock(c).get(0).verdict()).isEqualTo(Verdict.UNSAFE);
        }
    }

    @Test
    void the_same_calls_without_a_held_lock_or_after_commit_are_not_long_operations_under_a_lock() {
        then(classify("SELECT pg_sleep(1);\n").verdict()).isEqualTo(Verdict.SAFE);
        then(heldLock(classify("BEGIN;\nALTER TABLE items ADD COLUMN note text;\nCOMMIT;\nSELECT pg_sleep(1);\n")))
                .isEmpty();
        then(heldLock(classify("ALTER TABLE items ADD COLUMN note text;\nSELECT now(), current_setting('TimeZone');\n")))
                .isEmpty();
        Classification autocommit = SqlMigrationClassifier.builder().implicitTransactions(false).build()
                .classify(Migration.of("m", "ALTER TABLE items ADD COLUMN note text;\nSELECT pg_sleep(10);\n"));
        then(autocommit.verdict()).as("psql -f commits the ALTER first").isEqualTo(Verdict.SAFE);
    }
}
