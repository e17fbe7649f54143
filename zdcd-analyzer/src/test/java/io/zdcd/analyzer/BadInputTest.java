package io.zdcd.analyzer;

import static org.assertj.core.api.BDDAssertions.then;

import io.zdcd.classify.Classification;
import io.zdcd.classify.Finding;
import io.zdcd.classify.Verdict;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Inputs that are not migrations: never an exception, never silence, always a verdict. */
class BadInputTest {
    private final SqlMigrationClassifier classifier = SqlMigrationClassifier.defaults();

    @Test
    void random_bytes_decoded_as_utf8_give_unsafe_unrecognised_findings() {
        Random r = new Random(7);
        for (int round = 0; round < 50; round++) {
            byte[] bytes = new byte[2_000 + r.nextInt(20_000)];
            r.nextBytes(bytes);
            Classification c = classifier.classify(new String(bytes, StandardCharsets.UTF_8));
            then(c.statements()).isNotEmpty();
            then(c.verdict()).isEqualTo(Verdict.UNSAFE);
        }
    }

    @Test
    void random_sql_fragments_never_throw() {
        String[] words = {"ALTER", "TABLE", "t", "ADD", "COLUMN", "c", "int", "NOT", "NULL", "DEFAULT", "(", ")", ",",
            ";", "'", "\"", "$$", "$x$", "--", "/*", "*/", "CREATE", "INDEX", "CONCURRENTLY", "ON", "DROP", "BEGIN",
            "COMMIT", "ATOMIC", "END", "CASE", "UPDATE", "SET", "WHERE", "E'\\'", "U&'", "\\", "\n", "COPY", "FROM",
            "stdin", "CONSTRAINT", "CHECK", "REFERENCES", "TYPE", "USING", "::", "VALIDATE", "ONLY", "PARTITION",
            "ATTACH", "DETACH", "WITH", "SELECT", "INTO", "RENAME", "TO", "LOCK", "IN", "MODE", "VACUUM", "FULL"};
        Random r = new Random(11);
        for (int round = 0; round < 2_000; round++) {
            StringBuilder sb = new StringBuilder();
            int n = r.nextInt(40);
            for (int i = 0; i < n; i++) {
                sb.append(words[r.nextInt(words.length)]).append(r.nextInt(4) == 0 ? "" : " ");
            }
            Classification c = classifier.classify(sb.toString());
            then(c.statements()).allSatisfy(s -> then(s.findings()).isNotEmpty());
        }
    }

    @Test
    void a_one_megabyte_statement_is_classified() {
        StringBuilder sb = new StringBuilder("INSERT INTO flags (name) VALUES ");
        while (sb.length() < 1_000_000) {
            sb.append("('x;y'), ");
        }
        sb.append("('z');");
        Classification c = classifier.classify(sb.toString());
        then(c.statements()).singleElement().satisfies(s -> then(s.kind()).isEqualTo("INSERT"));
        then(c.isSafe()).isTrue();
    }

    @Test
    void deeply_nested_parentheses_do_not_overflow_the_stack() {
        String deep = "(".repeat(100_000) + "1" + ")".repeat(100_000);
        Classification c = classifier.classify("ALTER TABLE t ADD CONSTRAINT c CHECK " + deep + " NOT VALID;\n"
                + "UPDATE t SET a = " + deep + " WHERE id = 1;");
        then(c.statements()).hasSize(2);
        then(c.allFindings()).extracting(Finding::ruleId).contains("add-check-not-valid", "data-change");
    }

    @Test
    void unterminated_dollar_quote_hides_nothing() {
        Classification c = classifier.classify("SELECT 1;\nDO $$ BEGIN\nALTER TABLE users DROP COLUMN email;");
        then(c.statements()).hasSize(2);
        then(c.statements().get(1).findings().get(0).ruleId()).isEqualTo("unrecognised-statement");
        then(c.statements().get(1).findings().get(0).message()).contains("unterminated dollar-quoted string");
    }
}
