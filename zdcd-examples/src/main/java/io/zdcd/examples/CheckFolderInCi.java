package io.zdcd.examples;

import io.zdcd.analyzer.MigrationInputException;
import io.zdcd.analyzer.Migrations;
import io.zdcd.analyzer.SqlMigrationClassifier;
import io.zdcd.analyzer.report.ReportFormat;
import io.zdcd.analyzer.report.Reports;
import io.zdcd.classify.ClassificationReport;
import java.io.IOException;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A CI step: classify every migration in a folder, write a SARIF report for code scanning, print the verdicts, and
 * fail the build when any migration is UNSAFE.
 *
 * <pre>
 * java -cp zdcd-examples/target/zdcd.jar io.zdcd.examples.CheckFolderInCi db/migrations zdcd.sarif
 * </pre>
 * Exit code 0 when every migration is SAFE, 1 when one is UNSAFE, 2 on bad input.
 */
public final class CheckFolderInCi {
    private CheckFolderInCi() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** The example's work, returning its exit code. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length < 1 || args.length > 2) {
            err.println("usage: CheckFolderInCi FOLDER [SARIF_FILE]  (default SARIF_FILE: zdcd.sarif)");
            return 2;
        }
        Path folder = Path.of(args[0]);
        Path sarif = Path.of(args.length == 2 ? args[1] : "zdcd.sarif");
        ClassificationReport report;
        try {
            report = SqlMigrationClassifier.defaults().classifyAll(Migrations.fromPath(folder));
        } catch (MigrationInputException e) {
            err.println(e.getMessage());
            return 2;
        }
        try (Writer w = Files.newBufferedWriter(sarif, StandardCharsets.UTF_8)) {
            Reports.write(report, ReportFormat.SARIF, w);
        } catch (IOException e) {
            err.println("cannot write " + sarif + ": " + e.getMessage());
            return 2;
        }
        out.print(Reports.render(report, ReportFormat.TEXT));
        out.println("SARIF report: " + sarif);
        return report.isSafe() ? 0 : 1;
    }
}
