package io.zdcd.analyzer.internal.recognise;

import io.zdcd.analyzer.internal.Name;
import io.zdcd.analyzer.internal.Tokens;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** The relations a query reads: the names after FROM and JOIN, and after the commas of a FROM list. */
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
                item(sources, t, k + 1);
                if (t.is(k, "FROM")) {
                    laterItems(sources, t, k + 1);
                }
            }
        }
        return sources;
    }

    /**
     * The relations of a FROM list whose first item is at {@code p} with no FROM before it ({@code DELETE ... USING
     * a, b}): its items and the relations they join or query.
     *
     * @param t the tokens
     * @param p the first item
     * @return the relations
     */
    public static List<Name> fromList(Tokens t, int p) {
        List<Name> sources = new ArrayList<>();
        item(sources, t, p);
        laterItems(sources, t, p);
        sources.addAll(read(t, p));
        return sources;
    }

    /** Words that end a FROM list (at its depth). */
    private static final Set<String> AFTER_FROM_LIST = Set.of("WHERE", "GROUP", "HAVING", "WINDOW", "ORDER", "LIMIT",
            "OFFSET", "FETCH", "FOR", "UNION", "INTERSECT", "EXCEPT", "RETURNING", "DO", "SET", "VALUES",
            "SELECT", "INTO");

    /** The relation of the FROM item at {@code q}, if it names one (a subquery or a set-returning function does not). */
    private static void item(List<Name> sources, Tokens t, int q) {
        if (t.is(q, "ONLY") || t.is(q, "LATERAL")) {
            q++;
        }
        Name n = Name.parse(t, q);
        if (n != null && !FUNCTION_LIKE.contains(n.key())) {
            sources.add(n);
        }
    }

    /**
     * The items after the commas of the FROM list whose first item is at {@code p}, up to the word or parenthesis that
     * ends it ({@code FROM a, b x, c WHERE}; {@code ON CONFLICT ... DO UPDATE SET a = 1, b = 2}
     * ends at DO).
     */
    private static void laterItems(List<Name> sources, Tokens t, int p) {
        for (int k = p; k < t.size(); k++) {
            if (t.isOp(k, "(") || t.isOp(k, "[")) {
                k = t.closing(k);
            } else if (t.isOp(k, ")") || t.isOp(k, "]") || t.isOp(k, ";")
                    || t.isWord(k) && AFTER_FROM_LIST.contains(t.upper(k))) {
                return;
            } else if (t.isOp(k, ",")) {
                item(sources, t, k + 1);
            }
        }
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
