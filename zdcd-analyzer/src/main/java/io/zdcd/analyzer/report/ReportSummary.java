package io.zdcd.analyzer.report;

import io.zdcd.classify.Verdict;
import java.util.Objects;

/**
 * The counts of a report written while the classification streamed past
 * ({@link io.zdcd.analyzer.SqlMigrationClassifier#writeReport}).
 *
 * <p>{@code toString()} reads like {@code ReportSummary[UNSAFE PostgreSQL 17: 1 of 2 migrations, 3 of 12 statements]}.
 */
public record ReportSummary(int postgresVersion, Verdict verdict, int migrations, long unsafeMigrations,
                            long statements, long unsafeStatements) {
    /** {@code verdict} must not be null. */
    public ReportSummary {
        Objects.requireNonNull(verdict, "verdict");
    }

    /** Whether the verdict is SAFE. */
    public boolean isSafe() {
        return verdict == Verdict.SAFE;
    }

    @Override
    public String toString() {
        return "ReportSummary[" + verdict + " PostgreSQL " + postgresVersion + ": " + unsafeMigrations + " of "
                + migrations + " migration" + (migrations == 1 ? "" : "s") + ", " + unsafeStatements + " of "
                + statements + " statement" + (statements == 1 ? "" : "s") + "]";
    }
}
