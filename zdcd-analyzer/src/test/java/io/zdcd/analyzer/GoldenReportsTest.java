package io.zdcd.analyzer;

import static org.assertj.core.api.BDDAssertions.then;

import io.zdcd.analyzer.report.ReportFormat;
import io.zdcd.analyzer.report.Reports;
import io.zdcd.classify.Migration;
import java.io.IOException;
import java.net.URISyntaxException;
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
 * Verdicts unchanged, proven: the JSON report ({@code zdcd check --format json}) of every rule-corpus case, of each
 * Django {@code sqlmigrate} folder the tests use and of {@code zdcd-examples/samples} is committed under
 * {@code src/test/resources/golden/}, and this test renders them again and compares them byte for byte. A rule moved
 * or rewritten must leave them identical; a deliberate change of a verdict or a message is regenerated, reviewed in
 * the diff, and gets a test and a CHANGELOG line. To regenerate:
 *
 * <pre>mvn -B -q -pl zdcd-analyzer -am test -Dtest=GoldenReportsTest -Dsurefire.failIfNoSpecifiedTests=false -Dzdcd.golden.write=true</pre>
 *
 * <p>Layout: {@code golden/corpus/<rule-id>/<safe|unsafe>/<case>.json}, one per corpus case, classified as
 * {@link RuleCorpusTest} does (its {@code -- pg:}, {@code -- schema:} and {@code -- runner:} headers); one report per
 * folder classified as a sequence ({@code classifyAll}, the schema carried from file to file, as {@code zdcd check
 * <folder>} does) for {@code golden/django/3.2.json}, {@code golden/django/5.x.json},
 * {@code golden/django-corpus.json} and {@code golden/samples.json}, all with the default classifier.
 */
class GoldenReportsTest {
    static final Path GOLDEN = Path.of("src", "test", "resources", "golden");
    static final Path SAMPLES = Path.of("..", "zdcd-examples", "samples");
    private static final String REGENERATE = "if the change is deliberate, regenerate with: mvn -B -q -pl zdcd-analyzer "
            + "-am test -Dtest=GoldenReportsTest -Dsurefire.failIfNoSpecifiedTests=false -Dzdcd.golden.write=true, "
            + "review the diff, and add a test and a CHANGELOG line";

    @Test
    void every_report_is_identical_to_its_golden_file() throws IOException, URISyntaxException {
        Map<String, String> reports = reports();
        if (Boolean.getBoolean("zdcd.golden.write")) {
            write(reports);
        }
        List<String> onDisk = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(GOLDEN)) {
            walk.filter(Files::isRegularFile).forEach(p -> onDisk.add(key(GOLDEN.relativize(p))));
        }
        then(onDisk).as("golden files (%s)", REGENERATE).containsExactlyInAnyOrderElementsOf(reports.keySet());
        List<String> differing = new ArrayList<>();
        for (Map.Entry<String, String> e : reports.entrySet()) {
            String golden = Files.readString(GOLDEN.resolve(e.getKey()), StandardCharsets.UTF_8);
            firstDifference(golden, e.getValue()).ifPresent(d -> differing.add(e.getKey() + ": " + d));
        }
        then(differing).as("%d of %d reports differ from src/test/resources/golden (%s)", differing.size(),
                reports.size(), REGENERATE).isEmpty();
    }

    @Test
    void the_golden_files_cover_the_corpus_the_django_folders_and_the_samples() throws Exception {
        Map<String, String> reports = reports();
        long corpusCases;
        try (Stream<Path> walk = Files.walk(RuleCorpusTest.corpus())) {
            corpusCases = walk.filter(p -> p.toString().endsWith(".sql")).count();
        }
        then(reports.keySet().stream().filter(k -> k.startsWith("corpus/"))).hasSize((int) corpusCases);
        then(reports).containsKeys("django/3.2.json", "django/5.x.json", "django-corpus.json", "samples.json");
        then(reports.get("samples.json")).contains("\"samples/0003_order_status.sql\"", "\"UNSAFE\"");
        then(reports.get("corpus/add-column/safe/" + firstCase("add-column/safe")))
                .contains("\"add-column\"", "\"SAFE\"");
    }

    /** Every report, keyed by its path under {@code golden/}. */
    static Map<String, String> reports() throws IOException, URISyntaxException {
        Map<String, String> out = new TreeMap<>();
        Path corpus = RuleCorpusTest.corpus();
        for (Path file : RuleCorpusTest.cases().toList()) {
            String rel = key(corpus.relativize(file));
            String sql = Files.readString(file, StandardCharsets.UTF_8);
            SqlMigrationClassifier classifier = RuleCorpusTest.classifierFor(sql);
            out.put("corpus/" + rel.replaceAll("\\.sql$", ".json"), pretty(Reports.render(
                    classifier.classify(Migration.of(rel, sql)), classifier.postgresVersion(), ReportFormat.JSON)));
        }
        Path resources = corpus.getParent();
        out.put("django/3.2.json", folder(resources.resolve("django/3.2"), "django/3.2"));
        out.put("django/5.x.json", folder(resources.resolve("django/5.x"), "django/5.x"));
        out.put("django-corpus.json", folder(resources.resolve("django-corpus"), "django-corpus"));
        out.put("samples.json", folder(SAMPLES, "samples"));
        return out;
    }

    /** The folder's files in {@link Migrations#fromPath} order, named {@code <name>/<file>}, classified as a sequence. */
    private static String folder(Path dir, String name) {
        List<Migration> migrations = Migrations.files(dir).stream().map(f -> {
            Migration m = Migrations.fromFile(f);
            return Migration.of(name + "/" + key(dir.relativize(f)), m.sql());
        }).toList();
        return pretty(Reports.render(SqlMigrationClassifier.defaults().classifyAll(migrations), ReportFormat.JSON));
    }

    /**
     * The report indented, one field per line (as the golden files are written), so a difference names its line:
     * {@code --format json} itself is compact, and whitespace is no part of its contract.
     */
    private static String pretty(String json) {
        try {
            com.fasterxml.jackson.databind.ObjectMapper mapper = com.fasterxml.jackson.databind.json.JsonMapper.builder()
                    .enable(com.fasterxml.jackson.core.json.JsonWriteFeature.ESCAPE_NON_ASCII).build();
            return mapper.writerWithDefaultPrettyPrinter().writeValueAsString(mapper.readTree(json))
                    .replace("\r\n", "\n") + "\n";
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void write(Map<String, String> reports) throws IOException {
        if (Files.exists(GOLDEN)) {
            try (Stream<Path> walk = Files.walk(GOLDEN)) {
                for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
        for (Map.Entry<String, String> e : reports.entrySet()) {
            Path p = GOLDEN.resolve(e.getKey());
            Files.createDirectories(p.getParent());
            Files.writeString(p, e.getValue(), StandardCharsets.UTF_8);
        }
    }

    /** Where two texts first differ, as line number and both lines; empty when they are equal. */
    static java.util.Optional<String> firstDifference(String expected, String actual) {
        if (expected.equals(actual)) {
            return java.util.Optional.empty();
        }
        List<String> e = expected.lines().toList();
        List<String> a = actual.lines().toList();
        for (int i = 0; i < Math.max(e.size(), a.size()); i++) {
            String el = i < e.size() ? e.get(i) : "<end>";
            String al = i < a.size() ? a.get(i) : "<end>";
            if (!el.equals(al)) {
                return java.util.Optional.of("line " + (i + 1) + "\n  golden: " + el + "\n  now:    " + al);
            }
        }
        return java.util.Optional.of("line endings differ");
    }

    private static String firstCase(String folder) throws Exception {
        try (Stream<Path> s = Files.list(RuleCorpusTest.corpus().resolve(folder))) {
            return s.map(p -> p.getFileName().toString()).sorted().findFirst().orElseThrow().replace(".sql", ".json");
        }
    }

    private static String key(Path rel) {
        return rel.toString().replace('\\', '/');
    }
}
