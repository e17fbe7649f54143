package io.zdcd.examples.cli;

import static org.assertj.core.api.BDDAssertions.then;

import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Large inputs are checked streaming (one migration in memory at a time, no statement kept); the output and the exit
 * code are those of the in-memory check. Here the threshold is 0, so every input streams.
 */
class CheckStreamingTest {
    @TempDir
    Path dir;

    record Run(int exitCode, String out, String err) {
    }

    private static Run run(boolean streaming, String stdin, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = Zdcd.commandLine();
        CheckCommand check = cli.getSubcommands().get("check").getCommand();
        check.streamAboveBytes = streaming ? 0 : Long.MAX_VALUE;
        if (stdin != null) {
            check.stdin = new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8));
        }
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        return new Run(cli.execute(args), out.toString(), err.toString());
    }

    @Test
    void streaming_prints_what_the_in_memory_check_prints_in_every_format() throws Exception {
        Files.writeString(dir.resolve("V1__create.sql"), "CREATE TABLE shop_tag (id bigint PRIMARY KEY, name text);\n");
        Files.writeString(dir.resolve("V2__index.sql"), "BEGIN;\nALTER TABLE shop_tag ADD COLUMN n int;\n"
                + "CREATE INDEX shop_tag_n ON shop_tag (n);\n");
        String stdin = "-- zdcd:ignore unused-ignore nothing\nSELECT 1;\n";
        for (String format : List.of("text", "json", "sarif", "markdown")) {
            for (List<String> paths : List.of(List.of("samples"), List.of(dir.toString(), "-"),
                    List.of("samples/0003_order_status.sql"))) {
                String[] args = java.util.stream.Stream.concat(java.util.stream.Stream.of("check", "--format", format),
                        paths.stream()).toArray(String[]::new);
                Run inMemory = run(false, stdin, args);
                Run streamed = run(true, stdin, args);
                then(streamed).as("%s %s", format, paths).isEqualTo(inMemory);
                then(inMemory.exitCode()).isEqualTo(1);
            }
        }
    }

    @Test
    void output_file_and_bad_input_behave_alike() throws Exception {
        Path report = dir.resolve("report.json");
        Run streamed = run(true, null, "check", "--format", "json", "--output", report.toString(), "samples");
        then(streamed.exitCode()).isEqualTo(1);
        then(streamed.out()).startsWith("UNSAFE: ").contains("migrations checked, report written to");
        String streamedReport = Files.readString(report);
        Run inMemory = run(false, null, "check", "--format", "json", "--output", report.toString(), "samples");
        then(inMemory.out()).isEqualTo(streamed.out());
        then(Files.readString(report)).isEqualTo(streamedReport);

        Path binary = dir.resolve("bad.sql");
        Files.write(binary, new byte[] {'S', 'E', 'L', (byte) 0xC3, ';', '\n'});
        Run bad = run(true, null, "check", "samples", binary.toString());
        then(bad.exitCode()).isEqualTo(2);
        then(bad.out()).as("nothing written before the input was read").isEmpty();
        then(bad.err()).isEqualTo(run(false, null, "check", "samples", binary.toString()).err());

        String unwritable = dir.resolve("no/such/dir/report.json").toString();
        Run streamedNowhere = run(true, null, "check", "--format", "json", "--output", unwritable, "samples");
        then(streamedNowhere.exitCode()).isEqualTo(2);
        then(streamedNowhere.err()).contains("cannot write " + unwritable).doesNotContain("Exception");
        then(streamedNowhere.err())
                .isEqualTo(run(false, null, "check", "--format", "json", "--output", unwritable, "samples").err());
    }
}
