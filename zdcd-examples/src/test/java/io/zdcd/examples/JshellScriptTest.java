package io.zdcd.examples;

import static org.assertj.core.api.BDDAssertions.then;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import jdk.jshell.tool.JavaShellToolBuilder;
import org.junit.jupiter.api.Test;

/**
 * Runs {@code src/main/jshell/zdcd.jsh} in the real jshell tool (the JDK's {@code jdk.jshell} module), with the test
 * classpath as {@code --class-path}, as the README's command does with the shaded jar.
 */
class JshellScriptTest {
    private static final Path SCRIPT = Path.of("src/main/jshell/zdcd.jsh");

    @Test
    void the_script_loads_and_classify_prints_a_readable_verdict() throws Exception {
        // GIVEN
        then(SCRIPT).exists();
        String input = "classify(\"ALTER TABLE users ALTER COLUMN id TYPE bigint;\")\n"
                + "classify(safeSql)\n"
                + "/exit\n";
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream print = new PrintStream(out, true, StandardCharsets.UTF_8);
        // WHEN
        int exit = JavaShellToolBuilder.builder()
                .in(new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)), null)
                .out(print).err(print).persistence(new java.util.HashMap<>())
                .start("--class-path", System.getProperty("java.class.path"), "--feedback", "concise",
                        SCRIPT.toString());
        String text = out.toString(StandardCharsets.UTF_8);
        // THEN
        then(exit).as(text).isZero();
        then(text).as(text).contains("zdcd ready").doesNotContain("Error:").doesNotContain("cannot find symbol")
                .contains("UNSAFE alter-column-type").contains("safe alternative")
                .contains("ALTER TABLE users ALTER COLUMN id TYPE bigint")
                .contains("UNSAFE (PostgreSQL 17)").contains("SAFE (PostgreSQL 17)");
    }

    /**
     * The Java examples of README.md and docs/classifier.md pasted into jshell as they are written (after the script,
     * which imports zdcd's packages): no line may break a statement (a line starting with {@code .} would).
     */
    @Test
    void the_readme_and_classifier_examples_paste_into_jshell() throws Exception {
        StringBuilder input = new StringBuilder();
        int blocks = 0;
        for (Path page : new Path[] {Path.of("../README.md"), Path.of("../docs/classifier.md")}) {
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("```java\\n(.*?)```", java.util.regex.Pattern.DOTALL)
                    .matcher(Files.readString(page));
            while (m.find()) {
                input.append(m.group(1)).append('\n');
                blocks++;
            }
        }
        then(blocks).isGreaterThanOrEqualTo(4);
        input.append("System.out.println(\"verdict=\" + c.verdict() + \" rule=\" + primaryKeys.id());\n");
        input.append("System.out.println(\"audited=\" + audited.verdict() + \" \" + audited.allFindings().stream()"
                + ".filter(f -> f.ruleId().equals(\"no-audit-drop\")).map(Finding::message).toList());\n/exit\n");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream print = new PrintStream(out, true, StandardCharsets.UTF_8);

        int exit = JavaShellToolBuilder.builder()
                .in(new ByteArrayInputStream(input.toString().getBytes(StandardCharsets.UTF_8)), null)
                .out(print).err(print).persistence(new java.util.HashMap<>())
                .start("--class-path", System.getProperty("java.class.path"), "--feedback", "concise",
                        SCRIPT.toString());
        String text = out.toString(StandardCharsets.UTF_8);

        then(exit).as(text).isZero();
        then(text).as(text).doesNotContain("Error:").doesNotContain("cannot find symbol")
                .contains("verdict=UNSAFE rule=table-needs-primary-key")
                .contains("audited=UNSAFE [drops the audit table app.audit_log]");
    }
}
