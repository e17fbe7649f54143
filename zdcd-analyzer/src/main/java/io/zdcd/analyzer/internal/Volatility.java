package io.zdcd.analyzer.internal;

import java.util.Set;

/** Which function calls in a DEFAULT expression force a rewrite (volatile ones, and any zdcd does not know). */
public final class Volatility {
    private Volatility() {
    }

    /** Built-in functions that are IMMUTABLE or STABLE: a DEFAULT using only these is evaluated once (PG 11+). */
    static final Set<String> NON_VOLATILE = Set.of("now", "transaction_timestamp", "statement_timestamp",
            "current_date", "current_timestamp", "localtimestamp", "localtime", "current_time", "lower", "upper",
            "coalesce", "nullif", "greatest", "least", "to_jsonb", "to_json", "jsonb_build_object",
            "jsonb_build_array", "json_build_object", "json_build_array", "array", "row", "concat", "concat_ws",
            "format", "length", "trim", "btrim", "ltrim", "rtrim", "replace", "substring", "substr", "abs", "round",
            "floor", "ceil", "ceiling", "make_date", "make_timestamp", "make_timestamptz", "make_interval",
            "date_trunc", "to_timestamp", "to_date", "to_char", "timezone", "current_user", "session_user",
            "current_schema", "current_setting", "pg_catalog.now", "int4", "int8", "text", "varchar", "numeric",
            "bool", "date", "timestamp", "timestamptz", "jsonb", "json", "interval", "array_fill", "md5", "cast",
            "extract", "date_part", "age", "uuid_nil", "gen_random_bytes_not_volatile");

    /** The first function call in tokens [from, to) that is volatile or unknown, or null. */
    public static String firstVolatile(Tokens t, int from, int to) {
        for (int k = from; k < to; k++) {
            if (t.isIdent(k) && t.isOp(k + 1, "(") && !(k > from && t.isOp(k - 1, "::"))) {
                String fn = t.ident(k);
                int q = k;
                while (q - 2 >= from && t.isOp(q - 1, ".") && t.isIdent(q - 2)) {
                    q -= 2;
                }
                if (!NON_VOLATILE.contains(fn)) {
                    return fn + "()";
                }
            }
            if (t.is(k, "NEXTVAL")) {
                return "nextval()";
            }
        }
        return null;
    }
}
