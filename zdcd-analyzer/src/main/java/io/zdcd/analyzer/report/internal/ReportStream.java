package io.zdcd.analyzer.report.internal;

import io.zdcd.analyzer.report.ReportFormat;
import io.zdcd.classify.ClassificationReport;
import io.zdcd.classify.StatementAnalysis;
import java.io.IOException;

/**
 * A report written as the statements go by: {@link #start} with the whole overview, then per migration
 * {@link #migrationStart}, each {@link #statement} in order, {@link #migrationEnd}; then {@link #end}. Whether the
 * statements come from a report held in memory ({@link #write(ClassificationReport, ReportStream)}) or from a
 * classification streaming past, the output is the same.
 */
public interface ReportStream {
    void start(ReportOverview overview) throws IOException;

    void migrationStart(ReportOverview.Migration migration) throws IOException;

    void statement(StatementAnalysis statement) throws IOException;

    void migrationEnd(ReportOverview.Migration migration) throws IOException;

    void end() throws IOException;

    /** The stream of the format, writing to {@code out} (which the caller flushes and closes). */
    static ReportStream of(ReportFormat format, String toolVersion, Appendable out) throws IOException {
        return switch (format) {
            case TEXT -> new TextReport(out);
            case JSON -> new JsonReport(out);
            case SARIF -> new SarifReport(toolVersion, false, out);
            case SARIF_ALL -> new SarifReport(toolVersion, true, out);
            case MARKDOWN -> new MarkdownReport(out);
            case GITLAB -> new GitlabReport(out);
        };
    }

    /** Writes a report held in memory through the stream. */
    static void write(ClassificationReport report, ReportStream stream) throws IOException {
        write(report, stream, java.util.List.of());
    }

    /** As {@link #write(ClassificationReport, ReportStream)}, describing the team's rules from their metadata. */
    static void write(ClassificationReport report, ReportStream stream,
                      java.util.List<io.zdcd.analyzer.rules.MigrationRule> teamRules) throws IOException {
        ReportOverview overview = ReportOverview.of(report).describing(teamRules);
        stream.start(overview);
        for (int i = 0; i < report.migrations().size(); i++) {
            ReportOverview.Migration m = overview.migrations().get(i);
            stream.migrationStart(m);
            for (StatementAnalysis s : report.migrations().get(i).statements()) {
                stream.statement(s);
            }
            stream.migrationEnd(m);
        }
        stream.end();
    }
}
