package io.zdcd.analyzer.rules;

import static org.assertj.core.api.BDDAssertions.catchThrowable;
import static org.assertj.core.api.BDDAssertions.then;

import io.zdcd.analyzer.SqlMigrationClassifier;
import io.zdcd.analyzer.report.ReportFormat;
import io.zdcd.analyzer.report.Reports;
import io.zdcd.classify.Classification;
import io.zdcd.classify.Finding;
import io.zdcd.classify.Verdict;
import java.io.OutputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MigrationRuleTest {

    /** "No new table without a primary key": a statement zdcd itself judges SAFE becomes UNSAFE. */
    static final MigrationRule PRIMARY_KEYS = MigrationRule.of("table-needs-primary-key",
            "every new table has a primary key", "declare a PRIMARY KEY column",
            s -> s.kind().equals("CREATE TABLE") && !s.sql().toUpperCase().contains("PRIMARY KEY")
                    ? Optional.of("creates " + String.join(", ", s.tables()) + " without a primary key")
                    : Optional.empty());

    @Test
    void a_teams_rule_judges_a_statement_zdcd_finds_safe_unsafe_with_its_own_id_and_advice() {
        SqlMigrationClassifier classifier = SqlMigrationClassifier.builder().addRule(PRIMARY_KEYS).build();

        Classification c = classifier.classify("CREATE TABLE events (id bigint, note text);\n"
                + "CREATE TABLE orders (id bigint PRIMARY KEY);");

        then(SqlMigrationClassifier.defaults().classify("CREATE TABLE events (id bigint, note text);").verdict())
                .as("zdcd alone").isEqualTo(Verdict.SAFE);
        then(c.verdict()).isEqualTo(Verdict.UNSAFE);
        then(c.statements().get(0).findings()).extracting(Finding::ruleId).contains("table-needs-primary-key");
        Finding f = c.statements().get(0).findings().stream()
                .filter(x -> x.ruleId().equals("table-needs-primary-key")).findFirst().orElseThrow();
        then(f.verdict()).isEqualTo(Verdict.UNSAFE);
        then(f.message()).isEqualTo("creates events without a primary key");
        then(f.safeAlternative()).isEqualTo("declare a PRIMARY KEY column");
        then(c.statements().get(1).isSafe()).isTrue();
        then(classifier.toString()).contains("own rules [table-needs-primary-key]");
        then(Reports.render(c, 17, ReportFormat.SARIF)).contains("\"ruleId\" : \"table-needs-primary-key\"");
    }

    @Test
    void zdcd_ignore_and_disable_rule_work_for_it_as_for_zdcds_rules() {
        String sql = "-- zdcd:ignore table-needs-primary-key the event log is append-only\n"
                + "CREATE TABLE events (id bigint);";

        Classification ignored = SqlMigrationClassifier.builder().addRule(PRIMARY_KEYS).build().classify(sql);
        Classification disabled = SqlMigrationClassifier.builder().addRule(PRIMARY_KEYS)
                .disableRule("table-needs-primary-key").build().classify("CREATE TABLE events (id bigint);");

        then(ignored.verdict()).isEqualTo(Verdict.SAFE);
        then(ignored.allFindings()).extracting(Finding::ruleId).doesNotContain("invalid-ignore", "unused-ignore");
        then(ignored.allFindings()).anyMatch(x -> x.message().startsWith("ignored by zdcd:ignore (the event log"));
        then(disabled.verdict()).isEqualTo(Verdict.SAFE);
        then(disabled.allFindings()).extracting(Finding::ruleId).doesNotContain("table-needs-primary-key");
    }

    @Test
    void bad_ids_and_failing_rules_fail_closed() {
        Throwable malformed = catchThrowable(() -> SqlMigrationClassifier.builder()
                .addRule(MigrationRule.of("No Drops", "x", "", s -> Optional.empty())));
        Throwable taken = catchThrowable(() -> SqlMigrationClassifier.builder()
                .addRule(MigrationRule.of("drop-table", "x", "", s -> Optional.empty())));
        Throwable twice = catchThrowable(() -> SqlMigrationClassifier.builder().addRule(PRIMARY_KEYS)
                .addRule(PRIMARY_KEYS));
        Classification broken = SqlMigrationClassifier.builder().addRule(MigrationRule.of("broken-rule", "x", "",
                s -> {
                    throw new IllegalStateException("boom");
                })).build().classify("SELECT 1;");

        then(malformed).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'No Drops'")
                .hasMessageContaining("lower-case words joined by hyphens");
        then(taken).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("one of zdcd's rules");
        then(twice).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("another rule");
        then(broken.verdict()).isEqualTo(Verdict.UNSAFE);
        then(broken.allFindings()).anyMatch(x -> x.ruleId().equals("broken-rule")
                && x.message().contains("the rule failed on this statement (IllegalStateException: boom)"));
    }

    @Test
    void rules_load_from_a_jar_through_service_loader(@TempDir Path dir) throws Exception {
        Path jar = rulesJar(dir, NoAuditTableDrops.class.getName());
        try (URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()},
                MigrationRuleTest.class.getClassLoader())) {
            SqlMigrationClassifier classifier = SqlMigrationClassifier.builder().loadRules(loader).build();

            Classification c = classifier.classify("DROP TABLE audit_log;");
            Classification other = classifier.classify("ALTER TABLE users ADD COLUMN note text;");

            then(c.allFindings()).anyMatch(f -> f.ruleId().equals("no-audit-table-change")
                    && f.message().equals("DROP TABLE on audit_log: audit tables are append-only"));
            then(other.verdict()).isEqualTo(Verdict.SAFE);
        }
        Path broken = rulesJar(dir.resolve("b"), "com.example.Missing");
        try (URLClassLoader loader = new URLClassLoader(new URL[] {broken.toUri().toURL()})) {
            then(catchThrowable(() -> SqlMigrationClassifier.builder().loadRules(loader)))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("cannot load a rule: ")
                    .hasMessageContaining("com.example.Missing");
        }
    }

    /** A jar holding only the ServiceLoader entry naming {@code className} (the class is on the parent loader). */
    public static Path rulesJar(Path dir, String className) throws Exception {
        Files.createDirectories(dir);
        Path jar = dir.resolve("rules.jar");
        try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file)) {
            out.putNextEntry(new JarEntry("META-INF/services/" + MigrationRule.class.getName()));
            out.write((className + "\n").getBytes(StandardCharsets.UTF_8));
            out.closeEntry();
        }
        return jar;
    }
}
