package io.zdcd.analyzer.internal.rules;

import static org.assertj.core.api.BDDAssertions.then;

import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The recipe's text: the first word INDEX gets CONCURRENTLY after it, exactly as the regex replacement does. */
class CreateIndexConcurrentlyTextTest {
    private static final Pattern INDEX_WORD = Pattern.compile("(?i)\\bINDEX\\b");
    private static final String[] PARTS = {"index", "INDEX", "Index", "iNdEx", "indexes", "_", "x", "1", " ", "\"",
        "(", "CREATE ", "UNIQUE ", "ON t ", "ındex", "\u0130NDEX", "é", "\u0301", "\ud83d\ude00", "-", ".", "$"};

    @Test
    void the_same_text_as_the_regex_replacement() {
        then(CreateIndexNonConcurrentlyRule.concurrently("CREATE INDEX \"i\" ON \"t\" (\"c\")"))
                .isEqualTo("CREATE INDEX CONCURRENTLY \"i\" ON \"t\" (\"c\")");
        then(CreateIndexNonConcurrentlyRule.concurrently("create unique index_x index on t (c)"))
                .isEqualTo("create unique index_x INDEX CONCURRENTLY on t (c)");
        Random random = new Random(11);
        for (int i = 0; i < 50_000; i++) {
            StringBuilder sb = new StringBuilder();
            for (int k = random.nextInt(8); k >= 0; k--) {
                sb.append(PARTS[random.nextInt(PARTS.length)]);
            }
            String text = sb.toString();
            then(CreateIndexNonConcurrentlyRule.concurrently(text)).as(text)
                    .isEqualTo(INDEX_WORD.matcher(text).replaceFirst("INDEX CONCURRENTLY"));
        }
    }
}
