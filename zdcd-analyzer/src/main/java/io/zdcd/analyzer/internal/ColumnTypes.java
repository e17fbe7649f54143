package io.zdcd.analyzer.internal;

import java.util.Locale;
import java.util.Map;

/** Column type names normalised to one spelling, and whether changing one type to another rewrites the table. */
public final class ColumnTypes {
    private ColumnTypes() {
    }

    private static final Map<String, String> ALIASES = Map.ofEntries(
            Map.entry("character varying", "varchar"), Map.entry("varchar", "varchar"),
            Map.entry("character", "bpchar"), Map.entry("char", "bpchar"), Map.entry("bpchar", "bpchar"),
            Map.entry("int", "int4"), Map.entry("integer", "int4"), Map.entry("int4", "int4"),
            Map.entry("serial", "int4"), Map.entry("serial4", "int4"),
            Map.entry("bigint", "int8"), Map.entry("int8", "int8"), Map.entry("bigserial", "int8"),
            Map.entry("serial8", "int8"),
            Map.entry("smallint", "int2"), Map.entry("int2", "int2"), Map.entry("smallserial", "int2"),
            Map.entry("decimal", "numeric"), Map.entry("numeric", "numeric"),
            Map.entry("boolean", "bool"), Map.entry("bool", "bool"),
            Map.entry("double precision", "float8"), Map.entry("float8", "float8"),
            Map.entry("real", "float4"), Map.entry("float4", "float4"),
            Map.entry("timestamp with time zone", "timestamptz"), Map.entry("timestamptz", "timestamptz"),
            Map.entry("timestamp without time zone", "timestamp"), Map.entry("timestamp", "timestamp"),
            Map.entry("time with time zone", "timetz"), Map.entry("timetz", "timetz"),
            Map.entry("time without time zone", "time"), Map.entry("time", "time"),
            Map.entry("bit varying", "varbit"), Map.entry("varbit", "varbit"));

    /**
     * Normalises a type as written ({@code character varying(50)}, {@code VARCHAR(50)}, {@code timestamp(3) with time
     * zone}, {@code "varchar"}) to {@code varchar(50)}, {@code timestamptz(3)}; unknown names are lower-cased.
     */
    private static final java.util.Map<String, String> CACHE = new java.util.concurrent.ConcurrentHashMap<>();

    public static String normalise(String written) {
        if (written == null) {
            return null;
        }
        String cached = CACHE.get(written);
        if (cached != null) {
            return cached;
        }
        String result = compute(written);
        if (CACHE.size() < 10_000) {
            CACHE.put(written, result);
        }
        return result;
    }

    /** Lower-cases, drops double quotes, collapses whitespace and removes it around ( , ). */
    private static String squeeze(String written) {
        StringBuilder sb = new StringBuilder(written.length());
        boolean space = false;
        for (int i = 0; i < written.length(); i++) {
            char c = Character.toLowerCase(written.charAt(i));
            if (c == '"') {
                continue;
            }
            if (Character.isWhitespace(c)) {
                space = sb.length() > 0;
                continue;
            }
            if (c == '(' || c == ',' || c == ')') {
                space = false;
            } else if (space && sb.length() > 0) {
                char last = sb.charAt(sb.length() - 1);
                if (last != '(' && last != ',') {
                    sb.append(' ');
                }
            }
            space = false;
            sb.append(c);
        }
        return sb.toString();
    }

    private static String compute(String written) {
        String t = squeeze(written);
        if (t.startsWith("pg_catalog.")) {
            t = t.substring("pg_catalog.".length());
        }
        String array = "";
        while (t.endsWith("[]")) {
            array += "[]";
            t = t.substring(0, t.length() - 2).trim();
        }
        String mods = "";
        // "timestamp(3) with time zone": the modifier sits in the middle
        int p = t.indexOf('(');
        if (p >= 0) {
            int q = t.indexOf(')', p);
            if (q > p) {
                mods = t.substring(p, q + 1);
                t = squeeze(t.substring(0, p) + " " + t.substring(q + 1)).trim();
            }
        }
        String base = ALIASES.getOrDefault(t, t);
        return base + mods + array;
    }

    private static String base(String t) {
        int p = t.indexOf('(');
        return p < 0 ? t : t.substring(0, p);
    }

    private static int[] mods(String t) {
        int p = t.indexOf('(');
        if (p < 0) {
            return new int[0];
        }
        String[] parts = t.substring(p + 1, t.indexOf(')', p)).split(",");
        int[] r = new int[parts.length];
        for (int i = 0; i < parts.length; i++) {
            try {
                r[i] = Integer.parseInt(parts[i].trim());
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return r;
    }

    /**
     * Whether a change that needs no table rewrite still changes how values compare, so PostgreSQL rebuilds the
     * column's indexes (their operator class changes): citext to or from text / varchar.
     */
    public static boolean changesComparison(String from, String to) {
        return from != null && to != null && !base(from).equals(base(to))
                && (base(from).equals("citext") || base(to).equals("citext"));
    }

    /**
     * Whether {@code from} -> {@code to} (both normalised) needs no table rewrite (PostgreSQL 9.2+), given the session
     * TimeZone is known to be UTC or not.
     */
    public static boolean noRewrite(String from, String to, boolean utcSession) {
        if (from == null || to == null) {
            return false;
        }
        if (from.equals(to)) {
            return true;
        }
        if (from.endsWith("[]") || to.endsWith("[]")) {
            return false;
        }
        String fb = base(from);
        String tb = base(to);
        int[] fm = mods(from);
        int[] tm = mods(to);
        if (fm == null || tm == null) {
            return false;
        }
        switch (fb) {
            case "varchar":
                if (tb.equals("text") || (tb.equals("varchar") && tm.length == 0) || tb.equals("citext")) {
                    return true;
                }
                return tb.equals("varchar") && fm.length == 1 && tm.length == 1 && tm[0] >= fm[0];
            case "text":
                return (tb.equals("varchar") && tm.length == 0) || tb.equals("citext");
            case "citext": // the extension's casts to and from text and varchar are WITHOUT FUNCTION
                return tb.equals("text") || (tb.equals("varchar") && tm.length == 0);
            case "numeric":
                if (!tb.equals("numeric")) {
                    return false;
                }
                if (tm.length == 0) {
                    return true;
                }
                if (fm.length == 0) {
                    return false;
                }
                int fs = fm.length > 1 ? fm[1] : 0;
                int ts = tm.length > 1 ? tm[1] : 0;
                return fs == ts && tm[0] >= fm[0];
            case "timestamp", "timestamptz", "time", "timetz", "interval":
                if (fb.equals(tb) || (fb.equals("timestamp") && tb.equals("timestamptz") && utcSession)) {
                    if (tm.length == 0) {
                        return true;
                    }
                    // no precision is the maximum, 6: timestamp -> timestamp(6) changes nothing
                    int fromPrecision = fm.length == 0 ? 6 : fm[0];
                    return (fm.length <= 1) && tm.length == 1 && tm[0] >= fromPrecision;
                }
                return false;
            case "varbit":
                return tb.equals("varbit") && (tm.length == 0 || (fm.length == 1 && tm[0] >= fm[0]));
            case "cidr":
                return tb.equals("inet");
            default:
                return false;
        }
    }
}
