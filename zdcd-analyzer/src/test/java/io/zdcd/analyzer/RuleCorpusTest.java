package io.zdcd.analyzer;

import static org.assertj.core.api.BDDAssertions.then;

import io.zdcd.analyzer.internal.Rule;
import io.zdcd.analyzer.internal.Rules;
import io.zdcd.classify.Classification;
import io.zdcd.classify.Finding;
import io.zdcd.classify.Migration;
import io.zdcd.classify.Verdict;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Runs {@code corpus/<rule-id>/{safe,unsafe}/*.sql}. Header comments set options: {@code -- pg: 14.2} (the target
 * version), {@code -- schema: <sql>} (known schema), {@code -- expect: <rule-id>} (the rule whose finding decides,
 * when it is not the folder's rule: the UNSAFE boundary of a rule that is itself always SAFE), {@code -- runner:
 * autocommit} (statements outside BEGIN ... COMMIT commit one by one, as psql runs them).
 * A safe case must classify SAFE with a finding of the rule; an unsafe case UNSAFE with an UNSAFE finding of it.
 */
class RuleCorpusTest {

    static Path corpus() throws URISyntaxException {
        return Path.of(RuleCorpusTest.class.getResource("/corpus").toURI());
    }

    static Stream<Path> cases() throws IOException, URISyntaxException {
        List<Path> files = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(corpus())) {
            walk.filter(p -> p.toString().endsWith(".sql")).sorted().forEach(files::add);
        }
        return files.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void corpus_case_classifies_as_its_folder_says(Path file) throws IOException, URISyntaxException {
        Path rel = corpus().relativize(file);
        String rule = rel.getName(0).toString();
        boolean safe = rel.getName(1).toString().equals("safe");
        String sql = Files.readString(file, StandardCharsets.UTF_8);
        Classification c = classifierFor(sql).classify(Migration.of(rel.toString(), sql));
        String expect = rule;
        for (String line : sql.split("\n")) {
            if (line.startsWith("-- expect: ")) {
                expect = line.substring(11).trim();
            }
        }
        String expected = expect;
        if (safe) {
            then(c.verdict()).as("%s%n%s", c, c.describe()).isEqualTo(Verdict.SAFE);
            then(c.allFindings()).extracting(Finding::ruleId).as("%s", c.allFindings()).contains(expected);
        } else {
            then(c.verdict()).as("%s", c).isEqualTo(Verdict.UNSAFE);
            then(c.allFindings()).filteredOn(f -> f.verdict() == Verdict.UNSAFE).extracting(Finding::ruleId)
                    .as("%s", c.allFindings()).contains(expected);
        }
    }

    /** The classifier a corpus case's header comments ask for ({@code -- pg:}, {@code -- schema:}, {@code -- runner:}). */
    static SqlMigrationClassifier classifierFor(String sql) {
        SqlMigrationClassifier.Builder b = SqlMigrationClassifier.builder();
        StringBuilder schema = new StringBuilder();
        for (String line : sql.split("\n")) {
            if (line.startsWith("-- pg: ")) {
                b.postgresVersion(line.substring(7).trim());
            } else if (line.startsWith("-- schema: ")) {
                schema.append(line.substring(11)).append('\n');
            } else if (line.equals("-- runner: autocommit")) {
                b.implicitTransactions(false);
            }
        }
        return b.schema(schema.toString()).build();
    }

    @Test
    void every_rule_has_safe_and_unsafe_cases() throws URISyntaxException, IOException {
        for (Rule rule : Rules.all()) {
            Path dir = corpus().resolve(rule.id());
            for (String kind : List.of("safe", "unsafe")) {
                Path d = dir.resolve(kind);
                then(Files.isDirectory(d)).as("corpus/%s/%s exists", rule.id(), kind).isTrue();
                try (Stream<Path> files = Files.list(d)) {
                    then(files.count()).as("cases in corpus/%s/%s", rule.id(), kind).isPositive();
                }
            }
        }
    }

    @Test
    void every_corpus_folder_names_a_rule() throws URISyntaxException, IOException {
        try (Stream<Path> dirs = Files.list(corpus())) {
            dirs.forEach(d -> then(Rules.byId(d.getFileName().toString())).as("rule %s", d.getFileName())
                    .isNotNull());
        }
    }
}
