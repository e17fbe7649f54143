package io.zdcd.analyzer.internal.recognise;

import io.zdcd.analyzer.internal.Name;
import io.zdcd.analyzer.internal.Tokens;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** The relations a query reads, and column lists: token walks shared by recognisers. */
public final class Sources {
    private Sources() {
    }

    private static final Set<String> FUNCTION_LIKE = Set.of("unnest", "generate_series", "jsonb_array_elements",
            "json_array_elements", "jsonb_each", "json_each", "regexp_split_to_table");

    /**
     * The relations named after FROM or JOIN from token {@code p} on (set-returning functions left out), in order.
     *
     * @param t the tokens
     * @param p where to start
     * @return the relations (each read under AccessShareLock)
     */
    public static List<Name> of(Tokens t, int p) {
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
    public static List<Name> ofPart(Tokens t, int from, int close) {
        return of(Tokens.lex(t.text(from, close - 1)), 0);
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
