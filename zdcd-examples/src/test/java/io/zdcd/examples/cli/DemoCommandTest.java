package io.zdcd.examples.cli;

import static org.assertj.core.api.BDDAssertions.then;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.zdcd.testing.PostgresExtension;
import io.zdcd.testing.TestDatabase;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** A shortened {@code zdcd demo} (20,000 rows) on the test PostgreSQL server, end to end through the command line. */
@ExtendWith(PostgresExtension.class)
class DemoCommandTest {

    @Test
    void a_short_demo_behaves_as_expected_in_every_scene_and_writes_the_json_summary(TestDatabase db,
                                                                                    @TempDir Path dir)
            throws Exception {
        String output = demoBehavesAsExpected(db, dir, 20_000);
        then(output).contains("4 traffic threads (each keeps its connection, as Django with CONN_MAX_AGE)");
    }

    @Test
    void with_a_connection_per_request_every_scene_behaves_as_expected_too(TestDatabase db, @TempDir Path dir)
            throws Exception {
        String output = demoBehavesAsExpected(db, dir, 5_000, "--connection-per-request");
        then(output).contains("4 traffic threads (a new connection per request)");
    }

    private static String demoBehavesAsExpected(TestDatabase db, Path dir, long rows, String... options)
            throws Exception {
        // GIVEN
        Path json = dir.resolve("summary.json");
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        DemoCommand demo = new DemoCommand();
        demo.out = new PrintStream(printed, true, StandardCharsets.UTF_8);
        CommandLine cli = new CommandLine(demo);
        // WHEN
        java.util.List<String> args = new java.util.ArrayList<>(java.util.List.of("--database-url",
                db.jdbcUrlWithCredentials(), "--rows", Long.toString(rows), "--json", json.toString()));
        args.addAll(java.util.List.of(options));
        int exit = cli.execute(args.toArray(String[]::new));
        String output = printed.toString(StandardCharsets.UTF_8);

        // THEN every scene behaved as expected
        then(exit).as(output).isZero();
        JsonNode summary = new ObjectMapper().readTree(Files.readString(json));
        then(summary.get("allAsExpected").asBoolean()).isTrue();
        then(summary.get("rows").asLong()).isEqualTo(rows);
        JsonNode s1 = scene(summary, 1);
        JsonNode s2 = scene(summary, 2);
        JsonNode s3 = scene(summary, 3);
        JsonNode s4 = scene(summary, 4);
        JsonNode s5 = scene(summary, 5);
        // scene 1: the safe push under traffic, zero failed queries; the naive run stalls longer behind the report
        then(s1.get("zdcd").get("outcome").asText()).isEqualTo("deployed");
        then(s1.get("zdcd").get("queries").asLong()).isPositive();
        then(s1.get("zdcd").get("failedQueries").asLong()).isZero();
        then(s1.get("naive").get("worstStallMs").asLong())
                .isGreaterThan(s1.get("zdcd").get("worstStallMs").asLong() + 1000);
        // scene 2 and 3: skipped, deferred, without a failed query
        then(s2.get("zdcd").get("outcome").asText()).isEqualTo("skipped");
        then(s3.get("zdcd").get("outcome").asText()).isEqualTo("deferred");
        then(s3.get("zdcd").get("failedQueries").asLong()).isZero();
        then(s3.get("naive").get("failedQueries").asLong()).isPositive();
        // scene 4: rolled back with a restore inside maintenance: downtime, but no row lost and no failed query
        then(s4.get("zdcd").get("outcome").asText()).isEqualTo("rolled back, restored");
        then(s4.get("zdcd").get("rowsLost").asLong()).isZero();
        then(s4.get("zdcd").get("failedQueries").asLong()).isZero();
        then(s4.get("zdcd").get("downtimeMs").asLong()).isPositive();
        // scene 5: the unsafe push shipped at once with --fix (expand, release, verify, contract), no downtime,
        // no failed query, no row lost, and its worst stall reported
        then(s5.get("zdcd").get("outcome").asText()).isEqualTo("deployed, contract applied");
        then(s5.get("zdcd").get("failedQueries").asLong()).isZero();
        then(s5.get("zdcd").get("rowsLost").asLong()).isZero();
        then(s5.get("zdcd").get("downtimeMs").asLong()).isZero();
        then(s5.get("zdcd").get("queries").asLong()).isPositive();
        then(s5.get("zdcd").has("worstStallMs")).isTrue();
        then(s5.get("naive").get("outcome").asText()).isEqualTo("deployed"); // the same migration sent as written
        then(output).contains("Scene 5 (Wednesday 10:00)")
                .contains("migrate 0005_email_index_drop_nickname_001_expand.sql")
                .contains("contract 0005_email_index_drop_nickname_002_contract.sql");
        // the readable output: timelines and the table
        then(output).contains("Scene 1 (Monday 10:00)").contains("lock not granted within")
                .contains("every scene as expected").contains("summary written to");
        // the demo's databases (and their backup copies) are gone from the server afterwards
        then(((Number) db.queryValue("SELECT count(*) FROM pg_database WHERE datname LIKE 'zdcd_demo%'"))
                .longValue()).isZero();
        return output;
    }

    @Test
    void bad_input_is_one_line_on_stderr_and_exit_2() {
        StringWriter err = new StringWriter();
        CommandLine cli = Zdcd.commandLine();
        cli.setErr(new PrintWriter(err));
        then(cli.execute("demo", "--rows", "10")).isEqualTo(2);
        then(err.toString()).startsWith("zdcd demo: rows must be >= 1000").doesNotContain("Exception").hasLineCount(1);

        StringWriter err2 = new StringWriter();
        cli.setErr(new PrintWriter(err2));
        then(cli.execute("demo", "--database-url", "mysql://root:hunter2@db/x")).isEqualTo(2);
        then(err2.toString()).contains("not a PostgreSQL URL").doesNotContain("hunter2").hasLineCount(1);
    }

    private static JsonNode scene(JsonNode summary, int n) {
        for (JsonNode s : summary.get("scenes")) {
            if (s.get("scene").asInt() == n) {
                return s;
            }
        }
        throw new AssertionError("no scene " + n + " in " + summary);
    }
}
