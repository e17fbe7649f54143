package io.zdcd.analyzer.report;

import io.zdcd.classify.Verdict;
import java.util.Objects;

/**
 * The counts of a report written while the classification streamed past
 * ({@link io.zdcd.analyzer.SqlMigrationClassifier#writeReport}).
 *
 * <p>{@code toString()} reads like {@code ReportSummary[UNSAFE PostgreSQL 17: 1 of 2 migrations, 3 of 12 statements]}.
 *
 * @param postgresVersion  the PostgreSQL major version the migrations were judged for
 * @param verdict          SAFE when every migration is SAFE, UNSAFE otherwise; the verdict the report begins with
 * @param migrations       the number of migrations in the report
 * @param unsafeMigrations how many of them are UNSAFE
 * @param statements       the number of statements of all the migrations together
 * @param unsafeStatements how many of those statements are UNSAFE
 */
public record ReportSummary(int postgresVersion, Verdict verdict, int migrations, long unsafeMigrations,
                            long statements, long unsafeStatements) {
    /**
     * {@code verdict} must not be null.
     *
     * @param postgresVersion  the PostgreSQL major version the migrations were judged for
     * @param verdict          the overall verdict; not null
     * @param migrations       the number of migrations in the report
     * @param unsafeMigrations how many of them are UNSAFE
     * @param statements       the number of statements of all the migrations together
     * @param unsafeStatements how many of those statements are UNSAFE
     */
    public ReportSummary {
        Objects.requireNonNull(verdict, "verdict");
    }

    /**
     * Whether the verdict is SAFE.
     *
     * @return true when every migration of the report is SAFE
     */
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
