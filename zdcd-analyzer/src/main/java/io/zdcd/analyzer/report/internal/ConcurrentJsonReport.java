package io.zdcd.analyzer.report.internal;

import io.zdcd.analyzer.internal.MigrationAnalyzer;
import io.zdcd.analyzer.internal.Schema;
import io.zdcd.analyzer.report.ReportSummary;
import io.zdcd.classify.Migration;
import io.zdcd.classify.StatementAnalysis;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The JSON report of migrations held in memory, written while they are classified: each statement's JSON is encoded
 * on a second thread as soon as the classifier hands it over, into one byte buffer per migration; once every
 * migration is classified, the report's beginning (verdict, counts: known only then) is written, followed by the
 * buffers. On two cores the encoding, a third of a large check's time, overlaps the classification instead of
 * following it. The statements are written by {@link StatementJson}, not by Jackson. The bytes are exactly those of
 * {@link JsonReport} for {@code classifyAll}'s report; a migration whose
 * end changes an earlier statement (a transaction never committed) returns null, and the caller writes the report
 * the ordinary way.
 */
public final class ConcurrentJsonReport {
    private static final int BATCH = 256;

    private ConcurrentJsonReport() {
    }

    /**
     * Classifies {@code migrations} and writes their report in {@code format} to {@code out} as UTF-8 (flushed, not
     * closed): JSON encoded while classifying, else (and when a migration's end changed an earlier statement) the
     * report {@code classifyAll} gives, written by {@link io.zdcd.analyzer.report.Reports#writeUtf8}.
     */
    public static ReportSummary writeUtf8(MigrationAnalyzer analyzer, Schema base, int postgresVersion,
                                          List<Migration> migrations, io.zdcd.analyzer.report.ReportFormat format,
                                          java.util.function.Supplier<io.zdcd.classify.ClassificationReport> classifyAll,
                                          OutputStream out) {
        if (format == io.zdcd.analyzer.report.ReportFormat.JSON) {
            ReportSummary summary = write(analyzer, base, postgresVersion, migrations, out);
            if (summary != null) {
                return summary;
            }
        }
        io.zdcd.classify.ClassificationReport report = classifyAll.get();
        if (format == io.zdcd.analyzer.report.ReportFormat.SARIF
                || format == io.zdcd.analyzer.report.ReportFormat.SARIF_ALL) {
            try {
                java.io.Writer w = new java.io.BufferedWriter(new java.io.OutputStreamWriter(out,
                        java.nio.charset.StandardCharsets.UTF_8));
                SarifReport.write(report, toolVersion(), format == io.zdcd.analyzer.report.ReportFormat.SARIF_ALL,
                        w, analyzer.userRules());
                w.flush();
                out.flush();
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException("cannot write the " + format.label() + " report: "
                        + e.getMessage(), e);
            }
        } else {
            io.zdcd.analyzer.report.Reports.writeUtf8(report, format, out);
        }
        ReportOverview o = ReportOverview.of(report);
        return new ReportSummary(postgresVersion, o.verdict(), o.migrationCount(), o.unsafeMigrationCount(),
                o.statementCount(), o.unsafeStatementCount());
    }

    /**
     * Classifies {@code migrations} and writes their JSON report to {@code out} (flushed, not closed).
     *
     * @return the report's counts, or null when nothing was written because a migration's end changed an earlier
     *         statement's analysis
     */
    public static ReportSummary write(MigrationAnalyzer analyzer, Schema base, int postgresVersion,
                                      List<Migration> migrations, OutputStream out) {
        ExecutorService encoder = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "zdcd-json-encoder");
            t.setDaemon(true);
            return t;
        });
        try {
            ReportOverview overview = new ReportOverview(postgresVersion, null);
            Schema schema = base.copy();
            List<Future<ChunkedBytes>> segments = new ArrayList<>(migrations.size());
            for (Migration m : migrations) {
                ReportOverview.Migration mo = overview.startMigration(m.name());
                Segment segment = new Segment();
                List<StatementAnalysis> batch = new ArrayList<>(BATCH);
                MigrationAnalyzer.Tail tail = analyzer.analyze(m, schema, s -> {
                    overview.statement(mo, s);
                    batch.add(s);
                    if (batch.size() == BATCH) {
                        List<StatementAnalysis> full = List.copyOf(batch);
                        batch.clear();
                        encoder.execute(() -> segment.encode(full));
                    }
                }, java.util.Map.of());
                if (!tail.late().isEmpty()) {
                    return null;
                }
                List<StatementAnalysis> rest = List.copyOf(batch);
                segments.add(encoder.submit(() -> {
                    segment.encode(rest);
                    return segment.bytes();
                }));
                overview.endMigration(mo, tail.verdict(), tail.findings());
            }
            JsonReport report = new JsonReport(out);
            report.start(overview);
            for (int i = 0; i < migrations.size(); i++) {
                ReportOverview.Migration mo = overview.migrations().get(i);
                report.migrationStart(mo);
                report.statementsEncoded(segments.get(i).get());
                report.migrationEnd(mo);
            }
            report.end();
            out.flush();
            return new ReportSummary(postgresVersion, overview.verdict(), overview.migrationCount(),
                    overview.unsafeMigrationCount(), overview.statementCount(), overview.unsafeStatementCount());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the JSON report: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while writing the JSON report", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException("cannot encode the JSON report: " + cause, cause);
        } finally {
            encoder.shutdownNow();
        }
    }

    /** One migration's statements as JSON objects separated by commas, encoded on the encoder thread only. */
    private static final class Segment {
        private final ChunkedBytes bytes = new ChunkedBytes();
        private final StatementJson json = new StatementJson(bytes);
        private boolean any;
        private RuntimeException failure;

        void encode(List<StatementAnalysis> statements) {
            if (failure != null) {
                return;
            }
            try {
                for (StatementAnalysis s : statements) {
                    if (any) {
                        json.separator(',');
                    }
                    any = true;
                    json.write(s);
                }
            } catch (RuntimeException e) {
                failure = e;
            }
        }

        ChunkedBytes bytes() {
            if (failure != null) {
                throw failure;
            }
            return bytes;
        }
    }

    /** This zdcd's version as {@code Reports} writes it into SARIF. */
    private static String toolVersion() {
        String v = io.zdcd.analyzer.report.Reports.class.getPackage().getImplementationVersion();
        return v == null ? "development" : v;
    }
}
