package io.zdcd.analyzer.fix.internal;

/**
 * The little of Python's lexical structure the Django writer needs: brackets outside strings and comments, the
 * lines that start outside a string, and string literals.
 */
final class PythonText {
    private PythonText() {
    }

    /**
     * The index of the bracket closing the one at {@code open}, skipping string literals (single, triple quoted, with
     * any prefix) and comments; -1 when it is not closed.
     */
    static int closing(String s, int open) {
        int depth = 0;
        int i = open;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (c == '#') {
                while (i < s.length() && s.charAt(i) != '\n') {
                    i++;
                }
                continue;
            }
            if (c == '\'' || c == '"') {
                i = stringEnd(s, i);
                continue;
            }
            if (c == '[' || c == '(' || c == '{') {
                depth++;
            } else if (c == ']' || c == ')' || c == '}') {
                depth--;
                if (depth == 0) {
                    return i;
                }
            }
            i++;
        }
        return -1;
    }

    /** The index after the string literal whose opening quote is at {@code i} (the end of text if unterminated). */
    private static int stringEnd(String s, int i) {
        char q = s.charAt(i);
        boolean triple = s.startsWith(String.valueOf(q).repeat(3), i);
        int p = i + (triple ? 3 : 1);
        while (p < s.length()) {
            char c = s.charAt(p);
            if (c == '\\') {
                p += 2;
                continue;
            }
            if (triple ? s.startsWith(String.valueOf(q).repeat(3), p) : c == q) {
                return p + (triple ? 3 : 1);
            }
            if (!triple && c == '\n') {
                return p;
            }
            p++;
        }
        return p;
    }

    /** {@code text} with {@code extra} added at the start of each of its lines after the first that starts outside a
     * string literal and is not blank. */
    static String reindent(String text, String extra) {
        StringBuilder out = new StringBuilder();
        int i = 0;
        boolean lineStart = false;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (lineStart && c != '\n' && c != '\r') {
                out.append(extra);
            }
            lineStart = false;
            if (c == '#') {
                int end = text.indexOf('\n', i);
                end = end < 0 ? text.length() : end;
                out.append(text, i, end);
                i = end;
                continue;
            }
            if (c == '\'' || c == '"') {
                int end = stringEnd(text, i);
                out.append(text, i, end);
                i = end;
                continue;
            }
            out.append(c);
            lineStart = c == '\n';
            i++;
        }
        return out.toString();
    }

    /** A Python string literal of {@code s}: triple quoted when it spans lines and needs no escape. */
    static String string(String s) {
        if (s.contains("\n") && !s.contains("\\") && !s.contains("\"\"\"") && !s.endsWith("\"")) {
            return "\"\"\"" + s + "\"\"\"";
        }
        StringBuilder b = new StringBuilder("\"");
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '\\' -> b.append("\\\\");
                case '"' -> b.append("\\\"");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (c < 0x20 || c == 0x7f) {
                        b.append(String.format("\\x%02x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.append('"').toString();
    }
}
