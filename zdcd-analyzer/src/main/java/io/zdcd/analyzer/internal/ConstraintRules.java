package io.zdcd.analyzer.internal;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Token helpers for constraints, shared by the CREATE TABLE rules, the data rules and the recognisers. */
public final class ConstraintRules {
    private ConstraintRules() {
    }

    /** The simple column names in the parenthesised list at {@code paren}. */
    public static List<String> columnList(Tokens t, int paren, int e) {
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

    /** The identifiers inside the parenthesised expression at {@code paren} (column candidates). */
    public static Set<String> identifiers(Tokens t, int paren) {
        Set<String> ids = new HashSet<>();
        int close = Math.min(t.closing(paren), t.size());
        for (int k = paren + 1; k < close; k++) {
            if (t.isIdent(k)) {
                ids.add(t.ident(k));
            }
        }
        return ids;
    }
}
