package io.zdcd.analyzer.report.internal;

import io.zdcd.analyzer.internal.MigrationAnalyzer;
import io.zdcd.analyzer.internal.Schema;
import io.zdcd.analyzer.report.ReportFormat;
import io.zdcd.analyzer.report.ReportSummary;
import io.zdcd.classify.Migration;
import io.zdcd.classify.StatementAnalysis;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Classifies migrations and writes their report while the statements stream past, keeping none of them: a first
 * pass fills the {@link ReportOverview} (verdicts, counts, the first unsafe statements), a second one classifies again
 * and writes each statement as it is judged. Memory stays bounded by the largest migration's text, whatever the number
 * of statements; the output is the one the report of {@code classifyAll} gives. A migration whose end changes an
 * earlier statement (a transaction never committed) costs one more overview pass.
 */
public final class StreamingReport {
    private StreamingReport() {
    }

    public static ReportSummary write(MigrationAnalyzer analyzer, Schema base, int postgresVersion,
                                      Iterable<Migration> migrations, ReportFormat format, String toolVersion,
                                      Appendable out) {
        Map<Integer, Map<Integer, StatementAnalysis>> late = new HashMap<>();
        ReportOverview overview = overview(analyzer, base, postgresVersion, migrations, late);
        if (!late.isEmpty()) {
            overview = overview(analyzer, base, postgresVersion, migrations, late);
        }
        try {
            ReportStream stream = ReportStream.of(format, toolVersion, out);
            stream.start(overview);
            Schema schema = base.copy();
            int i = 0;
            for (Migration m : migrations) {
                Objects.requireNonNull(m, "migration");
                if (i >= overview.migrations().size()) {
                    throw new IllegalStateException("the migrations changed between two passes");
                }
                ReportOverview.Migration mo = overview.migrations().get(i);
                stream.migrationStart(mo);
                analyzer.analyze(m, schema, s -> {
                    try {
                        stream.statement(s);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }, late.getOrDefault(i, Map.of()));
                stream.migrationEnd(mo);
                i++;
            }
            stream.end();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the " + format.label() + " report: " + e.getMessage(), e);
        } catch (UncheckedIOException e) {
            throw new UncheckedIOException("cannot write the " + format.label() + " report: "
                    + e.getCause().getMessage(), e.getCause());
        }
        return new ReportSummary(postgresVersion, overview.verdict(), overview.migrationCount(),
                overview.unsafeMigrationCount(), overview.statementCount(), overview.unsafeStatementCount());
    }

    /** One pass: the overview; records in {@code late} what a migration's end changed, unless already known. */
    private static ReportOverview overview(MigrationAnalyzer analyzer, Schema base, int postgresVersion,
                                           Iterable<Migration> migrations,
                                           Map<Integer, Map<Integer, StatementAnalysis>> late) {
        ReportOverview overview = new ReportOverview(postgresVersion, null).describing(analyzer.userRules());
        Schema schema = base.copy();
        boolean known = !late.isEmpty();
        int i = 0;
        for (Migration m : migrations) {
            Objects.requireNonNull(m, "migration");
            ReportOverview.Migration mo = overview.startMigration(m.name());
            MigrationAnalyzer.Tail tail = analyzer.analyze(m, schema, s -> overview.statement(mo, s),
                    late.getOrDefault(i, Map.of()));
            if (!known && !tail.late().isEmpty()) {
                late.put(i, tail.late());
            }
            overview.endMigration(mo, tail.verdict(), tail.findings());
            i++;
        }
        return overview;
    }
}
