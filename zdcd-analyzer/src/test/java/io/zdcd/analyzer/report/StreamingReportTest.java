package io.zdcd.analyzer.report;

import static org.assertj.core.api.BDDAssertions.then;

import io.zdcd.analyzer.Migrations;
import io.zdcd.analyzer.SqlMigrationClassifier;
import io.zdcd.classify.ClassificationReport;
import io.zdcd.classify.Migration;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * {@link SqlMigrationClassifier#writeReport}: the report written while the statements stream past is, byte for byte,
 * the report of {@code classifyAll}, in every format.
 */
class StreamingReportTest {

    private static Path resource(String name) throws URISyntaxException {
        return Path.of(StreamingReportTest.class.getResource(name).toURI());
    }

    /** Every corpus file, and the Django corpora, in order. */
    private static List<Migration> corpus() throws URISyntaxException, IOException {
        List<Migration> all = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(resource("/corpus"))) {
            walk.filter(p -> p.toString().endsWith(".sql")).sorted().forEach(p -> all.add(Migrations.fromFile(p)));
        }
        all.addAll(Migrations.fromPath(resource("/django/3.2")));
        all.addAll(Migrations.fromPath(resource("/django/5.x")));
        return all;
    }

    @Test
    void every_format_streams_exactly_what_the_in_memory_report_renders() throws Exception {
        List<Migration> migrations = corpus();
        then(migrations).hasSizeGreaterThan(250);
        for (SqlMigrationClassifier classifier : List.of(SqlMigrationClassifier.defaults(),
                SqlMigrationClassifier.builder().implicitTransactions(false).postgresVersion("14.2").build())) {
            ClassificationReport report = classifier.classifyAll(migrations);
            for (ReportFormat format : ReportFormat.values()) {
                StringBuilder streamed = new StringBuilder();
                ReportSummary summary = classifier.writeReport(migrations, format, streamed);
                then(streamed.toString()).as("%s %s", classifier, format).isEqualTo(Reports.render(report, format));
                then(summary.verdict()).isEqualTo(report.verdict());
                then(summary.migrations()).isEqualTo(report.migrations().size());
                then(summary.statements()).isEqualTo(report.migrations().stream()
                        .mapToLong(m -> m.statements().size()).sum());
            }
        }
    }

    @Test
    void every_format_written_as_utf8_bytes_is_the_rendered_report() throws Exception {
        List<Migration> migrations = new ArrayList<>(corpus());
        migrations.add(Migration.of("0099_unicode.sql",
                "ALTER TABLE \"café\" ADD COLUMN \"naïve_名前\" text DEFAULT 'ü €' NOT NULL;"));
        ClassificationReport report = SqlMigrationClassifier.defaults().classifyAll(migrations);
        for (ReportFormat format : ReportFormat.values()) {
            java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
            Reports.writeUtf8(report, format, bytes);
            then(bytes.toString(java.nio.charset.StandardCharsets.UTF_8)).as("%s", format)
                    .isEqualTo(Reports.render(report, format));
        }
    }

    @Test
    void the_utf8_report_of_every_format_is_the_rendered_one_and_json_is_encoded_while_classifying()
            throws Exception {
        List<Migration> migrations = new ArrayList<>(corpus());
        migrations.add(Migration.of("0099_unicode.sql",
                "ALTER TABLE \"café\" ADD COLUMN \"naïve_名前\" text DEFAULT 'ü €' NOT NULL;"));
        migrations.add(Migration.of("0100_long.sql", "ALTER TABLE t ADD COLUMN c0 int;\n"
                + "CREATE INDEX i ON t (c0);\n".repeat(700)));   // several batches of the encoder thread
        migrations.add(Migration.of("0101_empty.sql", "-- nothing\n"));
        for (SqlMigrationClassifier classifier : List.of(SqlMigrationClassifier.defaults(),
                SqlMigrationClassifier.builder().implicitTransactions(false).postgresVersion("14.2").build())) {
            ClassificationReport report = classifier.classifyAll(migrations);
            for (ReportFormat format : ReportFormat.values()) {
                java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
                ReportSummary summary = classifier.writeReportUtf8(migrations, format, bytes);
                then(bytes.toString(java.nio.charset.StandardCharsets.UTF_8)).as("%s %s", classifier, format)
                        .isEqualTo(Reports.render(report, format));
                then(summary.verdict()).isEqualTo(report.verdict());
                then(summary.migrations()).isEqualTo(report.migrations().size());
                then(summary.unsafeMigrations()).isEqualTo(report.migrations().stream().filter(c -> !c.isSafe())
                        .count());
                then(summary.statements()).isEqualTo(report.migrations().stream()
                        .mapToLong(m -> m.statements().size()).sum());
                then(summary.unsafeStatements()).isEqualTo(report.migrations().stream()
                        .flatMap(m -> m.statements().stream()).filter(st -> !st.isSafe()).count());
            }
        }
    }

    @Test
    void a_migration_whose_end_changes_an_earlier_statement_streams_the_final_analysis() {
        // the BEGIN is judged UNSAFE only at the end (never committed); the trailing RunPython marker changes the
        // last statement; both must be in the streamed report where the statements are
        List<Migration> migrations = List.of(
                Migration.of("unclosed.sql", "BEGIN;\nALTER TABLE t ADD COLUMN c int;\nSELECT 1;\n"),
                Migration.of("trailing.sql", "ALTER TABLE t ADD COLUMN d int;\n--\n-- Raw Python operation\n--\n"
                        + "-- THIS OPERATION CANNOT BE WRITTEN AS SQL\n"),
                Migration.of("safe.sql", "ALTER TABLE t ADD COLUMN e int;\n"));
        SqlMigrationClassifier classifier = SqlMigrationClassifier.defaults();
        ClassificationReport report = classifier.classifyAll(migrations);
        then(report.migrations().get(0).statements().get(0).findings()).anyMatch(f -> f.ruleId()
                .equals("unclosed-transaction"));
        for (ReportFormat format : ReportFormat.values()) {
            StringBuilder streamed = new StringBuilder();
            classifier.writeReport(migrations, format, streamed);
            then(streamed.toString()).as("%s", format).isEqualTo(Reports.render(report, format));
            java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
            classifier.writeReportUtf8(migrations, format, bytes);   // JSON: falls back to the in-memory report
            then(bytes.toString(java.nio.charset.StandardCharsets.UTF_8)).as("%s", format)
                    .isEqualTo(Reports.render(report, format));
        }
    }

    @Test
    void the_migrations_are_read_once_per_pass_and_nothing_is_written_before_the_first_pass_ends() {
        AtomicInteger reads = new AtomicInteger();
        StringBuilder out = new StringBuilder();
        List<Integer> writtenBeforeRead = new ArrayList<>();
        Iterable<Migration> migrations = () -> Stream.of("a", "b").map(n -> {
            reads.incrementAndGet();
            writtenBeforeRead.add(out.length());
            return Migration.of(n, "ALTER TABLE t ADD COLUMN " + n + " int;\n");
        }).iterator();
        ReportSummary summary = SqlMigrationClassifier.defaults().writeReport(migrations, ReportFormat.TEXT, out);
        then(reads.get()).isEqualTo(4);
        then(writtenBeforeRead.subList(0, 2)).containsExactly(0, 0);
        then(writtenBeforeRead.get(3)).as("migration a written before b is read").isPositive();
        then(summary.toString()).isEqualTo("ReportSummary[SAFE PostgreSQL 17: 0 of 2 migrations, 0 of 2 statements]");
    }
}
