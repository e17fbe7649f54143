package io.zdcd.analyzer.internal.recognise;

import io.zdcd.analyzer.internal.Tokens;
import java.util.Set;

/** Whether a WHERE clause bounds the rows a data change touches by their key. */
public final class Bounded {
    private Bounded() {
    }

    private static final Set<String> KEY_COLUMNS = Set.of("id", "pk", "ctid");

    /**
     * A WHERE that limits the rows by their key: a top-level conjunct (no top-level OR) comparing a key column (id, pk,
     * ctid) with {@code =} to a value, {@code IN} / {@code = ANY} a list of values or a subquery with LIMIT,
     * {@code BETWEEN} two values, or both a lower and an upper bound. {@code id > 0} or {@code id = id} is not.
     */
    public static boolean bounded(Tokens t, int from) {
        int end = t.find(from, "RETURNING");
        return bounded(t, from, end < 0 ? t.size() : end);
    }

    private static boolean bounded(Tokens t, int from, int end) {
        if (from < end && t.isOp(from, "(") && t.closing(from) == end - 1) {
            return bounded(t, from + 1, end - 1); // WHERE (...)
        }
        for (int k = from; k < end; k++) {
            if (t.isOp(k, "(") || t.isOp(k, "[")) {
                k = t.closing(k);
            } else if (t.is(k, "OR")) {
                return false;
            }
        }
        boolean lower = false;
        boolean upper = false;
        for (int k = from; k < end; k++) {
            if (t.isOp(k, "(") || t.isOp(k, "[")) {
                k = t.closing(k);
                continue;
            }
            if (!(t.isIdent(k) && KEY_COLUMNS.contains(t.ident(k))) || t.isOp(k + 1, ".") || t.is(k - 1, "NOT")) {
                continue;
            }
            int n = k + 1;
            if (t.isOp(n, "=") && t.is(n + 1, "ANY") && t.isOp(n + 2, "(")) {
                if (valuesOrLimitedQuery(t, n + 2)) {
                    return true;
                }
            } else if (t.isOp(n, "=") && literal(t, n + 1)) {
                return true;
            } else if (t.is(n, "IN") && t.isOp(n + 1, "(")) {
                if (valuesOrLimitedQuery(t, n + 1)) {
                    return true;
                }
            } else if (t.is(n, "BETWEEN") && literal(t, n + 1)) {
                int and = n + 2 + (t.isOp(n + 1, "-") ? 1 : 0);
                if (t.is(and, "AND") && literal(t, and + 1)) {
                    return true;
                }
            } else if ((t.isOp(n, ">") || t.isOp(n, ">=")) && literal(t, n + 1)) {
                lower = true;
            } else if ((t.isOp(n, "<") || t.isOp(n, "<=")) && literal(t, n + 1)) {
                upper = true;
            }
        }
        return lower && upper;
    }

    /** A number, string or parameter, optionally negative. */
    private static boolean literal(Tokens t, int i) {
        if (t.isOp(i, "-")) {
            i++;
        }
        int type = i < t.size() ? t.type(i) : -1;
        return type == Tokens.NUMBER || type == Tokens.STRING || type == Tokens.PARAM;
    }

    /** {@code (v1, v2, ...)}, {@code (ARRAY[...])}, {@code ('{...}')} or {@code (SELECT ... LIMIT n)} at {@code open}. */
    private static boolean valuesOrLimitedQuery(Tokens t, int open) {
        int close = t.closing(open);
        if (t.is(open + 1, "SELECT") || t.is(open + 1, "WITH") || t.is(open + 1, "VALUES")) {
            int limit = t.find(open + 1, "LIMIT");
            int fetch = t.find(open + 1, "FETCH");
            return limit >= 0 && limit < close || fetch >= 0 && fetch < close;
        }
        int k = open + 1;
        if (t.is(k, "ARRAY") && t.isOp(k + 1, "[")) {
            return valueList(t, k + 2, t.closing(k + 1)) && t.closing(k + 1) == close - 1;
        }
        return valueList(t, k, close);
    }

    private static boolean valueList(Tokens t, int from, int end) {
        if (from >= end) {
            return false;
        }
        for (int k = from; k < end; k++) {
            if (t.isOp(k, ",") || t.isOp(k, "-") || t.isOp(k, "::") || t.isWord(k) && k > from
                    && t.isOp(k - 1, "::")) {
                continue;
            }
            int type = t.type(k);
            if (type != Tokens.NUMBER && type != Tokens.STRING && type != Tokens.PARAM) {
                return false;
            }
        }
        return true;
    }
}
