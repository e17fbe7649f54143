package io.zdcd.analyzer;

import static org.assertj.core.api.BDDAssertions.then;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The README's rule catalogue names every rule, so the documentation cannot fall behind the code. */
class RuleCatalogueDocTest {

    @Test
    void readme_lists_every_rule_id() throws IOException {
        Path readme = Path.of("..", "README.md");
        String text = Files.readString(readme);
        for (String id : SqlMigrationClassifier.ruleIds()) {
            then(text).as("README.md mentions rule %s", id).contains("| `" + id + "` |");
        }
    }
}
