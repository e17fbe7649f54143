package io.zdcd.analyzer.trace.internal;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Statement-level facts the tracer needs: splitting, transaction control, what cannot run in a transaction. */
public final class Sql {
    private static final Pattern TX_CONTROL = Pattern.compile(
            "^(BEGIN|START\\s+TRANSACTION|COMMIT|END|ROLLBACK|ABORT|SAVEPOINT|RELEASE|PREPARE\\s+TRANSACTION)\\b.*",
            Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
    private static final Pattern TX_END = Pattern.compile("^(COMMIT|END|ROLLBACK|ABORT)\\b.*",
            Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
    private static final Pattern NON_TX = Pattern.compile(
            "^(CREATE\\s+(UNIQUE\\s+)?INDEX\\s+CONCURRENTLY|DROP\\s+INDEX\\s+CONCURRENTLY|REINDEX\\b.*\\bCONCURRENTLY"
                    + "|ALTER\\s+TABLE\\b.*\\bDETACH\\s+PARTITION\\b.*\\bCONCURRENTLY|VACUUM|CREATE\\s+DATABASE"
                    + "|DROP\\s+DATABASE|ALTER\\s+SYSTEM|CREATE\\s+TABLESPACE|DROP\\s+TABLESPACE"
                    + "|REINDEX\\s+(\\([^)]*\\)\\s*)?(SYSTEM|DATABASE)|CLUSTER\\s*$)\\b.*",
            Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
    private static final Pattern SET_LOCAL = Pattern.compile("^SET\\s+LOCAL\\s+([A-Za-z_.]+)\\b.*",
            Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
    private static final Pattern SET_ANY = Pattern.compile("^(SET|RESET)\\b.*", Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
    private static final Pattern CONCURRENTLY = Pattern.compile("\\bCONCURRENTLY\\b", Pattern.CASE_INSENSITIVE);
    private static final Pattern VACUUM = Pattern.compile("^VACUUM\\b.*", Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
    private static final Pattern IDENT = Pattern.compile("\"((?:[^\"]|\"\")+)\"|([A-Za-z_][A-Za-z0-9_$]*)");

    private Sql() {
    }

    /** One statement of a migration. */
    public record Stmt(int index, int line, String sql) {
    }

    /** The statement's text without leading comments, for keyword tests. */
    static String head(String sql) {
        String s = sql.strip();
        while (true) {
            if (s.startsWith("--")) {
                int nl = s.indexOf('\n');
                s = nl < 0 ? "" : s.substring(nl + 1).strip();
            } else if (s.startsWith("/*")) {
                int end = s.indexOf("*/");
                s = end < 0 ? "" : s.substring(end + 2).strip();
            } else {
                return s;
            }
        }
    }

    public static boolean isTransactionControl(String sql) {
        return TX_CONTROL.matcher(head(sql)).matches();
    }

    public static boolean endsTransaction(String sql) {
        return TX_END.matcher(head(sql)).matches();
    }

    /** Statements PostgreSQL refuses to run inside a transaction block. */
    public static boolean cannotRunInTransaction(String sql) {
        return NON_TX.matcher(head(sql)).matches();
    }

    public static boolean isSet(String sql) {
        return SET_ANY.matcher(head(sql)).matches();
    }

    /** For {@code SET LOCAL name ...}, the setting's name. */
    public static java.util.Optional<String> setLocalName(String sql) {
        Matcher m = SET_LOCAL.matcher(head(sql));
        return m.matches() ? java.util.Optional.of(m.group(1)) : java.util.Optional.empty();
    }

    /** {@code SET LOCAL x} as the session-level {@code SET x}, for replaying outside a transaction. */
    public static String asSessionSet(String sql) {
        return head(sql).replaceFirst("(?i)^SET\\s+LOCAL\\s+", "SET ");
    }

    /**
     * The statement as it can run inside a transaction with the same effect on the schema: {@code CONCURRENTLY}
     * dropped from index statements; empty for statements with no schema effect that cannot run in one (VACUUM).
     */
    public static java.util.Optional<String> inTransactionEquivalent(String sql) {
        String h = head(sql);
        if (!cannotRunInTransaction(h)) {
            return java.util.Optional.of(sql);
        }
        if (VACUUM.matcher(h).matches()) {
            return java.util.Optional.empty();
        }
        String upper = h.toUpperCase(Locale.ROOT);
        if (upper.startsWith("CREATE") && upper.contains("INDEX") || upper.startsWith("DROP INDEX")
                || upper.startsWith("REINDEX") || upper.startsWith("ALTER TABLE")) {
            return java.util.Optional.of(CONCURRENTLY.matcher(h).replaceFirst(""));
        }
        return java.util.Optional.empty();
    }

    /** Every identifier in the text, lower-cased unless quoted (literals and comments are not skipped). */
    public static Set<String> identifiers(String sql) {
        Set<String> out = new LinkedHashSet<>();
        Matcher m = IDENT.matcher(sql);
        while (m.find()) {
            out.add(m.group(1) != null ? m.group(1).replace("\"\"", "\"") : m.group(2).toLowerCase(Locale.ROOT));
        }
        return out;
    }

    /**
     * Splits SQL text into statements at top-level semicolons, honouring quotes, {@code E''} strings, quoted
     * identifiers, dollar quotes and (nested) comments. Statements that are only comments or blank are dropped.
     */
    public static List<Stmt> split(String text) {
        List<Stmt> out = new ArrayList<>();
        int n = text.length();
        int start = 0;
        int line = 1;
        int startLine = -1;
        int i = 0;
        while (i < n) {
            char c = text.charAt(i);
            if (c == '\n') {
                line++;
                i++;
                continue;
            }
            if (c == '-' && i + 1 < n && text.charAt(i + 1) == '-') {
                while (i < n && text.charAt(i) != '\n') {
                    i++;
                }
                continue;
            }
            if (c == '/' && i + 1 < n && text.charAt(i + 1) == '*') {
                int depth = 1;
                i += 2;
                while (i < n && depth > 0) {
                    if (text.charAt(i) == '\n') {
                        line++;
                    }
                    if (text.startsWith("/*", i)) {
                        depth++;
                        i += 2;
                    } else if (text.startsWith("*/", i)) {
                        depth--;
                        i += 2;
                    } else {
                        i++;
                    }
                }
                continue;
            }
            if (Character.isWhitespace(c)) {
                i++;
                continue;
            }
            if (startLine < 0 && c != ';') {
                startLine = line;
            }
            if (c == '\'' || c == '"') {
                boolean backslash = c == '\'' && i > 0 && (text.charAt(i - 1) == 'E' || text.charAt(i - 1) == 'e')
                        && (i < 2 || !Character.isLetterOrDigit(text.charAt(i - 2)));
                i++;
                while (i < n) {
                    char d = text.charAt(i);
                    if (d == '\n') {
                        line++;
                    }
                    if (backslash && d == '\\') {
                        i += 2;
                        continue;
                    }
                    if (d == c) {
                        if (i + 1 < n && text.charAt(i + 1) == c) {
                            i += 2;
                            continue;
                        }
                        break;
                    }
                    i++;
                }
                i++;
                continue;
            }
            if (c == '$') {
                int j = i + 1;
                while (j < n && (Character.isLetterOrDigit(text.charAt(j)) || text.charAt(j) == '_')) {
                    j++;
                }
                boolean tagStartsOk = j == i + 1 || !Character.isDigit(text.charAt(i + 1));
                if (j < n && text.charAt(j) == '$' && tagStartsOk
                        && (i == 0 || !Character.isLetterOrDigit(text.charAt(i - 1)))) {
                    String tag = text.substring(i, j + 1);
                    int end = text.indexOf(tag, j + 1);
                    int stop = end < 0 ? n : end + tag.length();
                    for (int k = i; k < stop; k++) {
                        if (text.charAt(k) == '\n') {
                            line++;
                        }
                    }
                    i = stop;
                    continue;
                }
            }
            if (c == ';') {
                add(out, text.substring(start, i), startLine);
                start = i + 1;
                startLine = -1;
            }
            i++;
        }
        add(out, text.substring(start), startLine);
        return out;
    }

    private static void add(List<Stmt> out, String raw, int line) {
        if (line < 0 || head(raw).isEmpty()) {
            return;
        }
        out.add(new Stmt(out.size() + 1, line, head(raw)));
    }
}
