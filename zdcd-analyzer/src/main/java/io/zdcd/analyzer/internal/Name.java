package io.zdcd.analyzer.internal;

/**
 * A possibly schema-qualified relation name. {@code key} identifies it ({@code public.} dropped, unquoted parts
 * lower-cased); {@code display} is how reports show it; {@code end} is the token index after the name.
 */
public record Name(String key, String display, int end) {

    /** Parses {@code a}, {@code a.b} or {@code a.b.c} at token {@code i}; null if no identifier is there. */
    public static Name parse(Tokens t, int i) {
        if (!t.isIdent(i)) {
            return null;
        }
        StringBuilder key = new StringBuilder(t.ident(i));
        StringBuilder display = new StringBuilder(SqlText.quote(t.ident(i)));
        int p = i + 1;
        while (t.isOp(p, ".") && t.isIdent(p + 1)) {
            key.append('.').append(t.ident(p + 1));
            display.append('.').append(SqlText.quote(t.ident(p + 1)));
            p += 2;
        }
        String k = key.toString();
        if (k.startsWith("public.")) {
            k = k.substring("public.".length());
        } else if (k.startsWith("pg_catalog.")) {
            k = k.substring("pg_catalog.".length());
        }
        return new Name(k, display.toString(), p);
    }

    /** An identifier as PostgreSQL prints it: double-quoted when it needs quotes. */
    public static String quote(String ident) {
        return SqlText.quote(ident);
    }

    /** The unqualified last part (a quoted part may itself contain dots: {@code "MarketData.date_key"}). */
    public String last() {
        if (display.endsWith("\"") && display.length() >= 2) {
            int open = display.length() - 2;
            while (open >= 0) {
                if (display.charAt(open) == '"') {
                    if (open > 0 && display.charAt(open - 1) == '"') {
                        open -= 2; // a doubled quote inside the name
                        continue;
                    }
                    break;
                }
                open--;
            }
            if (open >= 0) {
                return display.substring(open + 1, display.length() - 1).replace("\"\"", "\"");
            }
        }
        int dot = key.lastIndexOf('.');
        return dot < 0 ? key : key.substring(dot + 1);
    }
}
