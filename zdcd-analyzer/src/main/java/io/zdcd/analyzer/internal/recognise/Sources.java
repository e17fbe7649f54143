package io.zdcd.analyzer.internal.recognise;

import io.zdcd.analyzer.internal.Name;
import io.zdcd.analyzer.internal.Tokens;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** The relations a query reads: the names after FROM and JOIN. */
public final class Sources {
    private static final Set<String> FUNCTION_LIKE = Set.of("unnest", "generate_series", "jsonb_array_elements",
            "json_array_elements", "jsonb_each", "json_each", "regexp_split_to_table");

    private Sources() {
    }

    /**
     * The relations named after FROM / JOIN from token {@code p} on, in order (set-returning functions left out).
     *
     * @param t the tokens
     * @param p where the query starts
     * @return the relations
     */
    public static List<Name> read(Tokens t, int p) {
        List<Name> sources = new ArrayList<>();
        for (int k = p; k < t.size(); k++) {
            if (t.is(k, "FROM") || t.is(k, "JOIN")) {
                int q = k + 1;
                if (t.is(q, "ONLY") || t.is(q, "LATERAL")) {
                    q++;
                }
                Name n = Name.parse(t, q);
                if (n != null && !FUNCTION_LIKE.contains(n.key())) {
                    sources.add(n);
                }
            }
        }
        return sources;
    }

    /**
     * The relations a parenthesised query reads.
     *
     * @param t     the tokens
     * @param from  the first token inside the parentheses
     * @param close the closing parenthesis
     * @return the relations
     */
    public static List<Name> readPart(Tokens t, int from, int close) {
        return read(Tokens.lex(t.text(from, close - 1)), 0);
    }

    /**
     * The column names of the list "(a, b, ...)" at {@code paren}; empty when there is none.
     *
     * @param t     the tokens
     * @param paren the opening parenthesis
     * @return the names, unquoted
     */
    public static List<String> columnList(Tokens t, int paren) {
        List<String> cols = new ArrayList<>();
        if (!t.isOp(paren, "(")) {
            return cols;
        }
        int close = t.closing(paren);
        boolean start = true;
        for (int k = paren + 1; k < close; k++) {
            if (start && t.isIdent(k)) {
                cols.add(t.ident(k));
            }
            if (t.isOp(k, "(")) {
                k = t.closing(k);
            }
            start = t.isOp(k, ",");
        }
        return cols;
    }
}
