package io.zdcd.examples.cli;

import static io.zdcd.examples.cli.CheckCommandTest.run;
import static io.zdcd.examples.cli.CheckCommandTest.runWithStdin;
import static org.assertj.core.api.BDDAssertions.then;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.zdcd.examples.cli.CheckCommandTest.Run;
import java.io.BufferedWriter;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bad input through {@code zdcd check}: a clear finding (exit 1) or a clear error (exit 2, one line on stderr), never a
 * hang (each test has a timeout far above its normal run time), an OutOfMemoryError or a stack trace. The big files
 * are generated here, in a temporary folder.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class CheckBadInputTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    @TempDir
    Path dir;

    private static void thenCleanError(Run r, String expected) {
        then(r.exitCode()).as("%s", r).isEqualTo(2);
        then(r.err()).as("%s", r).startsWith("zdcd check: ").contains(expected).endsWith("\n");
        then(r.err().strip()).as("one line").doesNotContain("\n");
        then(r.err()).doesNotContain("Exception").doesNotContain("\tat ");
        then(r.out()).isEmpty();
    }

    private static void thenCleanFinding(Run r) {
        then(r.exitCode()).as("%s", r.err()).isEqualTo(1);
        then(r.err()).isEmpty();
        then(r.out()).doesNotContain("Exception").doesNotContain("\tat ");
    }

    @Test
    void binary_junk_is_refused_in_one_line() throws Exception {
        byte[] junk = new byte[1 << 20];
        new Random(42).nextBytes(junk);
        Path file = Files.write(dir.resolve("junk.sql"), junk);

        thenCleanError(run("check", file.toString()), "junk.sql is not");
    }

    @Test
    void a_50_mb_binary_file_is_refused_quickly() throws Exception {
        Path file = dir.resolve("big.bin");
        Random random = new Random(7);
        byte[] chunk = new byte[1 << 20];
        try (OutputStream out = Files.newOutputStream(file)) {
            for (int i = 0; i < 50; i++) {
                random.nextBytes(chunk);
                out.write(chunk);
            }
        }

        thenCleanError(run("check", file.toString()), "big.bin is not");
    }

    @Test
    void a_50_mb_data_migration_is_classified_without_running_out_of_memory() throws Exception {
        Path file = dir.resolve("0099_load_products.sql");
        long rows = 0;
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.write("BEGIN;\nCREATE TABLE shop_product_import (id bigint, name text, price numeric(10, 2));\n");
            while (Files.size(file) < 50L * 1024 * 1024) {
                out.write("INSERT INTO shop_product_import VALUES ");
                for (int i = 0; i < 1000; i++, rows++) {
                    out.write((i == 0 ? "" : ",") + "(" + rows + ", 'product number " + rows + " with a longish name', "
                            + (rows % 1000) + ".99)");
                }
                out.write(";\n");
                out.flush();
            }
            out.write("COMMIT;\n");
        }
        Path report = dir.resolve("report.json");

        Run r = run("check", "--format", "json", "--output", report.toString(), file.toString());

        then(r.exitCode()).as(r.err()).isIn(0, 1);
        then(r.err()).isEmpty();
        JsonNode json = MAPPER.readTree(report.toFile());
        then(json.at("/summary/statements").asLong()).isGreaterThan(500);
    }

    @Test
    void an_unterminated_quote_is_an_unsafe_finding() throws Exception {
        Path file = Files.writeString(dir.resolve("quote.sql"),
                "BEGIN;\nALTER TABLE shop_order ADD COLUMN note text DEFAULT 'it''s;\nCOMMIT;\n");

        Run r = run("check", "--format", "json", file.toString());

        thenCleanFinding(r);
        then(MAPPER.readTree(r.out()).get("verdict").asText()).isEqualTo("UNSAFE");
    }

    @Test
    void an_unterminated_dollar_quote_is_an_unsafe_finding() throws Exception {
        Path file = Files.writeString(dir.resolve("dollar.sql"),
                "BEGIN;\nCREATE FUNCTION f() RETURNS int AS $body$ SELECT 1; $$ LANGUAGE sql;\nCOMMIT;\n");

        thenCleanFinding(run("check", file.toString()));
    }

    @Test
    void an_unterminated_comment_is_an_unsafe_finding() throws Exception {
        Path file = Files.writeString(dir.resolve("comment.sql"),
                "BEGIN;\nALTER TABLE shop_order DROP COLUMN note; /* outer /* inner */ still open\n");

        thenCleanFinding(run("check", file.toString()));
    }

    @Test
    void a_1_mb_statement_is_classified_and_reported_whole() throws Exception {
        String body = "x".repeat(1 << 20);
        Path file = Files.writeString(dir.resolve("big_statement.sql"),
                "BEGIN;\nUPDATE shop_order SET note = '" + body + "' WHERE id = 1;\nCOMMIT;\n");

        Run r = run("check", "--format", "json", file.toString());

        then(r.exitCode()).as(r.err()).isIn(0, 1);
        then(r.err()).isEmpty();
        then(MAPPER.readTree(r.out()).at("/migrations/0/statements/1/sql").asText()).hasSizeGreaterThan(1 << 20);
    }

    @Test
    void mixed_encodings_are_refused_naming_the_line() throws Exception {
        byte[] utf8 = "BEGIN;\nCOMMENT ON TABLE shop_order IS 'Grüße';\n".getBytes(StandardCharsets.UTF_8);
        byte[] latin1 = "COMMENT ON TABLE shop_item IS 'Grüße';\nCOMMIT;\n".getBytes(StandardCharsets.ISO_8859_1);
        Path file = dir.resolve("mixed.sql");
        try (OutputStream out = Files.newOutputStream(file)) {
            out.write(utf8);
            out.write(latin1);
        }

        thenCleanError(run("check", file.toString()), "mixed.sql is not valid UTF-8: byte 0xFC at line 3, column 34");
    }

    @Test
    void binary_junk_on_stdin_is_refused_in_one_line() {
        thenCleanError(runWithStdin("SELECT 1;\u0000\u0001\u0002", "check", "-"), "stdin is not SQL text");
    }
}
