package io.zdcd.examples.cli;

import static org.assertj.core.api.BDDAssertions.then;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code zdcd check} as a real process ({@code java ... io.zdcd.examples.cli.Main check}, the jar's main class on the
 * test class path): real exit codes from {@code System.exit}, real stdin, stdout and stderr.
 */
class CheckProcessTest {

    @TempDir
    Path dir;

    record Result(int exitCode, String out, String err) {
    }

    private Result zdcd(byte[] stdin, String... args) throws IOException, InterruptedException {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new ArrayList<>(List.of(java, "-cp", System.getProperty("java.class.path"),
                Main.class.getName()));
        command.addAll(List.of(args));
        Path out = dir.resolve("out.txt");
        Path err = dir.resolve("err.txt");
        Process p = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        p.getOutputStream().write(stdin);
        p.getOutputStream().close();
        then(p.waitFor(60, TimeUnit.SECONDS)).as("zdcd %s finished", List.of(args)).isTrue();
        return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }

    @Test
    void exit_codes_and_streams_of_the_real_process() throws Exception {
        Result safe = zdcd(new byte[0], "check", "samples/0002_order_note.sql");
        Result unsafe = zdcd(new byte[0], "check", "--format", "json", "samples/0003_order_status.sql");
        Result stdin = zdcd("BEGIN;\nDROP TABLE shop_legacy;\nCOMMIT;\n".getBytes(StandardCharsets.UTF_8),
                "check", "-");
        Result missing = zdcd(new byte[0], "check", "no/such/file.sql");
        Result junk = zdcd(new byte[] {1, 2, 0, (byte) 0xFF}, "check", "-");

        then(safe.exitCode()).as(safe.err()).isZero();
        then(safe.out()).contains("all SAFE");
        then(unsafe.exitCode()).isEqualTo(1);
        then(unsafe.out()).startsWith("{\"postgresVersion\":17,\"verdict\":\"UNSAFE\",").endsWith("}\n")
                .hasLineCount(1); // compact JSON: one line
        then(stdin.exitCode()).isEqualTo(1);
        then(stdin.out()).contains("<stdin>: UNSAFE").contains("DROP TABLE");
        for (Result bad : List.of(missing, junk)) {
            then(bad.exitCode()).as("%s", bad).isEqualTo(2);
            then(bad.err()).startsWith("zdcd check: ").doesNotContain("Exception").doesNotContain("\tat ");
            then(bad.err().strip().lines().count()).isEqualTo(1);
        }
    }
}
