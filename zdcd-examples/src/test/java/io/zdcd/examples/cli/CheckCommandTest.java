package io.zdcd.examples.cli;

import static org.assertj.core.api.BDDAssertions.then;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code zdcd check} in-process, through the real command line and the real classifier. */
class CheckCommandTest {

    static final Path SAMPLES = Path.of("samples");
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @TempDir
    Path dir;

    /** What one run printed and returned. */
    record Run(int exitCode, String out, String err) {
    }

    static Run runWithStdin(String stdin, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = Zdcd.commandLine();
        if (stdin != null) {
            CheckCommand check = cli.getSubcommands().get("check").getCommand();
            check.stdin = new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8));
        }
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        int code = cli.execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    static Run run(String... args) {
        return runWithStdin(null, args);
    }

    private Path write(String name, String sql) throws Exception {
        Path file = dir.resolve(name);
        Files.createDirectories(file.getParent());
        Files.writeString(file, sql);
        return file;
    }

    @Test
    void a_safe_migration_exits_0_with_a_text_report() {
        Run r = run("check", SAMPLES.resolve("0002_order_note.sql").toString());

        then(r.exitCode()).as(r.err()).isZero();
        then(r.err()).isEmpty();
        then(r.out()).contains("samples/0002_order_note.sql: SAFE").contains("ALTER TABLE")
                .contains("AccessExclusiveLock").endsWith("all SAFE\n");
    }

    @Test
    void a_file_without_begin_is_one_transaction_unless_autocommit_is_given() throws Exception {
        Path file = write("V7__not_null.sql", """
                ALTER TABLE users ADD CONSTRAINT users_name_nn CHECK (name IS NOT NULL) NOT VALID;
                ALTER TABLE users VALIDATE CONSTRAINT users_name_nn;
                """);

        Run asRunner = run("check", file.toString());
        then(asRunner.exitCode()).as(asRunner.out() + asRunner.err()).isEqualTo(1);
        then(asRunner.out()).contains("UNSAFE long-operation-under-held-lock");

        Run asPsql = run("check", "--autocommit", file.toString());
        then(asPsql.exitCode()).as(asPsql.out() + asPsql.err()).isZero();
    }

    @Test
    void an_unsafe_migration_exits_1_naming_the_rule_and_the_safe_alternative() {
        Run r = run("check", SAMPLES.resolve("0003_order_status.sql").toString());

        then(r.exitCode()).as(r.out() + r.err()).isEqualTo(1);
        then(r.out()).contains("samples/0003_order_status.sql: UNSAFE").contains("CREATE INDEX")
                .contains("ShareLock").contains("safe alternative:").contains("CONCURRENTLY");
    }

    @Test
    void json_follows_the_contract_on_a_real_classification() throws Exception {
        Run r = run("check", "--format", "json", SAMPLES.resolve("0003_order_status.sql").toString());

        then(r.exitCode()).isEqualTo(1);
        JsonNode json = MAPPER.readTree(r.out());
        then(json.get("postgresVersion").asInt()).isEqualTo(17);
        then(json.get("verdict").asText()).isEqualTo("UNSAFE");
        JsonNode migration = json.at("/migrations/0");
        then(migration.get("path").asText()).isEqualTo(SAMPLES.resolve("0003_order_status.sql").toString());
        JsonNode statements = migration.get("statements");
        then(statements.get(0).get("sql").asText()).isEqualTo("BEGIN");
        then(statements.get(0).get("lock").isNull()).isTrue();
        then(statements.get(0).get("line").asInt()).isEqualTo(1);
        JsonNode index = statements.get(3);
        then(index.get("index").asInt()).isEqualTo(4);
        then(index.get("line").asInt()).isEqualTo(7);
        then(index.get("sql").asText()).startsWith("CREATE INDEX \"shop_order_status_c9fc5d57\"");
        then(index.get("lock").asText()).isEqualTo("ShareLock");
        then(index.get("tables").get(0).asText()).isEqualTo("shop_order");
        then(index.get("blocks").toString()).isEqualTo("[\"writes\"]");
        then(index.get("scan").isBoolean()).isTrue();
        then(index.get("verdict").asText()).isEqualTo("UNSAFE");
        then(index.at("/findings/0/rule").asText()).isNotBlank();
        then(index.findValuesAsText("safeAlternative")).anyMatch(s -> s.contains("CONCURRENTLY"));
        then(statements.get(statements.size() - 1).get("sql").asText()).isEqualTo("COMMIT");
    }

    @Test
    void sarif_and_markdown_reports_locate_the_unsafe_statement() throws Exception {
        String file = SAMPLES.resolve("0003_order_status.sql").toString();
        Run sarif = run("check", "--format", "sarif", file);
        Run markdown = run("check", "--format", "MARKDOWN", file);

        then(sarif.exitCode()).isEqualTo(1);
        JsonNode s = MAPPER.readTree(sarif.out());
        then(s.get("version").asText()).isEqualTo("2.1.0");
        List<Integer> errorLines = new ArrayList<>();
        for (JsonNode result : s.at("/runs/0/results")) {
            if (result.get("level").asText().equals("error")) {
                errorLines.add(result.at("/locations/0/physicalLocation/region/startLine").asInt());
            }
        }
        then(errorLines).contains(7);
        then(markdown.exitCode()).isEqualTo(1);
        then(markdown.out()).startsWith("## zdcd check: ❌ UNSAFE").contains("| 7 |");
    }

    @Test
    void a_folder_is_one_run_in_flyway_version_order() throws Exception {
        write("db/V10__index.sql", "CREATE INDEX CONCURRENTLY books_title ON books (title);");
        write("db/V2__books.sql", "CREATE TABLE books (id bigint PRIMARY KEY, title text);");
        write("db/V1_1__authors.sql", "CREATE TABLE authors (id bigint PRIMARY KEY);");
        write("db/README.md", "not a migration");

        Run r = run("check", "--format", "json", dir.resolve("db").toString());

        then(r.exitCode()).as(r.err()).isZero();
        List<String> paths = new ArrayList<>();
        MAPPER.readTree(r.out()).get("migrations").forEach(m -> paths.add(Path.of(m.get("path").asText())
                .getFileName().toString()));
        then(paths).containsExactly("V1_1__authors.sql", "V2__books.sql", "V10__index.sql");
    }

    @Test
    void several_paths_are_one_run_where_earlier_tables_count_as_existing() throws Exception {
        Path create = write("0001_create.sql", "BEGIN;\nCREATE TABLE books (id bigint PRIMARY KEY, title text);\n"
                + "CREATE INDEX books_title ON books (title);\nCOMMIT;\n");
        Path index = write("0002_index.sql", "BEGIN;\nCREATE INDEX books_id_title ON books (id, title);\nCOMMIT;\n");

        Run alone = run("check", create.toString());
        Run both = run("check", "--format", "json", create.toString(), index.toString());

        then(alone.exitCode()).as("an index on a table created in the same migration is SAFE: %s", alone.out())
                .isZero();
        then(both.exitCode()).isEqualTo(1);
        JsonNode json = MAPPER.readTree(both.out());
        then(json.at("/migrations/0/verdict").asText()).isEqualTo("SAFE");
        then(json.at("/migrations/1/verdict").asText()).isEqualTo("UNSAFE");
    }

    @Test
    void a_dash_reads_the_migration_from_stdin() throws Exception {
        Run r = runWithStdin("BEGIN;\nALTER TABLE shop_order ADD COLUMN note text NULL;\nCOMMIT;\n",
                "check", "--format", "json", "-");

        then(r.exitCode()).as(r.err()).isZero();
        JsonNode json = MAPPER.readTree(r.out());
        then(json.at("/migrations/0/path").asText()).isEqualTo("<stdin>");
        then(json.at("/migrations/0/statements/1/lock").asText()).isEqualTo("AccessExclusiveLock");
    }

    @Test
    void output_writes_the_report_to_a_file_and_a_summary_to_stdout() throws Exception {
        Path report = dir.resolve("zdcd.sarif");

        Run r = run("check", "--format", "sarif", "--output", report.toString(),
                SAMPLES.resolve("0003_order_status.sql").toString());

        then(r.exitCode()).isEqualTo(1);
        then(r.out()).isEqualTo("UNSAFE: 1 migration checked, report written to " + report + "\n");
        then(MAPPER.readTree(report.toFile()).get("version").asText()).isEqualTo("2.1.0");
    }

    @Test
    void the_postgres_version_is_passed_to_the_classifier() throws Exception {
        Run r = run("check", "--postgres-version", "13", "--format", "json",
                SAMPLES.resolve("0002_order_note.sql").toString());

        then(r.exitCode()).as(r.err()).isZero();
        then(MAPPER.readTree(r.out()).get("postgresVersion").asInt()).isEqualTo(13);
    }

    @Test
    void a_minor_release_reaches_the_version_aware_rules() throws Exception {
        Path cic = write("0006_cic.sql", "CREATE INDEX CONCURRENTLY \"i\" ON \"shop_order\" (\"status\");\n");

        Run buggy = run("check", "--postgres-version", "14.2", "--format", "json", cic.toString());
        Run fixed = run("check", "--postgres-version", "14.9", cic.toString());

        then(buggy.exitCode()).isEqualTo(1);
        then(MAPPER.readTree(buggy.out()).at("/migrations/0/statements/0/findings").findValuesAsText("rule"))
                .contains("concurrent-index-pg14-bug");
        then(fixed.exitCode()).as(fixed.out()).isZero();
    }

    @Test
    void disable_rule_turns_a_rule_off() {
        String sample = SAMPLES.resolve("0003_order_status.sql").toString();

        Run r = run("check", "--disable-rule", "create-index-non-concurrently", "--format", "json", sample);

        then(r.exitCode()).as(r.err()).isEqualTo(1);
        then(r.out()).doesNotContain("\"create-index-non-concurrently\"").contains("drop-default-not-null");
    }

    @Test
    void a_schema_file_makes_its_tables_and_column_types_known() throws Exception {
        Path schema = write("schema.sql", "CREATE TABLE shop_order (id bigint PRIMARY KEY, name varchar(50) NOT NULL);");
        Path widen = write("0005_widen.sql", "BEGIN;\nALTER TABLE \"shop_order\" ALTER COLUMN \"name\" TYPE varchar(100);\n"
                + "COMMIT;\n");

        Run with = run("check", "--schema", schema.toString(), widen.toString());
        Run without = run("check", widen.toString());

        then(with.exitCode()).as(with.out() + with.err()).isZero();
        then(without.exitCode()).as("the column's type is unknown without the schema: %s", without.out()).isEqualTo(1);
    }

    @Test
    void bad_usage_exits_2_with_one_line_on_stderr() throws Exception {
        String sample = SAMPLES.resolve("0002_order_note.sql").toString();
        List<Run> runs = List.of(
                run("check"),
                run("check", "--format", "xml", sample),
                run("check", "--bogus", sample),
                run("check", "--postgres-version", "9", sample),
                run("check", "--postgres-version", "seventeen", sample),
                run("check", "--disable-rule", "no-such-rule", sample),
                run("check", dir.resolve("missing.sql").toString()),
                run("check", "--schema", dir.resolve("missing-schema.sql").toString(), sample),
                run("check", "--output", dir.resolve("no/such/dir/report.json").toString(), sample),
                runWithStdin("", "check", "-", "-"));

        for (Run r : runs) {
            then(r.exitCode()).as("%s", r).isEqualTo(2);
            then(r.err().strip()).as("%s", r).doesNotContain("\n").doesNotContain("Exception").doesNotContain("\tat ");
            then(r.err()).startsWith("zdcd");
        }
        then(runs.get(1).err()).contains("--format must be text, json, sarif, sarif-all, markdown or gitlab, not 'xml'");
        then(runs.get(5).err()).contains("unknown rule id 'no-such-rule'");
        then(runs.get(6).err()).contains(dir.resolve("missing.sql") + ": no such file or directory");
        then(runs.get(7).err()).contains("--schema");
        then(runs.get(8).err()).contains("cannot write");
        then(runs.get(9).err()).contains("stdin");
    }

    @Test
    void an_empty_folder_is_bad_input() throws Exception {
        Files.createDirectories(dir.resolve("empty"));

        Run r = run("check", dir.resolve("empty").toString());

        then(r.exitCode()).isEqualTo(2);
        then(r.err()).contains("no .sql file under");
    }
}
