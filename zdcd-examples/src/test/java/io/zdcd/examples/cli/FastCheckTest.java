package io.zdcd.examples.cli;

import static org.assertj.core.api.BDDAssertions.then;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@link FastCheck} reads {@code zdcd check}'s arguments as picocli does, or leaves them to picocli. */
class FastCheckTest {

    /** The options a parse produced, for comparison. */
    private static List<Object> options(CheckCommand c) {
        return Arrays.asList(c.postgresVersion, c.schema, c.databaseUrl, c.databaseUrlEnv, c.format,
                c.disabledRules, c.autocommit, c.output, c.paths);
    }

    private static CheckCommand picocli(String... args) {
        CommandLine cli = Zdcd.commandLine();
        cli.parseArgs(args);
        return cli.getSubcommands().get("check").getCommand();
    }

    @Test
    void reads_the_plain_forms_as_picocli_does() {
        List<String[]> cases = List.of(
                new String[] {"check", "a.sql"},
                new String[] {"check", "--format", "json", "a.sql", "b/"},
                new String[] {"check", "--format=sarif", "-o", "out.sarif", "-"},
                new String[] {"check", "a.sql", "--output=r.md", "--format", "markdown"},
                new String[] {"check", "--postgres-version", "14.2", "--schema", "s.sql", "--autocommit", "a.sql"},
                new String[] {"check", "--disable-rule", "add-column", "--disable-rule=set-not-null", "a.sql"},
                new String[] {"check", "--database-url-env", "DATABASE_URL", "a.sql"},
                new String[] {"check", "--database-url", "postgres://u@h/db", "--format", "nonsense", "a.sql"});
        for (String[] args : cases) {
            CheckCommand fast = FastCheck.parse(args);
            then(fast).as("%s", List.of(args)).isNotNull();
            then(options(fast)).as("%s", List.of(args)).isEqualTo(options(picocli(args)));
        }
    }

    @Test
    void leaves_everything_else_to_picocli() {
        List<String[]> cases = List.of(
                new String[] {"check"},
                new String[] {"check", "--help"},
                new String[] {"check", "-V"},
                new String[] {"check", "--formt", "json", "a.sql"},
                new String[] {"check", "--format", "json", "--format", "text", "a.sql"},
                new String[] {"check", "-o", "x", "--output", "y", "a.sql"},
                new String[] {"check", "--autocommit", "--autocommit", "a.sql"},
                new String[] {"check", "a.sql", "--format"},
                new String[] {"check", "--format", "--autocommit", "a.sql"},
                new String[] {"check", "--format"},
                new String[] {"check", "--", "a.sql"},
                new String[] {"check", "@args.txt"},
                new String[] {"check", "-ojson.txt", "a.sql"},
                new String[] {"check", "--format", "json"},
                new String[] {"trace", "a.sql"},
                new String[] {"--version"});
        for (String[] args : cases) {
            then(FastCheck.parse(args)).as("%s", List.of(args)).isNull();
        }
    }

    @Test
    void a_fast_check_reports_as_the_picocli_one() {
        String sample = CheckCommandTest.SAMPLES.resolve("0003_order_status.sql").toString();
        CheckCommandTest.Run viaPicocli = CheckCommandTest.run("check", "--format", "json", sample);
        java.io.StringWriter out = new java.io.StringWriter();
        java.io.StringWriter err = new java.io.StringWriter();
        CheckCommand fast = FastCheck.parse(new String[] {"check", "--format", "json", sample});
        fast.out = new java.io.PrintWriter(out);
        fast.err = new java.io.PrintWriter(err);

        then(fast.call()).isEqualTo(viaPicocli.exitCode()).isEqualTo(1);
        then(out.toString()).isEqualTo(viaPicocli.out());
        then(err.toString()).isEqualTo(viaPicocli.err()).isEmpty();
    }

    @Test
    void a_fast_check_writing_bytes_to_stdout_reports_as_the_picocli_one() {
        String sample = CheckCommandTest.SAMPLES.resolve("0003_order_status.sql").toString();
        for (String format : List.of("json", "text", "sarif", "markdown", "gitlab")) {
            CheckCommandTest.Run viaPicocli = CheckCommandTest.run("check", "--format", format, sample);
            java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
            java.io.StringWriter out = new java.io.StringWriter();
            java.io.StringWriter err = new java.io.StringWriter();
            CheckCommand fast = FastCheck.parse(new String[] {"check", "--format", format, sample});
            fast.out = new java.io.PrintWriter(out);
            fast.err = new java.io.PrintWriter(err);
            fast.bytes = new java.io.PrintStream(bytes, false, java.nio.charset.StandardCharsets.UTF_8);

            then(fast.call()).as(format).isEqualTo(viaPicocli.exitCode()).isEqualTo(1);
            then(out.toString()).as(format).isEmpty();
            then(bytes.toString(java.nio.charset.StandardCharsets.UTF_8)).as(format).isEqualTo(viaPicocli.out());
            then(err.toString()).isEqualTo(viaPicocli.err()).isEmpty();
        }
    }
}
