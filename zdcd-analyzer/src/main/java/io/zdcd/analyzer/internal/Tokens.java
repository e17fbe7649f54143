package io.zdcd.analyzer.internal;

import java.util.Arrays;
import java.util.Locale;

/**
 * The tokens of one statement (comments and whitespace dropped), kept in flat arrays so that even a statement of
 * megabytes is lexed in linear time and little memory. Never throws on any input.
 */
public final class Tokens {
    public static final int WORD = 1;
    public static final int QUOTED_IDENT = 2;
    public static final int STRING = 3;
    public static final int NUMBER = 4;
    public static final int PARAM = 5;
    public static final int OP = 6;

    /** At most this many tokens are kept; {@link #truncated()} says if a statement had more. */
    public static final int MAX_TOKENS = 2_000_000;

    private final String s;
    private int size;
    private int[] type = new int[16];
    private int[] start = new int[16];
    private int[] end = new int[16];
    private int[] match;
    private boolean truncated;
    /** {@link #upper} and {@link #ident} of each token, made on first use (the recognisers ask for most more than once). */
    private String[] uppers;
    private String[] idents;

    private Tokens(String s) {
        this.s = s;
    }

    public static Tokens lex(String sql) {
        Tokens t = new Tokens(sql);
        t.run();
        return t;
    }

    public String source() {
        return s;
    }

    public int size() {
        return size;
    }

    public boolean truncated() {
        return truncated;
    }

    public int type(int i) {
        return i >= 0 && i < size ? type[i] : 0;
    }

    public int start(int i) {
        return i < size ? start[i] : s.length();
    }

    public int end(int i) {
        return i < size ? end[i] : s.length();
    }

    public String text(int i) {
        return i >= 0 && i < size ? s.substring(start[i], end[i]) : "";
    }

    /** The source text from the start of token {@code from} to the end of token {@code to} (inclusive). */
    public String text(int from, int to) {
        if (from >= size || to < from) {
            return "";
        }
        return s.substring(start[from], end[Math.min(to, size - 1)]);
    }

    /** Whether token {@code i} is the unquoted word {@code kw} (case-insensitive). */
    public boolean is(int i, String kw) {
        return i >= 0 && i < size && type[i] == WORD && end[i] - start[i] == kw.length()
                && s.regionMatches(true, start[i], kw, 0, kw.length());
    }

    /** Whether tokens from {@code i} are the words {@code kws}, in order. */
    public boolean is(int i, String... kws) {
        for (int k = 0; k < kws.length; k++) {
            if (!is(i + k, kws[k])) {
                return false;
            }
        }
        return true;
    }

    public boolean isOp(int i, String op) {
        return i >= 0 && i < size && type[i] == OP && end[i] - start[i] == op.length()
                && s.startsWith(op, start[i]);
    }

    public boolean isWord(int i) {
        return type(i) == WORD;
    }

    public boolean isIdent(int i) {
        return type(i) == WORD || type(i) == QUOTED_IDENT;
    }

    /** The identifier at {@code i}: unquoted words lower-cased, quoted identifiers unquoted. */
    public String ident(int i) {
        if (i >= size) {
            return "";
        }
        if (idents == null) {
            idents = new String[size];
        }
        String id = idents[i];
        if (id == null) {
            id = type[i] == QUOTED_IDENT
                    ? s.substring(start[i] + 1, Math.max(start[i] + 1, end[i] - 1)).replace("\"\"", "\"")
                    : s.substring(start[i], end[i]).toLowerCase(Locale.ROOT);
            idents[i] = id;
        }
        return id;
    }

    /** The upper-case text of a word, or "" for other tokens. */
    public String upper(int i) {
        if (type(i) != WORD) {
            return "";
        }
        if (uppers == null) {
            uppers = new String[size];
        }
        String u = uppers[i];
        if (u == null) {
            u = s.substring(start[i], end[i]).toUpperCase(Locale.ROOT);
            uppers[i] = u;
        }
        return u;
    }

    /** For an opening parenthesis or bracket, the index of its partner (or size() if unbalanced); else i. */
    public int closing(int i) {
        if (match == null) {
            computeMatches();
        }
        return i >= 0 && i < size ? match[i] : size;
    }

    /** The index of the first token at or after {@code from} that is the word {@code kw} at paren depth 0, or -1. */
    public int find(int from, String kw) {
        for (int i = from; i < size; i++) {
            if (isOp(i, "(") || isOp(i, "[")) {
                i = closing(i);
            } else if (is(i, kw)) {
                return i;
            }
        }
        return -1;
    }

    /** Whether any token (at any depth) from {@code from} to {@code to} (exclusive) is the word {@code kw}. */
    public boolean contains(int from, int to, String kw) {
        for (int i = Math.max(0, from); i < Math.min(to, size); i++) {
            if (is(i, kw)) {
                return true;
            }
        }
        return false;
    }

    private void computeMatches() {
        match = new int[size];
        int[] stack = new int[16];
        int sp = 0;
        for (int i = 0; i < size; i++) {
            match[i] = i;
            if (type[i] == OP && (isOp(i, "(") || isOp(i, "["))) {
                if (sp == stack.length) {
                    stack = Arrays.copyOf(stack, sp * 2);
                }
                stack[sp++] = i;
                match[i] = size;
            } else if (type[i] == OP && (isOp(i, ")") || isOp(i, "]"))) {
                if (sp > 0) {
                    match[stack[--sp]] = i;
                }
            }
        }
    }

    private void add(int t, int b, int e) {
        if (size == MAX_TOKENS) {
            truncated = true;
            return;
        }
        if (size == type.length) {
            int cap = size * 2;
            type = Arrays.copyOf(type, cap);
            start = Arrays.copyOf(start, cap);
            end = Arrays.copyOf(end, cap);
        }
        type[size] = t;
        start[size] = b;
        end[size] = e;
        size++;
    }

    private void run() {
        int n = s.length();
        int i = 0;
        while (i < n && !truncated) {
            char c = s.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '-' && i + 1 < n && s.charAt(i + 1) == '-') {
                int eol = s.indexOf('\n', i);
                i = eol < 0 ? n : eol + 1;
            } else if (c == '/' && i + 1 < n && s.charAt(i + 1) == '*') {
                i = skipComment(i);
            } else if (c == '\'') {
                boolean esc = i > 0 && (s.charAt(i - 1) == 'e' || s.charAt(i - 1) == 'E')
                        && (i < 2 || !Splitter.isIdentPart(s.charAt(i - 2)));
                int e = quoted(i, '\'', esc);
                mergeStringPrefix(i);
                add(STRING, i, e);
                i = e;
            } else if (c == '"') {
                int e = quoted(i, '"', false);
                add(QUOTED_IDENT, i, e);
                i = e;
            } else if (c == '$') {
                i = dollar(i);
            } else if (Splitter.isIdentStart(c)) {
                int p = i + 1;
                while (p < n && Splitter.isIdentPart(s.charAt(p))) {
                    p++;
                }
                add(WORD, i, p);
                i = p;
            } else if (c >= '0' && c <= '9' || (c == '.' && i + 1 < n && Character.isDigit(s.charAt(i + 1)))) {
                int p = i + 1;
                while (p < n && (Splitter.isIdentPart(s.charAt(p)) || s.charAt(p) == '.'
                        || ((s.charAt(p) == '+' || s.charAt(p) == '-')
                        && (s.charAt(p - 1) == 'e' || s.charAt(p - 1) == 'E')))) {
                    if (s.charAt(p) == '.' && p + 1 < n && s.charAt(p + 1) == '.') {
                        break;
                    }
                    p++;
                }
                add(NUMBER, i, p);
                i = p;
            } else if (c == '(' || c == ')' || c == ',' || c == ';' || c == '[' || c == ']' || c == '.') {
                add(OP, i, i + 1);
                i++;
            } else if (c == ':') {
                int e = i + 1 < n && s.charAt(i + 1) == ':' ? i + 2 : i + 1;
                add(OP, i, e);
                i = e;
            } else if ("+-*/<>=~!@#%^&|`?\\".indexOf(c) >= 0) {
                int p = i + 1;
                while (p < n && "+-*/<>=~!@#%^&|`?".indexOf(s.charAt(p)) >= 0
                        && !(s.charAt(p) == '-' && p + 1 < n && s.charAt(p + 1) == '-')
                        && !(s.charAt(p) == '/' && p + 1 < n && s.charAt(p + 1) == '*')) {
                    p++;
                }
                add(OP, i, p);
                i = p;
            } else {
                add(OP, i, i + 1);
                i++;
            }
        }
    }

    /** A string prefix (E, U&, B, X, N) was lexed as a word or operator: drop those tokens; the string keeps them. */
    private void mergeStringPrefix(int quote) {
        while (size > 0 && end[size - 1] == quote
                && (type[size - 1] == WORD && end[size - 1] - start[size - 1] <= 2 || isOp(size - 1, "&"))) {
            size--;
            quote = start[size];
        }
    }

    private int skipComment(int i) {
        int n = s.length();
        int depth = 0;
        int p = i;
        while (p < n) {
            if (s.charAt(p) == '/' && p + 1 < n && s.charAt(p + 1) == '*') {
                depth++;
                p += 2;
            } else if (s.charAt(p) == '*' && p + 1 < n && s.charAt(p + 1) == '/') {
                p += 2;
                if (--depth == 0) {
                    return p;
                }
            } else {
                p++;
            }
        }
        return n;
    }

    private int quoted(int i, char q, boolean backslash) {
        int n = s.length();
        int p = i + 1;
        while (p < n) {
            char c = s.charAt(p);
            if (backslash && c == '\\') {
                p += 2;
            } else if (c == q) {
                if (p + 1 < n && s.charAt(p + 1) == q) {
                    p += 2;
                } else {
                    return p + 1;
                }
            } else {
                p++;
            }
        }
        return n;
    }

    private int dollar(int i) {
        int n = s.length();
        int p = i + 1;
        if (p < n && Character.isDigit(s.charAt(p))) {
            while (p < n && Character.isDigit(s.charAt(p))) {
                p++;
            }
            add(PARAM, i, p);
            return p;
        }
        if (p < n && s.charAt(p) != '$') {
            if (!Splitter.isIdentStart(s.charAt(p))) {
                add(OP, i, i + 1);
                return i + 1;
            }
            while (p < n && Splitter.isIdentPart(s.charAt(p)) && s.charAt(p) != '$') {
                p++;
            }
            if (p >= n || s.charAt(p) != '$') {
                add(OP, i, i + 1);
                return i + 1;
            }
        }
        String tag = s.substring(i, p + 1);
        int close = s.indexOf(tag, p + 1);
        int e = close < 0 ? n : close + tag.length();
        add(STRING, i, e);
        return e;
    }
}
