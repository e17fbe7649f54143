package io.zdcd.analyzer.trace;

import static org.assertj.core.api.BDDAssertions.then;

import io.zdcd.classify.Classification;
import io.zdcd.classify.Finding;
import io.zdcd.classify.LockMode;
import io.zdcd.classify.StatementAnalysis;
import io.zdcd.classify.Verdict;
import io.zdcd.testing.PostgresExtension;
import io.zdcd.testing.TestDatabase;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The comparator on real traces against hand-written predictions (right and wrong ones). */
@ExtendWith(PostgresExtension.class)
class TraceComparatorTest {

    @BeforeAll
    static void schema(TestDatabase db) {
        db.execute("CREATE TABLE item (id bigserial PRIMARY KEY, name text NOT NULL, qty integer NOT NULL)");
    }

    private static StatementAnalysis predicted(int index, String sql, LockMode lock, boolean rewrite, Verdict v,
                                               String rule) {
        return new StatementAnalysis(index, index, 1, sql, "TEST", List.of("item"), Optional.ofNullable(lock),
                Set.of(), rewrite, false, false, v, List.of(new Finding(rule, v, "test", "")));
    }

    private static TraceComparison compare(TestDatabase db, TraceComparator comparator, StatementAnalysis... p) {
        String sql = String.join(";\n", java.util.Arrays.stream(p).map(StatementAnalysis::sql).toList());
        TraceReport trace = LockTracer.builder().dataSource(db.dataSource()).rows(10).build().trace(sql);
        Verdict verdict = java.util.Arrays.stream(p).map(StatementAnalysis::verdict).reduce(Verdict.SAFE, Verdict::and);
        return comparator.compare(new Classification("<inline>", verdict, List.of(p), List.of()), trace);
    }

    @Test
    void a_right_prediction_matches(TestDatabase db) {
        TraceComparison c = compare(db, TraceComparator.strict(),
                predicted(1, "CREATE INDEX item_name ON item (name)", LockMode.SHARE, false, Verdict.UNSAFE, "r1"),
                predicted(2, "ALTER TABLE item ALTER COLUMN qty TYPE bigint", LockMode.ACCESS_EXCLUSIVE, true,
                        Verdict.UNSAFE, "r2"));

        then(c.matches()).isTrue();
        then(c.statements()).allSatisfy(s -> then(s.mismatches()).isEmpty());
    }

    @Test
    void a_wrong_lock_and_a_missed_rewrite_are_mismatches(TestDatabase db) {
        TraceComparison c = compare(db, TraceComparator.strict(),
                predicted(1, "ALTER TABLE item ALTER COLUMN qty TYPE bigint", LockMode.SHARE_UPDATE_EXCLUSIVE, false,
                        Verdict.SAFE, "r2"));

        then(c.matches()).isFalse();
        then(c.statements().get(0).mismatches()).extracting(Mismatch::aspect)
                .containsExactly(Mismatch.Aspect.LOCK, Mismatch.Aspect.REWRITE);
        then(c.statements().get(0).mismatches().get(0).observed()).isEqualTo("AccessExclusiveLock");
    }

    @Test
    void a_statement_that_fails_must_not_be_judged_safe(TestDatabase db) {
        TraceComparison c = compare(db, TraceComparator.strict(),
                predicted(1, "ALTER TABLE item ADD COLUMN sku text NOT NULL", LockMode.ACCESS_EXCLUSIVE, false,
                        Verdict.SAFE, "r3"));

        then(c.statements().get(0).mismatches()).singleElement().satisfies(m -> {
            then(m.aspect()).isEqualTo(Mismatch.Aspect.FAILURE);
            then(m.observed()).isEqualTo("error 23502");
        });
    }

    @Test
    void a_reviewed_known_difference_is_allowed_with_its_reason(TestDatabase db) {
        TraceComparison strict = compare(db, TraceComparator.strict(),
                predicted(1, "CREATE INDEX item_qty ON item (qty)", LockMode.ACCESS_EXCLUSIVE, false, Verdict.UNSAFE,
                        "zz-test-known-difference"));
        TraceComparison lenient = compare(db, TraceComparator.withAllowList(
                "zz-test-known-difference\tlock\tAccessExclusiveLock\tShareLock\t13-18\ttest entry\n"),
                predicted(1, "CREATE INDEX item_qty ON item (qty)", LockMode.ACCESS_EXCLUSIVE, false, Verdict.UNSAFE,
                        "zz-test-known-difference"));

        then(strict.matches()).isFalse();
        then(lenient.matches()).isTrue();
        then(lenient.statements().get(0).mismatches()).singleElement()
                .satisfies(m -> then(m.allowedBecause()).hasValueSatisfying(r -> then(r).contains("test entry")));
    }

    @Test
    void reports_show_predicted_and_observed_side_by_side(TestDatabase db) {
        TraceComparison c = compare(db, TraceComparator.strict(),
                predicted(1, "ALTER TABLE item ALTER COLUMN qty TYPE bigint", LockMode.SHARE, false, Verdict.SAFE,
                        "r2"));

        String text = TraceReports.text(List.of(c));
        then(text).contains("ShareLock | AccessExclusiveLock").contains("MISMATCH").contains("1 mismatch");
        String json = TraceReports.json(List.of(c));
        then(json).contains("\"lock\" : \"AccessExclusiveLock\"").contains("\"aspect\" : \"lock\"")
                .contains("\"mismatches\" : 1");
    }
}
