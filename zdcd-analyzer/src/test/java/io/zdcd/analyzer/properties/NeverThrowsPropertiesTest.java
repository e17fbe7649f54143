package io.zdcd.analyzer.properties;

import static org.assertj.core.api.BDDAssertions.then;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.arbitrary;
import static org.quicktheories.generators.SourceDSL.lists;
import static org.quicktheories.generators.SourceDSL.strings;

import io.zdcd.analyzer.SqlMigrationClassifier;
import io.zdcd.analyzer.SqlScript;
import io.zdcd.analyzer.SqlStatement;
import io.zdcd.classify.Classification;
import io.zdcd.classify.MigrationClassifier;
import io.zdcd.classify.StatementAnalysis;
import io.zdcd.classify.Verdict;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.QuickTheory;

/**
 * Property-based tests (QuickTheories): no input makes the splitter or the classifier throw, and what they return
 * is well-formed. Fixed seeds keep CI reproducible; run with {@code -DQT_SEED=<n>} for other inputs.
 */
class NeverThrowsPropertiesTest {

    private static final MigrationClassifier CLASSIFIER = SqlMigrationClassifier.defaults();

    /** Pieces of PostgreSQL and psql syntax, the tricky ones many times, so soups hit the splitter's edge cases. */
    private static final List<String> TOKENS = List.of(
            "BEGIN", "COMMIT", "ROLLBACK", "BEGIN ATOMIC", "END", "ALTER", "TABLE", "ADD", "COLUMN", "DROP", "CREATE",
            "INDEX", "CONCURRENTLY", "UNIQUE", "ON", "ONLY", "SET", "NOT", "NULL", "DEFAULT", "TYPE", "USING", "VALID",
            "CONSTRAINT", "CHECK", "FOREIGN", "KEY", "REFERENCES", "RENAME", "TO", "COPY", "FROM", "stdin", "\\.",
            "\\set ON_ERROR_STOP on", "FUNCTION", "RETURNS", "AS", "LANGUAGE", "sql", "plpgsql", "DO", "UPDATE",
            "DELETE", "INSERT", "INTO", "VALUES", "WHERE", "lock_timeout", "'2s'", "SELECT", "VACUUM", "REINDEX",
            "\"users\"", "\"we\"\"ird\"", "users", "email", "t", "1", "42", "3.14", "varchar(50)", "text", "bigint",
            ";", ";", ";", ",", "(", ")", "(", ")", "'", "'", "''", "E'\\''", "U&'\\0041'", "\"", "$$", "$$", "$a$",
            "$b$", "$1", "--", "-- zdcd:ignore create-index-non-concurrently reason", "/*", "*/", "/* /* */",
            "\n", "\n", "\r\n", " ", " ", " ", "\t", "::", ":=", "[", "]", "\u00e9", "\u2028", "\uFFFD", "\\");

    private static QuickTheory qtFixed(long seed) {
        return System.getProperty("QT_SEED") == null ? qt().withFixedSeed(seed).withExamples(1000) : qt();
    }

    private static Gen<String> tokenSoup() {
        return lists().of(arbitrary().pick(TOKENS)).ofSizeBetween(0, 80).map(ts -> String.join(" ", ts));
    }

    private static Gen<String> tightTokenSoup() {
        return lists().of(arbitrary().pick(TOKENS)).ofSizeBetween(0, 80).map(ts -> String.join("", ts));
    }

    private static Gen<String> anyString() {
        return strings().allPossible().ofLengthBetween(0, 300);
    }

    /** A safe statement, then a quote, dollar quote, comment or function body that is never closed. */
    private static Gen<String> unterminated() {
        Gen<String> words = lists().of(arbitrary().pick(List.of("ALTER", "TABLE", "users", "DROP", "COLUMN", "email",
                "1", "varchar(50)", "NOT", "NULL", ";", " ", " ", "\n", "\u00e9"))).ofSizeBetween(0, 40)
                .map(ws -> String.join(" ", ws));
        return arbitrary().pick(List.of("'", "E'", "U&'", "\"", "$$", "$tag$", "/*", "/* /* */",
                        "CREATE FUNCTION f() RETURNS int LANGUAGE sql BEGIN ATOMIC "))
                .zip(words, (opener, rest) -> "ALTER TABLE t ADD COLUMN c text;\n" + opener + rest);
    }

    /** Anything, including unterminated COPY data and psql meta-commands. */
    private static Gen<String> unterminatedAnything() {
        return arbitrary().pick(List.of("'", "E'", "U&'", "\"", "$$", "$tag$", "/*", "/* /* */", "BEGIN ATOMIC",
                        "COPY t FROM stdin;\n1\t2\n", "\\copy t from stdin\n"))
                .zip(tokenSoup(), (opener, soup) -> "ALTER TABLE t ADD COLUMN c text; " + opener + soup);
    }

    private static void splitsCleanly(String sql) {
        List<SqlStatement> statements = SqlScript.split(sql);
        int previousLine = 0;
        for (int i = 0; i < statements.size(); i++) {
            SqlStatement s = statements.get(i);
            then(s.index()).isEqualTo(i + 1);
            then(s.line()).isGreaterThanOrEqualTo(Math.max(1, previousLine));
            then(s.column()).isPositive();
            previousLine = s.line();
        }
    }

    private static void classifiesCleanly(String sql) {
        Classification c = CLASSIFIER.classify(sql);
        then(c.verdict()).isNotNull();
        for (StatementAnalysis s : c.statements()) {
            then(s.verdict()).isNotNull();
            then(s.line()).isPositive();
            if (s.findings().stream().anyMatch(f -> f.verdict() == Verdict.UNSAFE)) {
                then(s.verdict()).isEqualTo(Verdict.UNSAFE);
            }
        }
        if (c.statements().stream().anyMatch(s -> !s.isSafe())) {
            then(c.verdict()).as("a migration with an unsafe statement is unsafe").isEqualTo(Verdict.UNSAFE);
        }
        then(c.toString()).isNotBlank();
    }

    @Test
    void the_splitter_never_throws_on_random_strings() {
        qtFixed(1).forAll(anyString()).checkAssert(NeverThrowsPropertiesTest::splitsCleanly);
    }

    @Test
    void the_splitter_never_throws_on_sql_token_soup() {
        qtFixed(2).forAll(tokenSoup()).checkAssert(NeverThrowsPropertiesTest::splitsCleanly);
        qtFixed(3).forAll(tightTokenSoup()).checkAssert(NeverThrowsPropertiesTest::splitsCleanly);
    }

    @Test
    void the_splitter_never_throws_on_unterminated_quotes_and_comments() {
        qtFixed(4).forAll(unterminated()).checkAssert(NeverThrowsPropertiesTest::splitsCleanly);
        qtFixed(9).forAll(unterminatedAnything()).checkAssert(NeverThrowsPropertiesTest::splitsCleanly);
    }

    @Test
    void the_classifier_never_throws_on_random_strings() {
        qtFixed(5).forAll(anyString()).checkAssert(NeverThrowsPropertiesTest::classifiesCleanly);
    }

    @Test
    void the_classifier_never_throws_on_sql_token_soup() {
        qtFixed(6).forAll(tokenSoup()).checkAssert(NeverThrowsPropertiesTest::classifiesCleanly);
        qtFixed(7).forAll(tightTokenSoup()).checkAssert(NeverThrowsPropertiesTest::classifiesCleanly);
        qtFixed(10).forAll(unterminatedAnything()).checkAssert(NeverThrowsPropertiesTest::classifiesCleanly);
    }

    @Test
    void unterminated_quotes_and_comments_are_never_safe() {
        qtFixed(8).forAll(unterminated()).checkAssert(sql -> {
            classifiesCleanly(sql);
            then(CLASSIFIER.classify(sql).verdict()).as("fail closed on %s", sql).isEqualTo(Verdict.UNSAFE);
        });
    }
}
