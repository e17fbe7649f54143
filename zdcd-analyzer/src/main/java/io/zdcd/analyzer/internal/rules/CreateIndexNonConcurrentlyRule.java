package io.zdcd.analyzer.internal.rules;

import io.zdcd.analyzer.internal.Judgement;
import io.zdcd.analyzer.internal.Rules;
import io.zdcd.analyzer.internal.model.CreateIndex;
import io.zdcd.classify.Verdict;
import java.util.regex.Pattern;

/** create-index-non-concurrently: the build holds ShareLock, writes wait; UNSAFE on a table with data. */
final class CreateIndexNonConcurrentlyRule extends OpRule<CreateIndex> {
    /** The word INDEX, compiled once (not per CREATE INDEX, as String.replaceFirst would). */
    private static final Pattern INDEX_WORD = Pattern.compile("(?i)\\bINDEX\\b");

    /**
     * {@code text} with its first word INDEX (any case) followed by CONCURRENTLY: what
     * {@code INDEX_WORD.matcher(text).replaceFirst("INDEX CONCURRENTLY")} returns, found without the regex engine
     * (once per CREATE INDEX on an existing table; its matcher was most of this rule's time) when the characters
     * around each candidate are ASCII; else the regex decides.
     */
    static String concurrently(String text) {
        int from = 0;
        while (true) {
            int at = indexOfIgnoreCase(text, from);
            if (at < 0) {
                return text;
            }
            int after = at + 5;
            char before = at > 0 ? text.charAt(at - 1) : ' ';
            char next = after < text.length() ? text.charAt(after) : ' ';
            if (before >= 128 || next >= 128) {
                return INDEX_WORD.matcher(text).replaceFirst("INDEX CONCURRENTLY");
            }
            if (!wordChar(before) && !wordChar(next)) {
                return text.substring(0, at) + "INDEX CONCURRENTLY" + text.substring(after);
            }
            from = at + 1;
        }
    }

    /** The first "index" at or after {@code from}, ASCII letters in any case (as the regex's (?i) compares). */
    private static int indexOfIgnoreCase(String text, int from) {
        outer:
        for (int i = from; i + 5 <= text.length(); i++) {
            for (int k = 0; k < 5; k++) {
                char c = text.charAt(i + k);
                if ((c >= 'A' && c <= 'Z' ? (char) (c + 32) : c) != "index".charAt(k)) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    /** A word character of the regex's \\b for ASCII: a letter, a digit or '_'. */
    private static boolean wordChar(char c) {
        return c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    }

    CreateIndexNonConcurrentlyRule() {
        super(Rules.CREATE_INDEX, CreateIndex.class);
    }

    @Override
    void judge(CreateIndex op, Judgement j) {
        if (op.concurrently()) {
            return;
        }
        if (op.tableIsNew()) {
            j.finding(meta(), Verdict.SAFE, "indexes a table created in this migration (empty): instant");
        } else if (op.only()) {
            j.finding(meta(), Verdict.SAFE, "creates an invalid index on the partitioned parent only (ON ONLY): no "
                    + "build; attach each partition's index (built CONCURRENTLY) afterwards");
        } else {
            String concurrent = concurrently(op.text());
            j.finding(meta(), Verdict.UNSAFE, "builds the index under ShareLock: every INSERT, UPDATE and DELETE on "
                    + op.table().display() + " waits for the whole build",
                    concurrent + ";\n-- outside a transaction block (Django: atomic = False or AddIndexConcurrently)");
        }
    }
}
