package io.zdcd.analyzer.report;

import io.zdcd.analyzer.report.internal.GitlabReport;
import io.zdcd.analyzer.report.internal.JsonReport;
import io.zdcd.analyzer.report.internal.MarkdownReport;
import io.zdcd.analyzer.report.internal.SarifReport;
import io.zdcd.analyzer.report.internal.TextReport;
import io.zdcd.classify.Classification;
import io.zdcd.classify.ClassificationReport;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Objects;

/**
 * Renders classification results as text, JSON, SARIF 2.1.0, Markdown or GitLab Code Quality JSON.
 *
 * <pre>{@code
 * ClassificationReport report = SqlMigrationClassifier.defaults().classifyAll(migrations);
 * System.out.print(Reports.render(report, ReportFormat.TEXT));
 * Reports.write(report, ReportFormat.SARIF, Files.newBufferedWriter(Path.of("zdcd.sarif")));
 * }</pre>
 *
 * <p>Every renderer is deterministic (same report, same output) and thread-safe.
 *
 * @since 0.1.0
 */
public final class Reports {

    /** The tool name written into SARIF reports. */
    public static final String TOOL_NAME = "zdcd";

    private Reports() {
    }

    /**
     * The report in that format, as a string.
     *
     * @param report the classification report to render, for example from {@code classifyAll}; not null
     * @param format the format to render it in; not null
     * @return the whole rendered report, exactly what {@link #write} writes
     */
    public static String render(ClassificationReport report, ReportFormat format) {
        StringBuilder sb = new StringBuilder();
        write(report, format, sb);
        return sb.toString();
    }

    /**
     * A single migration's classification in that format, as a report of one migration (the PostgreSQL version is
     * given because a {@link Classification} does not carry it).
     *
     * @param classification  the classification of one migration; not null
     * @param postgresVersion the PostgreSQL major version the migration was judged for, shown in the report
     * @param format          the format to render it in; not null
     * @return the rendered report of that one migration, with its verdict as the report's verdict
     */
    public static String render(Classification classification, int postgresVersion, ReportFormat format) {
        Objects.requireNonNull(classification, "classification");
        return render(new ClassificationReport(postgresVersion, classification.verdict(), List.of(classification)),
                format);
    }

    /**
     * Writes the report in that format to {@code out} (a {@link StringBuilder}, a {@link java.io.Writer}, a
     * {@link java.io.PrintStream}...). The caller closes {@code out}.
     *
     * @param report the classification report to write; not null
     * @param format the format to write it in; not null
     * @param out    where the report is written; not null, and neither flushed nor closed
     * @throws UncheckedIOException when {@code out} fails
     */
    public static void write(ClassificationReport report, ReportFormat format, Appendable out) {
        Objects.requireNonNull(report, "report");
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(out, "out");
        try {
            switch (format) {
                case TEXT -> TextReport.write(report, out);
                case JSON -> JsonReport.write(report, out);
                case SARIF -> SarifReport.write(report, toolVersion(), false, out);
                case SARIF_ALL -> SarifReport.write(report, toolVersion(), true, out);
                case MARKDOWN -> MarkdownReport.write(report, out);
                case GITLAB -> GitlabReport.write(report, out);
                default -> throw new IllegalArgumentException("unknown format " + format);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the " + format.label() + " report: " + e.getMessage(), e);
        }
    }

    /**
     * Writes the report in that format to {@code out} as UTF-8 bytes, then flushes it (the caller closes it). The
     * bytes are those of {@link #render(ClassificationReport, ReportFormat)}; the JSON report is written without a
     * character encoder in between, the fastest way to a file or a pipe.
     *
     * @param report the report to write
     * @param format its format
     * @param out    where the bytes go; flushed, never closed
     * @throws UncheckedIOException when {@code out} fails
     */
    public static void writeUtf8(ClassificationReport report, ReportFormat format, java.io.OutputStream out) {
        Objects.requireNonNull(report, "report");
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(out, "out");
        try {
            if (format == ReportFormat.JSON) {
                JsonReport.write(report, out);
            } else {
                java.io.Writer w = new java.io.BufferedWriter(new java.io.OutputStreamWriter(out,
                        java.nio.charset.StandardCharsets.UTF_8));
                write(report, format, w);
                w.flush();
            }
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the " + format.label() + " report: " + e.getMessage(), e);
        }
    }

    /**
     * As {@link #write(ClassificationReport, ReportFormat, Appendable)}, with the rules the report's classifier
     * ran ({@code SqlMigrationClassifier#rules()}): SARIF describes a team's rule from its metadata
     * ({@link io.zdcd.analyzer.rules.MigrationRule#title()}, {@code lock()}, {@code breaks()}, {@code versions()},
     * {@code safeAlternative()}) rather than from its first finding. The other formats are the same.
     *
     * @param report the report; not null
     * @param format the format; not null
     * @param out    where the report is written; not null, left open
     * @param rules  the rules the report's classifier ran; not null
     * @throws UncheckedIOException when {@code out} fails
     */
    public static void write(ClassificationReport report, ReportFormat format, Appendable out,
                             io.zdcd.analyzer.rules.RuleSet rules) {
        Objects.requireNonNull(rules, "rules");
        if (format != ReportFormat.SARIF && format != ReportFormat.SARIF_ALL) {
            write(report, format, out);
            return;
        }
        Objects.requireNonNull(report, "report");
        Objects.requireNonNull(out, "out");
        try {
            SarifReport.write(report, toolVersion(), format == ReportFormat.SARIF_ALL, out, rules.teamRules());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the " + format.label() + " report: " + e.getMessage(), e);
        }
    }

    /** This zdcd's version, from the jar manifest ({@code development} when run from classes). */
    static String toolVersion() {
        String v = Reports.class.getPackage().getImplementationVersion();
        return v == null ? "development" : v;
    }
}
