package io.zdcd.sql;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The PostgreSQL/psql-aware statement splitter behind {@link SqlScript#split(String)}: one linear pass over the
 * characters, never throws.
 */
final class Splitter {
    private final String s;
    /** {@code s}'s characters: the scan reads an array (String.charAt is a call of its own in C1-compiled code). */
    private final char[] a;
    private final int n;
    private final Consumer<SqlStatement> out;
    private int count;

    // position -> line/column, computed with a forward-only cursor (positions are asked in increasing order)
    private int cursorPos;
    private int cursorLine = 1;
    private int cursorLineStart;
    /** The first newline at or after {@code cursorPos}: -1 when there is none, -2 when not looked for yet. */
    private int nextNewline = -2;

    // the statement being read
    private int stmtStart = -1;
    private String problem;
    private int parenDepth;
    private int wordCount;
    private final char[] firstLetters = new char[4];
    private int beginDepth;
    private boolean copyStmt;
    private boolean lastWordFrom;
    private boolean copyFromStdin;

    private Splitter(String s, Consumer<SqlStatement> out) {
        this.s = s;
        this.out = out;
        this.a = s.toCharArray();
        this.n = a.length;
    }

    static List<SqlStatement> split(String sql) {
        List<SqlStatement> out = new ArrayList<>();
        split(sql, out::add);
        return List.copyOf(out);
    }

    /** Hands each statement of {@code sql} to {@code out} as soon as its end is read. */
    static void split(String sql, Consumer<SqlStatement> out) {
        new Splitter(sql, out).run();
    }

    private void run() {
        int i = 0;
        while (i < n) {
            char c = a[i];
            if (c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\f') {
                i++;
                continue;
            }
            if (c == '-' && i + 1 < n && a[i + 1] == '-') {
                i = endOfLine(i);
                continue;
            }
            if (c == '/' && i + 1 < n && a[i + 1] == '*') {
                int end = skipBlockComment(i);
                if (end < 0) {
                    if (stmtStart < 0) {
                        stmtStart = i;
                    }
                    problemAt("unterminated block comment", i);
                    i = n;
                    break;
                }
                i = end;
                continue;
            }
            if (stmtStart < 0) {
                if (c == ';') {
                    i++;
                    continue;
                }
                if (c == '\\') {
                    i = metaCommand(i);
                    continue;
                }
                startStatement(i);
            }
            switch (c) {
                case '\'' -> i = quoted(i, '\'', isEscapeString(i));
                case '"' -> i = quoted(i, '"', false);
                case '$' -> i = dollar(i);
                case '(' -> {
                    parenDepth++;
                    i++;
                }
                case ')' -> {
                    if (parenDepth > 0) {
                        parenDepth--;
                    }
                    i++;
                }
                case ';' -> {
                    if (beginDepth > 0) {
                        i++;
                    } else {
                        i = endStatement(i, i + 1);
                    }
                }
                case '\\' -> {
                    emit(i, "");
                    i = metaCommand(i);
                }
                default -> {
                    if (isIdentStart(c)) {
                        i = word(i);
                    } else if (c >= '0' && c <= '9') {
                        i++;
                        while (i < n && isIdentPart(a[i])) {
                            i++;
                        }
                    } else {
                        i++;
                    }
                }
            }
        }
        if (stmtStart >= 0) {
            if (beginDepth > 0) {
                problemAt("unterminated BEGIN ATOMIC body (no END)", stmtStart);
            }
            emit(n, "");
        }
    }

    private void startStatement(int i) {
        stmtStart = i;
        problem = null;
        parenDepth = 0;
        wordCount = 0;
        beginDepth = 0;
        copyStmt = false;
        lastWordFrom = false;
        copyFromStdin = false;
        java.util.Arrays.fill(firstLetters, '\0');
    }

    private void problemAt(String what, int pos) {
        if (problem == null) {
            int[] lc = lineColumn(pos);
            problem = what + " starting at line " + lc[0] + ", column " + lc[1];
        }
    }

    /** Ends the current statement at {@code end} (exclusive); returns where scanning resumes. */
    private int endStatement(int end, int resume) {
        boolean copy = copyFromStdin;
        if (!copy) {
            emit(end, "");
            return resume;
        }
        // COPY ... FROM stdin: the data starts on the next line and runs to a line that is exactly "\."
        int dataStart = endOfLine(resume);
        if (dataStart < n) {
            dataStart++; // past '\n'
        }
        int p = dataStart;
        int dataEnd = n;
        int next = n;
        while (p < n) {
            int eol = endOfLine(p);
            int contentEnd = eol > p && a[eol - 1] == '\r' ? eol - 1 : eol;
            if (contentEnd - p == 2 && a[p] == '\\' && a[p + 1] == '.') {
                dataEnd = p;
                next = eol;
                break;
            }
            p = eol < n ? eol + 1 : n;
        }
        emit(end, s.substring(Math.min(dataStart, dataEnd), dataEnd));
        return next;
    }

    private void emit(int end, String copyData) {
        if (stmtStart < 0) {
            return;
        }
        int e = end;
        while (e > stmtStart && Character.isWhitespace(a[e - 1])) {
            e--;
        }
        int[] lc = lineColumn(stmtStart);
        if (e > stmtStart) {
            out.accept(new SqlStatement(++count, lc[0], lc[1], s.substring(stmtStart, e), false, copyData,
                    Optional.ofNullable(problem)));
        }
        stmtStart = -1;
        problem = null;
    }

    private int metaCommand(int i) {
        int eol = endOfLine(i);
        int e = eol;
        while (e > i && Character.isWhitespace(a[e - 1])) {
            e--;
        }
        int[] lc = lineColumn(i);
        out.accept(new SqlStatement(++count, lc[0], lc[1], s.substring(i, e), true, "", Optional.empty()));
        stmtStart = -1;
        return eol;
    }

    private int endOfLine(int i) {
        int eol = s.indexOf('\n', i);
        return eol < 0 ? n : eol;
    }

    /** Returns the index after the comment, or -1 if it is not terminated. Comments nest. */
    private int skipBlockComment(int i) {
        int depth = 0;
        int p = i;
        while (p < n) {
            char c = a[p];
            if (c == '/' && p + 1 < n && a[p + 1] == '*') {
                depth++;
                p += 2;
            } else if (c == '*' && p + 1 < n && a[p + 1] == '/') {
                depth--;
                p += 2;
                if (depth == 0) {
                    return p;
                }
            } else {
                p++;
            }
        }
        return -1;
    }

    private boolean isEscapeString(int quote) {
        if (quote == 0) {
            return false;
        }
        char prev = a[quote - 1];
        if (prev != 'e' && prev != 'E') {
            return false;
        }
        return quote - 2 < 0 || !isIdentPart(a[quote - 2]);
    }

    /** Skips a quoted string or identifier starting at {@code i}; doubled quotes (and backslashes) escape. */
    private int quoted(int i, char q, boolean backslashEscapes) {
        int p = i + 1;
        while (p < n) {
            char c = a[p];
            if (backslashEscapes && c == '\\') {
                p += 2;
                continue;
            }
            if (c == q) {
                if (p + 1 < n && a[p + 1] == q) {
                    p += 2;
                    continue;
                }
                return p + 1;
            }
            p++;
        }
        problemAt(q == '"' ? "unterminated quoted identifier" : "unterminated quoted string", i);
        return n;
    }

    private int dollar(int i) {
        if (i > 0 && isIdentPart(a[i - 1]) && a[i - 1] != '$') {
            return i + 1; // part of an identifier such as a$b
        }
        int p = i + 1;
        if (p < n && a[p] >= '0' && a[p] <= '9') {
            while (p < n && a[p] >= '0' && a[p] <= '9') {
                p++;
            }
            return p; // positional parameter $1
        }
        if (p < n && a[p] != '$') {
            if (!isIdentStart(a[p])) {
                return i + 1;
            }
            while (p < n && isIdentPart(a[p]) && a[p] != '$') {
                p++;
            }
            if (p >= n || a[p] != '$') {
                return i + 1;
            }
        }
        String tag = s.substring(i, p + 1);
        int close = s.indexOf(tag, p + 1);
        if (close < 0) {
            problemAt("unterminated dollar-quoted string " + (tag.length() > 40 ? tag.substring(0, 40) : tag), i);
            return n;
        }
        return close + tag.length();
    }

    private int word(int i) {
        int p = i + 1;
        while (p < n && isIdentPart(a[p])) {
            p++;
        }
        int len = p - i;
        if (wordCount < firstLetters.length) {
            char first = Character.toLowerCase(a[i]);
            boolean interesting = is(i, len, "create") || is(i, len, "function") || is(i, len, "procedure")
                    || is(i, len, "or") || is(i, len, "replace");
            firstLetters[wordCount] = interesting ? first : '\0';
        }
        if (wordCount == 0) {
            copyStmt = is(i, len, "copy");
        }
        wordCount++;
        if (isRoutine() && parenDepth == 0) {
            if (is(i, len, "begin")) {
                beginDepth++;
            } else if (is(i, len, "case")) {
                if (beginDepth >= 1) {
                    beginDepth++;
                }
            } else if (is(i, len, "end")) {
                if (beginDepth > 0) {
                    beginDepth--;
                }
            }
        }
        if (copyStmt && parenDepth == 0) {
            if (lastWordFrom && is(i, len, "stdin")) {
                copyFromStdin = true;
            }
            lastWordFrom = is(i, len, "from");
        }
        return p;
    }

    private boolean isRoutine() {
        char[] w = firstLetters;
        return w[0] == 'c' && (w[1] == 'f' || w[1] == 'p' || (w[1] == 'o' && w[2] == 'r' && (w[3] == 'f' || w[3] == 'p')));
    }

    private boolean is(int i, int len, String lower) {
        return len == lower.length() && s.regionMatches(true, i, lower, 0, len);
    }

    private int[] lineColumn(int pos) {
        if (pos < cursorPos) { // never expected; restart
            cursorPos = 0;
            cursorLine = 1;
            cursorLineStart = 0;
            nextNewline = -2;
        }
        int end = Math.min(pos, n);
        int nl = nextNewline == -2 ? s.indexOf('\n', cursorPos) : nextNewline;
        while (nl >= 0 && nl < end) { // each newline once, by indexOf, however long the lines
            cursorLine++;
            cursorLineStart = nl + 1;
            nl = s.indexOf('\n', nl + 1);
        }
        nextNewline = nl;
        cursorPos = pos;
        return new int[] {cursorLine, pos - cursorLineStart + 1};
    }

    static boolean isIdentStart(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || (c >= 0x80 && !Character.isWhitespace(c));
    }

    static boolean isIdentPart(char c) {
        return isIdentStart(c) || (c >= '0' && c <= '9') || c == '$';
    }
}
