package io.zdcd.analyzer.report;

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

/** Hand-built classification results, so the renderers are tested independently of the classifier's rules. */
final class ReportFixtures {

    static final String ADD_COLUMN_SQL = "ALTER TABLE \"shop_order\" ADD COLUMN \"note\" varchar(50) DEFAULT 'x' NOT NULL";
    static final String INDEX_SQL = "CREATE INDEX \"shop_order_note_idx\"\n    ON \"shop_order\" (\"note\")";

    private ReportFixtures() {
    }

    static StatementAnalysis begin(int index, int line) {
        return new StatementAnalysis(index, line, 1, "BEGIN", "BEGIN", List.of(), Optional.empty(), Set.of(), false,
                false, false, Verdict.SAFE, List.of());
    }

    static StatementAnalysis commit(int index, int line) {
        return new StatementAnalysis(index, line, 1, "COMMIT", "COMMIT", List.of(), Optional.empty(), Set.of(), false,
                false, false, Verdict.SAFE, List.of());
    }

    static StatementAnalysis safeAddColumn(int index, int line) {
        return new StatementAnalysis(index, line, 1, ADD_COLUMN_SQL, "ALTER TABLE ADD COLUMN", List.of("shop_order"),
                Optional.of(LockMode.ACCESS_EXCLUSIVE), EnumSet.of(Blocked.WRITES, Blocked.READS), false, false, false,
                Verdict.SAFE, List.of(new Finding("add-column-constant-default", Verdict.SAFE,
                        "Adding a column with a constant default is a catalog change (no rewrite since PostgreSQL 11)."
                                + " It takes AccessExclusiveLock briefly.", "")));
    }

    static StatementAnalysis unsafeIndex(int index, int line, int column) {
        return new StatementAnalysis(index, line, column, INDEX_SQL, "CREATE INDEX", List.of("shop_order"),
                Optional.of(LockMode.SHARE), EnumSet.of(Blocked.WRITES), false, true, false, Verdict.UNSAFE,
                List.of(new Finding("create-index-non-concurrently", Verdict.UNSAFE,
                        "CREATE INDEX holds ShareLock on shop_order for the whole build. Writes wait until it ends.",
                        "CREATE INDEX CONCURRENTLY \"shop_order_note_idx\" ON \"shop_order\" (\"note\");")));
    }

    /** A safe Django migration: BEGIN; ADD COLUMN with a constant default; COMMIT. */
    static Classification safeMigration() {
        return new Classification("shop/0002_order_note.sql", Verdict.SAFE,
                List.of(begin(1, 1), safeAddColumn(2, 3), commit(3, 4)), List.of());
    }

    /** An unsafe migration: a plain CREATE INDEX on an existing table, plus an unused ignore. */
    static Classification unsafeMigration() {
        return new Classification("shop/0003_note_index.sql", Verdict.UNSAFE,
                List.of(begin(1, 1), unsafeIndex(2, 4, 3), commit(3, 6)),
                List.of(new Finding("unused-ignore", Verdict.UNSAFE,
                        "-- zdcd:ignore drop-column on line 2 matches no finding.",
                        "Remove the ignore comment or fix its rule id.")));
    }

    static ClassificationReport unsafeReport() {
        return new ClassificationReport(17, Verdict.UNSAFE, List.of(safeMigration(), unsafeMigration()));
    }

    static ClassificationReport safeReport() {
        return new ClassificationReport(16, Verdict.SAFE, List.of(safeMigration()));
    }
}
