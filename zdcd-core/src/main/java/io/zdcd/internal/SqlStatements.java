package io.zdcd.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Splits PostgreSQL SQL text into statements at top-level semicolons, aware of quotes, dollar quotes, comments and
 * SQL-standard routine bodies ({@code CREATE FUNCTION ... BEGIN ATOMIC ...; ...; END}), like zdcd's classifier.
 */
public final class SqlStatements {
    private SqlStatements() {
    }

    /** The statements, trimmed, without empty ones and without the terminating semicolons. */
    public static List<String> split(String sql) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        RoutineBody body = new RoutineBody();
        int n = sql.length();
        int i = 0;
        while (i < n) {
            char c = sql.charAt(i);
            if (c == '-' && i + 1 < n && sql.charAt(i + 1) == '-') {
                int end = sql.indexOf('\n', i);
                end = end < 0 ? n : end;
                cur.append(sql, i, end);
                i = end;
            } else if (c == '/' && i + 1 < n && sql.charAt(i + 1) == '*') {
                int depth = 1;
                int j = i + 2;
                while (j < n && depth > 0) {
                    if (sql.startsWith("/*", j)) {
                        depth++;
                        j += 2;
                    } else if (sql.startsWith("*/", j)) {
                        depth--;
                        j += 2;
                    } else {
                        j++;
                    }
                }
                cur.append(sql, i, j);
                i = j;
            } else if (c == '\'' || c == '"') {
                int j = i + 1;
                while (j < n) {
                    if (sql.charAt(j) == c) {
                        if (j + 1 < n && sql.charAt(j + 1) == c) {
                            j += 2;
                            continue;
                        }
                        break;
                    }
                    if (c == '\'' && sql.charAt(j) == '\\' && i > 0 && (sql.charAt(i - 1) == 'E'
                            || sql.charAt(i - 1) == 'e')) {
                        j++;
                    }
                    j++;
                }
                j = Math.min(j + 1, n);
                cur.append(sql, i, j);
                i = j;
            } else if (c == '$' && dollarTag(sql, i) != null) {
                String tag = dollarTag(sql, i);
                int end = sql.indexOf(tag, i + tag.length());
                end = end < 0 ? n : end + tag.length();
                cur.append(sql, i, end);
                i = end;
            } else if (c == ';' && body.depth == 0) {
                add(out, cur);
                cur.setLength(0);
                body.reset();
                i++;
            } else if (Character.isLetter(c) || c == '_') {
                int j = i + 1;
                while (j < n && (Character.isLetterOrDigit(sql.charAt(j)) || sql.charAt(j) == '_'
                        || sql.charAt(j) == '$')) {
                    j++;
                }
                body.word(sql.substring(i, j).toLowerCase(Locale.ROOT));
                cur.append(sql, i, j);
                i = j;
            } else {
                if (c == '(') {
                    body.parens++;
                } else if (c == ')') {
                    body.parens = Math.max(0, body.parens - 1);
                }
                cur.append(c);
                i++;
            }
        }
        add(out, cur);
        return out;
    }

    /** Tracks a {@code CREATE [OR REPLACE] FUNCTION|PROCEDURE ... BEGIN ATOMIC ... END} body in the statement. */
    private static final class RoutineBody {
        final List<String> firstWords = new ArrayList<>(4);
        int parens;
        int depth;

        void reset() {
            firstWords.clear();
            parens = 0;
            depth = 0;
        }

        void word(String w) {
            if (firstWords.size() < 4) {
                firstWords.add(w);
            }
            if (parens > 0 || !isRoutine()) {
                return;
            }
            if (w.equals("begin")) {
                depth++;
            } else if (w.equals("case") && depth > 0) {
                depth++;
            } else if (w.equals("end") && depth > 0) {
                depth--;
            }
        }

        private boolean isRoutine() {
            List<String> f = firstWords;
            if (f.isEmpty() || !f.get(0).equals("create")) {
                return false;
            }
            int k = f.size() > 2 && f.get(1).equals("or") && f.get(2).equals("replace") ? 3 : 1;
            return f.size() > k && (f.get(k).equals("function") || f.get(k).equals("procedure"));
        }
    }

    private static void add(List<String> out, StringBuilder cur) {
        String s = cur.toString().trim();
        if (!stripComments(s).isBlank()) {
            out.add(s);
        }
    }

    private static String dollarTag(String sql, int i) {
        if (i > 0 && (Character.isLetterOrDigit(sql.charAt(i - 1)) || sql.charAt(i - 1) == '_')) {
            return null;
        }
        int j = i + 1;
        while (j < sql.length() && (Character.isLetterOrDigit(sql.charAt(j)) || sql.charAt(j) == '_')) {
            j++;
        }
        if (j < sql.length() && sql.charAt(j) == '$' && (j == i + 1 || !Character.isDigit(sql.charAt(i + 1)))) {
            return sql.substring(i, j + 1);
        }
        return null;
    }

    /** The text without {@code --} and {@code /* *}{@code /} comments (quotes are not inspected). */
    public static String stripComments(String sql) {
        return sql.replaceAll("(?s)/\\*.*?\\*/", " ").replaceAll("--[^\\n]*", " ");
    }

    /** The statement's first keywords, upper-case, for example {@code CREATE INDEX CONCURRENTLY}. */
    public static String head(String statement, int words) {
        String[] parts = stripComments(statement).trim().split("\\s+");
        StringBuilder sb = new StringBuilder();
        for (int k = 0; k < Math.min(words, parts.length); k++) {
            sb.append(k == 0 ? "" : " ").append(parts[k].toUpperCase(Locale.ROOT));
        }
        return sb.toString();
    }

    /** Whether PostgreSQL refuses to run the statement inside a transaction block (CONCURRENTLY, VACUUM...). */
    public static boolean needsNoTransaction(String statement) {
        String s = stripComments(statement).toUpperCase(Locale.ROOT).replaceAll("\\s+", " ").trim();
        return s.matches("^CREATE (UNIQUE )?INDEX CONCURRENTLY\\b.*") || s.startsWith("DROP INDEX CONCURRENTLY")
                || s.matches("^REINDEX\\b.*\\bCONCURRENTLY\\b.*")
                || s.matches("^ALTER TABLE\\b.*\\bDETACH PARTITION\\b.*\\bCONCURRENTLY\\b.*")
                || s.startsWith("VACUUM") || s.startsWith("CREATE DATABASE") || s.startsWith("DROP DATABASE")
                || s.startsWith("ALTER SYSTEM") || s.startsWith("CREATE TABLESPACE") || s.startsWith("DROP TABLESPACE");
    }

    /** Whether the statement ends or starts a transaction ({@code BEGIN}, {@code START}, {@code COMMIT}, {@code END}). */
    public static boolean isTransactionBoundary(String statement) {
        String h = head(statement, 1);
        return h.equals("BEGIN") || h.equals("COMMIT") || h.equals("END") || h.equals("START");
    }

    /** Whether the statement is transaction control ({@code BEGIN}, {@code COMMIT}...), which the runner owns. */
    public static boolean isTransactionControl(String statement) {
        String h = head(statement, 1);
        return h.equals("BEGIN") || h.equals("COMMIT") || h.equals("END") || h.equals("START")
                || h.equals("ROLLBACK") || h.equals("ABORT");
    }
}
