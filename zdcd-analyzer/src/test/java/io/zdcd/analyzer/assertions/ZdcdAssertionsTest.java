package io.zdcd.analyzer.assertions;

import static io.zdcd.analyzer.assertions.ZdcdAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.BDDAssertions.then;

import io.zdcd.classify.Classification;
import io.zdcd.classify.ClassificationReport;
import io.zdcd.classify.Finding;
import io.zdcd.classify.LockMode;
import io.zdcd.classify.StatementAnalysis;
import io.zdcd.classify.StatementAnalysis.Blocked;
import io.zdcd.classify.Verdict;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ZdcdAssertionsTest {

    private static final StatementAnalysis BEGIN = new StatementAnalysis(1, 1, 1, "BEGIN", "BEGIN", List.of(),
            Optional.empty(), Set.of(), false, false, false, Verdict.SAFE, List.of());
    private static final StatementAnalysis ADD_COLUMN = new StatementAnalysis(2, 2, 1,
            "ALTER TABLE t ADD COLUMN c int", "ALTER TABLE ADD COLUMN", List.of("t"),
            Optional.of(LockMode.ACCESS_EXCLUSIVE), EnumSet.allOf(Blocked.class), false, false, false, Verdict.SAFE,
            List.of(new Finding("add-column-nullable", Verdict.SAFE, "a brief catalog change", "")));
    private static final StatementAnalysis INDEX = new StatementAnalysis(3, 4, 1, "CREATE INDEX i ON t (c)",
            "CREATE INDEX", List.of("t"), Optional.of(LockMode.SHARE), EnumSet.of(Blocked.WRITES), false, true, false,
            Verdict.UNSAFE, List.of(new Finding("create-index-non-concurrently", Verdict.UNSAFE,
                    "blocks writes for the whole build", "CREATE INDEX CONCURRENTLY i ON t (c);")));

    private static final Classification SAFE = new Classification("0001_safe.sql", Verdict.SAFE,
            List.of(BEGIN, ADD_COLUMN), List.of());
    private static final Classification UNSAFE = new Classification("0002_index.sql", Verdict.UNSAFE,
            List.of(BEGIN, ADD_COLUMN, INDEX), List.of());

    @Test
    void is_safe_passes_on_a_safe_migration() {
        assertThat(SAFE).isSafe().hasStatementCount(2).hasFinding("add-column-nullable");
    }

    @Test
    void is_safe_fails_listing_the_findings_and_safe_alternatives() {
        assertThatThrownBy(() -> assertThat(UNSAFE).isSafe())
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("Expected 0002_index.sql to be SAFE, but it is UNSAFE")
                .hasMessageContaining("line 4: CREATE INDEX")
                .hasMessageContaining("create-index-non-concurrently: blocks writes for the whole build")
                .hasMessageContaining("instead: CREATE INDEX CONCURRENTLY i ON t (c);");
    }

    @Test
    void is_unsafe_passes_on_an_unsafe_migration_and_fails_on_a_safe_one() {
        assertThat(UNSAFE).isUnsafe().hasFinding("create-index-non-concurrently", Verdict.UNSAFE);

        assertThatThrownBy(() -> assertThat(SAFE).isUnsafe())
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("Expected 0001_safe.sql to be UNSAFE, but it is SAFE")
                .hasMessageContaining("Statement[SAFE #2 L2 ALTER TABLE ADD COLUMN [t], AccessExclusiveLock]");
    }

    @Test
    void has_finding_fails_naming_the_findings_there_are() {
        assertThatThrownBy(() -> assertThat(UNSAFE).hasFinding("drop-column"))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("to have a finding of rule <drop-column>")
                .hasMessageContaining("UNSAFE create-index-non-concurrently: blocks writes");
        assertThatThrownBy(() -> assertThat(UNSAFE).hasFinding("create-index-non-concurrently", Verdict.SAFE))
                .isInstanceOf(AssertionError.class);
        assertThatThrownBy(() -> assertThat(UNSAFE).doesNotHaveFinding("create-index-non-concurrently"))
                .isInstanceOf(AssertionError.class);
        assertThat(SAFE).doesNotHaveFinding("create-index-non-concurrently");
    }

    @Test
    void statement_level_assertions_check_verdict_lock_and_effects() {
        assertThat(UNSAFE).statement(3).isUnsafe().hasKind("CREATE INDEX").takesLock(LockMode.SHARE).blocksWrites()
                .scansTable().doesNotBreakOldCode().hasFinding("create-index-non-concurrently");
        assertThat(UNSAFE).statementAtLine(2).isSafe().takesLock(LockMode.ACCESS_EXCLUSIVE).blocksReads();
        assertThat(UNSAFE).statement(1).takesNoLock();

        assertThatThrownBy(() -> assertThat(UNSAFE).statement(3).isSafe())
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("Expected statement #3 (line 4) to be SAFE, but it is UNSAFE")
                .hasMessageContaining("CREATE INDEX i ON t (c)");
        assertThatThrownBy(() -> assertThat(UNSAFE).statement(3).takesLock(LockMode.ACCESS_EXCLUSIVE))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("to take AccessExclusiveLock, but it takes ShareLock");
        assertThatThrownBy(() -> assertThat(UNSAFE).statement(3).blocksReads())
                .isInstanceOf(AssertionError.class).hasMessageContaining("to block reads, but it blocks writes");
        assertThatThrownBy(() -> assertThat(UNSAFE).statement(3).rewritesTable()).isInstanceOf(AssertionError.class);
        assertThatThrownBy(() -> assertThat(UNSAFE).statement(2).breaksOldCode()).isInstanceOf(AssertionError.class);
    }

    @Test
    void a_missing_statement_fails_listing_the_statements() {
        assertThatThrownBy(() -> assertThat(SAFE).statement(9))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("to have a statement #9")
                .hasMessageContaining("Statement[SAFE #1 L1 BEGIN]");
        assertThatThrownBy(() -> assertThat(SAFE).statementAtLine(9)).isInstanceOf(AssertionError.class);
    }

    @Test
    void report_assertions_find_migrations_by_name() {
        ClassificationReport report = new ClassificationReport(17, Verdict.UNSAFE, List.of(SAFE, UNSAFE));

        assertThat(report).isUnsafe().hasFinding("create-index-non-concurrently");
        assertThat(report).migration("0001_safe.sql").isSafe();
        assertThatThrownBy(() -> assertThat(report).isSafe())
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("Expected every migration to be SAFE")
                .hasMessageContaining("0002_index.sql: UNSAFE");
        assertThatThrownBy(() -> assertThat(report).migration("nope.sql"))
                .isInstanceOf(AssertionError.class).hasMessageContaining("0002_index.sql");
        assertThatThrownBy(() -> assertThat(new ClassificationReport(17, Verdict.SAFE, List.of(SAFE))).isUnsafe())
                .isInstanceOf(AssertionError.class);
    }

    @Test
    void then_is_the_bdd_alias() {
        then(ZdcdAssertions.then(SAFE)).isInstanceOf(ClassificationAssert.class);
        ZdcdAssertions.then(UNSAFE).isUnsafe();
        ZdcdAssertions.then(INDEX).isUnsafe();
        ZdcdAssertions.then(new ClassificationReport(17, Verdict.SAFE, List.of(SAFE))).isSafe();
    }

    @Test
    void null_actual_fails_clearly() {
        assertThatThrownBy(() -> assertThat((Classification) null).isSafe())
                .isInstanceOf(AssertionError.class).hasMessageContaining("Expecting actual not to be null");
    }

    @Test
    void as_prefixes_the_failure_with_a_description() {
        assertThatThrownBy(() -> assertThat(UNSAFE).as("migration %s", "0002").isSafe())
                .isInstanceOf(AssertionError.class)
                .hasMessageStartingWith("[migration 0002] Expected 0002_index.sql to be SAFE");
        then(assertThat(UNSAFE).actual()).isSameAs(UNSAFE);
    }
}
