package io.zdcd.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Finds the names of the indexes a migration builds with {@code CREATE [UNIQUE] INDEX CONCURRENTLY}. */
public final class ConcurrentIndexes {
    private static final Pattern CIC = Pattern.compile(
            "\\bCREATE\\s+(?:UNIQUE\\s+)?INDEX\\s+CONCURRENTLY\\s+(?:IF\\s+NOT\\s+EXISTS\\s+)?"
                    + "((?:\"[^\"]+\"|[\\w$]+)(?:\\.(?:\"[^\"]+\"|[\\w$]+))?)",
            Pattern.CASE_INSENSITIVE);

    private ConcurrentIndexes() {
    }

    /** Index names as PostgreSQL stores them (unquoted names folded to lower case). */
    public static List<String> in(String sql) {
        List<String> names = new ArrayList<>();
        Matcher m = CIC.matcher(stripComments(sql));
        while (m.find()) {
            if (m.group(1).equalsIgnoreCase("ON")) {
                continue; // an unnamed index: PostgreSQL picks the name
            }
            names.add(normalize(m.group(1)));
        }
        return names;
    }

    /**
     * The indexes of {@code sql} that {@code isInvalid} says are INVALID (left by a failed run), best effort: an index
     * whose state cannot be read is left out (the recovery plan also drops the indexes the migration meant to build).
     */
    public static List<String> invalid(String sql, Predicate<String> isInvalid) {
        List<String> out = new ArrayList<>();
        for (String index : in(sql)) {
            try {
                if (isInvalid.test(index)) {
                    out.add(index);
                }
            } catch (RuntimeException e) {
                // best effort, as said
            }
        }
        return out;
    }

    /** The text without {@code --} and {@code /* *}{@code /} comments (quotes are not inspected). */
    public static String stripComments(String sql) {
        return sql.replaceAll("(?s)/\\*.*?\\*/", " ").replaceAll("--[^\\n]*", " ");
    }

    static String normalize(String name) {
        StringBuilder sb = new StringBuilder();
        for (String part : name.split("\\.(?=(?:[^\"]*\"[^\"]*\")*[^\"]*$)")) {
            if (sb.length() > 0) {
                sb.append('.');
            }
            sb.append(part.startsWith("\"") ? part.substring(1, part.length() - 1) : part.toLowerCase(Locale.ROOT));
        }
        return sb.toString();
    }
}
