package io.zdcd.examples.cli;

import static org.assertj.core.api.BDDAssertions.then;

import io.zdcd.analyzer.rules.Action;
import io.zdcd.analyzer.rules.MigrationRule;
import io.zdcd.classify.StatementAnalysis;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code zdcd check --rules-jar JAR}: a team's own rule, loaded through ServiceLoader, fires in the CLI. */
class RulesJarTest {

    /** The team's rule: audit tables are never dropped. */
    public static final class NoAuditDrops implements MigrationRule {
        @Override
        public String id() {
            return "no-audit-drop";
        }

        @Override
        public String title() {
            return "audit tables are never dropped";
        }

        @Override
        public String safeAlternative() {
            return "keep the table; archive its rows";
        }

        @Override
        public Optional<String> check(StatementAnalysis s) {
            return s.kind().startsWith("DROP") && s.tables().stream().anyMatch(t -> t.startsWith("audit_"))
                    ? Optional.of("drops an audit table") : Optional.empty();
        }
    }

    /** The team's action-based rule, with its metadata: indexes on big_* tables are built CONCURRENTLY. */
    public static final class BigTableIndexes implements MigrationRule {
        @Override
        public String id() {
            return "big-table-index-concurrently";
        }

        @Override
        public String title() {
            return "indexes on big_* tables are built CONCURRENTLY";
        }

        @Override
        public String lock() {
            return "ShareLock";
        }

        @Override
        public String breaks() {
            return "writes wait for the whole build";
        }

        @Override
        public String safeAlternative() {
            return "CREATE INDEX CONCURRENTLY";
        }

        @Override
        public Optional<String> check(StatementAnalysis s, List<Action> actions) {
            return actions.stream()
                    .filter(a -> a instanceof Action.CreateIndex i && !i.concurrently()
                            && Action.unqualified(i.table()).startsWith("big_"))
                    .findFirst().map(a -> "builds an index on a big table without CONCURRENTLY");
        }
    }

    @TempDir
    Path dir;

    @Test
    void an_action_rule_from_a_jar_fires_and_sarif_describes_it_from_its_metadata() throws Exception {
        Path jar = jar("rules.jar", NoAuditDrops.class.getName() + "\n" + BigTableIndexes.class.getName());
        Path index = Files.writeString(dir.resolve("0009_index.sql"), "CREATE INDEX ON big_events (at);\n");
        Path concurrently = Files.writeString(dir.resolve("0010_index.sql"),
                "CREATE INDEX CONCURRENTLY ON big_events (at);\n");

        CheckCommandTest.Run fired = CheckCommandTest.run("check", "--rules-jar", jar.toString(), index.toString());
        CheckCommandTest.Run sarif = CheckCommandTest.run("check", "--format", "sarif", "--rules-jar",
                jar.toString(), index.toString());
        Path out = dir.resolve("report.sarif");
        CheckCommandTest.Run toFile = CheckCommandTest.run("check", "--format", "sarif", "-o", out.toString(),
                "--rules-jar", jar.toString(), index.toString());
        CheckCommandTest.Run safe = CheckCommandTest.run("check", "--rules-jar", jar.toString(),
                concurrently.toString());

        then(fired.exitCode()).isEqualTo(1);
        then(fired.out()).contains("UNSAFE big-table-index-concurrently: builds an index on a big table without "
                + "CONCURRENTLY");
        then(sarif.out()).contains("\"text\" : \"indexes on big_* tables are built CONCURRENTLY. Lock: ShareLock. "
                + "Deployed code: writes wait for the whole build. PostgreSQL versions: all.\"");
        then(toFile.exitCode()).isEqualTo(1);
        then(Files.readString(out)).isEqualTo(sarif.out());
        then(safe.out()).doesNotContain("big-table-index-concurrently");
    }

    @Test
    void a_rule_from_a_jar_fires_and_can_be_ignored_or_disabled() throws Exception {
        Path jar = jar("rules.jar", NoAuditDrops.class.getName());
        Path drop = Files.writeString(dir.resolve("0007_drop_audit.sql"), "DROP TABLE audit_log;\n");
        Path ok = Files.writeString(dir.resolve("0008_note.sql"), "ALTER TABLE users ADD COLUMN note text;\n");

        CheckCommandTest.Run fired = CheckCommandTest.run("check", "--rules-jar", jar.toString(), drop.toString());
        CheckCommandTest.Run safe = CheckCommandTest.run("check", "--rules-jar", jar.toString(), ok.toString());
        CheckCommandTest.Run off = CheckCommandTest.run("check", "--rules-jar", jar.toString(), "--disable-rule",
                "no-audit-drop", "--disable-rule", "drop-table", drop.toString());

        then(fired.exitCode()).isEqualTo(1);
        then(fired.out()).contains("UNSAFE no-audit-drop: drops an audit table", "keep the table; archive its rows");
        then(safe.exitCode()).isEqualTo(0);
        then(off.exitCode()).as(off.out()).isEqualTo(0);
        then(off.out()).doesNotContain("no-audit-drop");
    }

    @Test
    void a_missing_or_broken_jar_is_one_clear_line_and_exit_2() throws Exception {
        Path sql = Files.writeString(dir.resolve("m.sql"), "SELECT 1;\n");
        Path broken = jar("broken.jar", "com.example.Missing");

        CheckCommandTest.Run missing = CheckCommandTest.run("check", "--rules-jar", dir.resolve("no.jar").toString(),
                sql.toString());
        CheckCommandTest.Run unloadable = CheckCommandTest.run("check", "--rules-jar", broken.toString(),
                sql.toString());

        then(missing.exitCode()).isEqualTo(2);
        then(missing.err()).startsWith("zdcd check: --rules-jar ").contains("no such file").hasLineCount(1);
        then(unloadable.exitCode()).isEqualTo(2);
        then(unloadable.err()).startsWith("zdcd check: --rules-jar ").contains("cannot load a rule",
                "com.example.Missing").hasLineCount(1).doesNotContain("Exception\n\tat");
    }

    private Path jar(String name, String className) throws Exception {
        Path jar = dir.resolve(name);
        try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file)) {
            out.putNextEntry(new JarEntry("META-INF/services/" + MigrationRule.class.getName()));
            out.write((className + "\n").getBytes(StandardCharsets.UTF_8));
            out.closeEntry();
        }
        return jar;
    }
}
