package io.zdcd.analyzer;

import static org.assertj.core.api.BDDAssertions.then;

import io.zdcd.analyzer.internal.Rule;
import io.zdcd.analyzer.internal.Rules;
import io.zdcd.classify.Classification;
import io.zdcd.classify.Finding;
import io.zdcd.classify.Migration;
import io.zdcd.classify.Verdict;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * {@code docs/rules/<id>.md}, one page per rule of the catalogue, and {@code docs/rules/README.md}, the index, are
 * generated from the catalogue and the rule corpus (each example with what zdcd says of it). This test fails when a
 * page is stale, missing or names no rule; to regenerate them:
 *
 * <pre>mvn -B -q -pl zdcd-analyzer -am test -Dtest=RuleDocsTest -Dsurefire.failIfNoSpecifiedTests=false -Dzdcd.docs.write=true</pre>
 */
class RuleDocsTest {
    static final Path DOCS = Path.of("..", "docs", "rules");
    private static final int EXAMPLES = 3;
    private static final String REGENERATE = "regenerate with: mvn -B -q -pl zdcd-analyzer -am test -Dtest=RuleDocsTest "
            + "-Dsurefire.failIfNoSpecifiedTests=false -Dzdcd.docs.write=true";

    @Test
    void every_rule_has_its_page_and_every_page_is_current() throws Exception {
        Map<String, String> pages = new TreeMap<>();
        for (Rule rule : Rules.all()) {
            pages.put(rule.id() + ".md", page(rule));
        }
        pages.put("README.md", index());
        if (Boolean.getBoolean("zdcd.docs.write")) {
            Files.createDirectories(DOCS);
            try (Stream<Path> old = Files.list(DOCS)) {
                for (Path p : old.toList()) {
                    Files.delete(p);
                }
            }
            for (Map.Entry<String, String> e : pages.entrySet()) {
                Files.writeString(DOCS.resolve(e.getKey()), e.getValue(), StandardCharsets.UTF_8);
            }
        }
        List<String> onDisk;
        try (Stream<Path> files = Files.list(DOCS)) {
            onDisk = files.map(p -> p.getFileName().toString()).sorted().toList();
        }
        then(onDisk).as("pages in docs/rules (%s)", REGENERATE).containsExactlyElementsOf(pages.keySet());
        then(Rules.all()).extracting(Rule::id).as("the classifier's rules are the catalogue's")
                .containsExactlyInAnyOrderElementsOf(SqlMigrationClassifier.ruleIds());
        for (Map.Entry<String, String> e : pages.entrySet()) {
            then(Files.readString(DOCS.resolve(e.getKey()), StandardCharsets.UTF_8))
                    .as("docs/rules/%s is stale (%s)", e.getKey(), REGENERATE).isEqualTo(e.getValue());
        }
    }

    @Test
    void a_page_shows_the_catalogue_and_the_corpus_with_what_zdcd_says() throws Exception {
        String page = page(Rules.byId("add-column-not-null-without-default"));
        then(page).startsWith("# `add-column-not-null-without-default`")
                .contains("| Lock | AccessExclusiveLock |", "## The safe way", "### UNSAFE: `", "### SAFE: `",
                        "```sql\nALTER TABLE", "> **UNSAFE** `add-column-not-null-without-default`: ");
    }

    static String index() {
        StringBuilder out = new StringBuilder("# zdcd's rules\n\n");
        out.append("Every finding names one of these rules. Each page says what the rule catches, the lock it takes, ")
                .append("what the deployed code sees, the safe way, and shows the rule corpus's examples with what ")
                .append("zdcd says of them. Generated from the catalogue and the corpus by `RuleDocsTest`.\n\n")
                .append("| Rule | Usual verdict | Operation |\n|---|---|---|\n");
        for (Rule r : Rules.all()) {
            out.append("| [`").append(r.id()).append("`](").append(r.id()).append(".md) | ").append(r.verdict())
                    .append(" | ").append(cell(r.operation())).append(" |\n");
        }
        return out.toString();
    }

    static String page(Rule r) throws IOException {
        StringBuilder out = new StringBuilder();
        out.append("# `").append(r.id()).append("`\n\n").append(r.operation()).append(".\n\n");
        out.append("| | |\n|---|---|\n")
                .append("| Usual verdict | ").append(r.verdict()).append(" (the statement's context can change it)")
                .append(" |\n")
                .append("| Lock | ").append(cell(r.lock())).append(" |\n")
                .append("| Rewrite, scan or index build | ").append(cell(r.rewriteScan())).append(" |\n")
                .append("| What the deployed code sees | ").append(cell(r.oldCode())).append(" |\n")
                .append("| PostgreSQL versions | ").append(cell(r.versions())).append(" |\n\n");
        out.append("## The safe way\n\n")
                .append(r.alternative().isBlank() ? "Nothing to change: this operation is safe as written." :
                        r.alternative()).append("\n\n");
        out.append("Suppress a reviewed finding with `-- zdcd:ignore ").append(r.id())
                .append(" <reason>` on the line before the statement. Locks per PostgreSQL version: ")
                .append("[the lock matrix](../../zdcd-analyzer/docs/lock-matrix.md).\n\n");
        out.append("## Examples\n\nFrom the rule corpus, `zdcd-analyzer/src/test/resources/corpus/").append(r.id())
                .append("/`, each checked in the build by `RuleCorpusTest`.\n\n");
        for (String kind : List.of("unsafe", "safe")) {
            for (Path file : examples(r.id(), kind)) {
                example(r, kind, file, out);
            }
        }
        return out.toString().stripTrailing() + "\n";
    }

    private static List<Path> examples(String id, String kind) throws IOException {
        Path dir = corpusDir().resolve(id).resolve(kind);
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.toString().endsWith(".sql")).sorted().limit(EXAMPLES).toList();
        }
    }

    static Path corpusDir() {
        return Path.of("src", "test", "resources", "corpus");
    }

    private static void example(Rule r, String kind, Path file, StringBuilder out) throws IOException {
        String text = Files.readString(file, StandardCharsets.UTF_8);
        SqlMigrationClassifier.Builder b = SqlMigrationClassifier.builder();
        StringBuilder schema = new StringBuilder();
        StringBuilder sql = new StringBuilder();
        String pg = null;
        String expect = r.id();
        boolean autocommit = false;
        for (String line : text.split("\n")) {
            if (line.startsWith("-- pg: ")) {
                pg = line.substring(7).trim();
                b.postgresVersion(pg);
            } else if (line.startsWith("-- schema: ")) {
                schema.append(line.substring(11)).append('\n');
            } else if (line.equals("-- runner: autocommit")) {
                autocommit = true;
                b.implicitTransactions(false);
            } else if (line.startsWith("-- expect: ")) {
                expect = line.substring(11).trim();
            } else {
                sql.append(line).append('\n');
            }
        }
        b.schema(schema.toString());
        Classification c = b.build().classify(Migration.of(file.getFileName().toString(), text));
        out.append("### ").append(kind.toUpperCase(java.util.Locale.ROOT)).append(": `")
                .append(file.getFileName()).append("`\n\n");
        List<String> context = new ArrayList<>();
        if (pg != null) {
            context.add("PostgreSQL " + pg);
        }
        if (autocommit) {
            context.add("statements run one by one, as `psql -f` runs them");
        }
        if (!schema.isEmpty()) {
            context.add("the table as it exists before:");
        }
        if (!context.isEmpty()) {
            out.append(String.join("; ", context)).append("\n\n");
        }
        if (!schema.isEmpty()) {
            fence(schema.toString(), out);
        }
        fence(sql.toString(), out);
        String decisive = expect;
        Verdict wanted = kind.equals("safe") ? Verdict.SAFE : Verdict.UNSAFE;
        for (Finding f : c.allFindings()) {
            if (f.ruleId().equals(decisive) && (wanted == Verdict.SAFE || f.verdict() == Verdict.UNSAFE)) {
                out.append("> **").append(f.verdict()).append("** `").append(f.ruleId()).append("`: ")
                        .append(f.message().strip().replace("\n", "\n> ")).append("\n\n");
                break;
            }
        }
    }

    private static void fence(String sql, StringBuilder out) {
        String s = sql.strip();
        String fence = s.contains("```") ? "````" : "```";
        out.append(fence).append("sql\n").append(s).append('\n').append(fence).append("\n\n");
    }

    private static String cell(String text) {
        return text.replace("|", "\\|");
    }
}
