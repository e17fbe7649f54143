package io.zdcd.analyzer.fix;

import static org.assertj.core.api.BDDAssertions.then;

import io.zdcd.analyzer.SqlMigrationClassifier;
import io.zdcd.classify.Classification;
import io.zdcd.classify.Migration;
import io.zdcd.classify.Phase;
import io.zdcd.classify.Verdict;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every example of the rule corpus through {@link MigrationFixer}: it never throws, each UNSAFE statement gets a
 * recipe or a "no recipe for rule" reason, and the files it writes are what they claim, judged again by a classifier
 * of their own.
 */
class FixCorpusTest {
    @Test
    void every_corpus_example_gets_files_that_are_what_they_claim_or_a_reason() throws Exception {
        List<Path> examples;
        try (Stream<Path> files = Files.walk(Path.of("src/test/resources/corpus"))) {
            examples = files.filter(p -> p.toString().endsWith(".sql")).sorted().toList();
        }
        then(examples).hasSizeGreaterThan(100);
        MigrationFixer fixer = MigrationFixer.defaults();
        int fixed = 0;
        int unfixed = 0;
        for (Path example : examples) {
            Migration m = Migration.of(example.getFileName().toString(), Files.readString(example));
            FixResult fix = fixer.fix(m);
            then(fix.files()).extracting(FixFile::name).as(example.toString()).isSorted()
                    .allMatch(n -> n.contains("_expand.sql") || n.contains("_contract.sql"));
            for (StatementFix s : fix.statements()) {
                then(s.isFixed() || s.explanation().startsWith("no recipe for rule " + s.ruleId() + ": ")
                        || s.explanation().startsWith("SAFE in the migration"))
                        .as("%s: %s", example, s).isTrue();
            }
            fixed += (int) fix.statements().stream().filter(StatementFix::isFixed).count();
            unfixed += fix.unfixed().size();
            List<Classification> judged = SqlMigrationClassifier.defaults().classifyAll(fix.files().stream()
                    .map(f -> Migration.of(f.name(), f.sql())).toList()).migrations();
            for (int i = 0; i < judged.size(); i++) {
                Classification c = judged.get(i);
                if (fix.files().get(i).phase() == Phase.EXPAND) {
                    then(c.verdict()).as("%s: %s", example, c.describe()).isEqualTo(Verdict.SAFE);
                } else {
                    then(c.statements()).as("%s: %s", example, c.describe())
                            .allMatch(s -> s.phase() != Phase.MAINTENANCE);
                }
            }
        }
        then(fixed).as("statements fixed").isGreaterThan(10);
        then(unfixed).as("statements without a recipe").isGreaterThan(10);
    }
}
