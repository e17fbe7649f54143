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

    /** A prediction that names the lock on each relation. */
    private static StatementAnalysis perRelation(int index, String sql, java.util.Map<String, LockMode> locks,
                                                 boolean rewrite) {
        Optional<LockMode> strongest = locks.values().stream().reduce(LockMode::max);
        return new StatementAnalysis(index, index, 1, sql, "TEST", List.copyOf(locks.keySet()), strongest, Set.of(),
                rewrite, false, false, Verdict.UNSAFE, List.of(new Finding("r", Verdict.UNSAFE, "test", "")), locks);
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

    @Test
    void the_lock_on_every_relation_is_compared_not_only_the_strongest(TestDatabase db) {
        java.util.Map<String, LockMode> tableOnly = new java.util.LinkedHashMap<>();
        tableOnly.put("item", LockMode.SHARE);
        java.util.Map<String, LockMode> both = new java.util.LinkedHashMap<>(tableOnly);
        both.put("item_pkey", LockMode.ACCESS_EXCLUSIVE);

        TraceComparison right = compare(db, TraceComparator.strict(),
                perRelation(1, "REINDEX TABLE item", both, true));
        TraceComparison missed = compare(db, TraceComparator.strict(),
                perRelation(1, "REINDEX TABLE item", tableOnly, true));

        then(right.matches()).as(right.statements().toString()).isTrue();
        then(right.statements().get(0).relations()).containsExactly("table item", "index item_pkey");
        then(missed.statements().get(0).mismatches()).singleElement().satisfies(m -> {
            then(m.aspect()).isEqualTo(Mismatch.Aspect.LOCK);
            then(m.relation()).hasValue("index item_pkey");
            then(m.predicted()).isEqualTo("none");
            then(m.observed()).isEqualTo("AccessExclusiveLock");
            then(m).hasToString("lock on index item_pkey: predicted none, observed AccessExclusiveLock");
        });
        String json = TraceReports.json(List.of(missed));
        then(json).contains("\"relation\" : \"index item_pkey\"");
    }

    @Test
    void an_index_lock_no_stronger_than_its_tables_counts_only_when_predicted(TestDatabase db) {
        // A rewrite locks every index of the table too (AccessExclusiveLock): implied by the table's lock.
        TraceComparison c = compare(db, TraceComparator.strict(), perRelation(1,
                "ALTER TABLE item ALTER COLUMN qty TYPE bigint", java.util.Map.of("item", LockMode.ACCESS_EXCLUSIVE),
                true));

        then(c.matches()).as(c.statements().toString()).isTrue();
        then(c.statements().get(0).relations()).containsExactly("table item");
    }

    @Test
    void relations_are_matched_by_name_as_postgres_resolves_it() {
        then(TraceComparator.relationKey("public.\"Item\"")).isEqualTo("Item");
        then(TraceComparator.relationKey("PUBLIC.Item")).isEqualTo("item");
        then(TraceComparator.relationKey("\"my.schema\".t")).isEqualTo("my.schema.t");
        then(TraceComparator.relationKey("app.\"a\"\"b\"")).isEqualTo("app.a\"b");
    }

    @Test
    void a_renamed_relation_is_named_as_the_statement_found_it(TestDatabase db) {
        db.execute("CREATE TABLE IF NOT EXISTS to_rename (id int)");
        TraceComparison c = compare(db, TraceComparator.strict(), perRelation(1,
                "ALTER TABLE to_rename RENAME TO renamed", java.util.Map.of("to_rename", LockMode.ACCESS_EXCLUSIVE),
                false));

        then(c.matches()).as(c.statements().toString()).isTrue();
        then(c.statements().get(0).relations()).containsExactly("table to_rename");
    }
}
