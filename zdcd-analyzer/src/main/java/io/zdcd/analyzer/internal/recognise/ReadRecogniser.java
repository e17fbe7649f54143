package io.zdcd.analyzer.internal.recognise;

import io.zdcd.analyzer.internal.Judgement;
import io.zdcd.analyzer.internal.Name;
import io.zdcd.analyzer.internal.Tokens;
import io.zdcd.analyzer.internal.model.Op;
import io.zdcd.analyzer.internal.model.Query;
import io.zdcd.analyzer.internal.model.ReadCommand;
import io.zdcd.analyzer.internal.model.SelectInto;
import io.zdcd.analyzer.internal.model.Setting;
import io.zdcd.analyzer.internal.model.UnknownTimeZone;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** Reads: SELECT, VALUES, TABLE, DECLARE, SHOW, EXPLAIN, FETCH, MOVE, CLOSE. */
final class ReadRecogniser {
    private ReadRecogniser() {
    }

    static List<Op> read(Tokens t, int p, Judgement j) {
        String verb = t.upper(p);
        j.kind(verb);
        if (verb.equals("EXPLAIN")) {
            boolean analyze = t.is(p + 1, "ANALYZE") || t.is(p + 1, "ANALYSE")
                    || (t.isOp(p + 1, "(") && t.contains(p + 1, t.closing(p + 1), "ANALYZE"));
            return List.of(new ReadCommand(verb, analyze));
        }
        if (verb.equals("SHOW") || verb.equals("FETCH") || verb.equals("MOVE") || verb.equals("CLOSE")) {
            return List.of(new ReadCommand(verb, false));
        }
        int into = t.find(p, "INTO");
        if (verb.equals("SELECT") && into >= 0 && !t.is(into - 1, "INSERT")) {
            Name n = Name.parse(t, into + 1 + (t.is(into + 1, "TABLE") || t.is(into + 1, "TEMP")
                    || t.is(into + 1, "TEMPORARY") || t.is(into + 1, "UNLOGGED") ? 1 : 0));
            j.kind("SELECT INTO");
            return List.of(new SelectInto(n, Sources.read(t, p)));
        }
        List<Name> sources = Sources.read(t, p);
        boolean forUpdate = t.find(p, "FOR") >= 0 && (t.contains(p, t.size(), "UPDATE")
                || t.contains(p, t.size(), "SHARE"));
        String fn = unknownFunction(t, p);
        List<Op> ops = new ArrayList<>();
        Query.Setval setval = Query.Setval.NONE;
        if (fn == null) { // set_config() calls are judged like SET, before the query
            for (int k = findCall(t, p, "set_config"); k >= 0; k = findCall(t, k + 1, "set_config")) {
                Op setting = setConfig(t, k + 2);
                if (setting != null) {
                    ops.add(setting);
                }
            }
            int sv = findCall(t, p, "setval");
            if (sv >= 0) {
                setval = t.contains(sv, t.closing(sv + 1), "max") ? Query.Setval.FROM_MAX : Query.Setval.OTHER;
            }
        }
        ops.add(new Query(sources, forUpdate, fn, fn == null ? notInstantCall(t, p) : null, setval));
        return ops;
    }

    /** Functions a migration's SELECT may call without zdcd treating it as opaque code. */
    private static final Set<String> SAFE_FUNCTIONS = Set.of("setval", "nextval", "currval", "lastval",
            "pg_advisory_lock",
            "pg_advisory_unlock", "pg_advisory_xact_lock", "pg_try_advisory_lock", "pg_try_advisory_xact_lock",
            "pg_advisory_unlock_all", "pg_advisory_lock_shared", "pg_advisory_unlock_shared", "set_config",
            "current_setting", "pg_sleep", "count", "max", "min", "sum", "avg", "coalesce", "nullif", "greatest",
            "least", "lower", "upper", "length", "format", "concat", "concat_ws", "substring", "substr", "trim",
            "replace", "to_char", "to_date", "to_timestamp", "date_trunc", "extract", "age", "array_agg",
            "string_agg", "json_build_object", "jsonb_build_object", "json_agg", "jsonb_agg", "row_number", "exists",
            "pg_get_serial_sequence", "now", "version", "current_database", "current_schema", "current_user",
            "pg_size_pretty", "pg_relation_size", "pg_total_relation_size", "pg_table_size", "has_table_privilege",
            "quote_ident", "quote_literal", "quote_nullable", "unnest", "generate_series", "array_length",
            "cardinality", "abs", "round", "floor", "ceil", "random", "md5", "gen_random_uuid", "to_regclass",
            "pg_backend_pid", "txid_current", "pg_current_xact_id", "row_to_json", "to_jsonb", "to_json",
            "jsonb_set", "jsonb_array_elements", "json_array_elements", "regexp_replace", "split_part", "position",
            "left", "right", "lpad", "rpad", "bool_and", "bool_or", "every", "date_part", "make_interval", "cast",
            "pg_catalog.set_config", "obj_description", "col_description", "string_to_array", "array_to_string");

    /**
     * Functions of {@link #SAFE_FUNCTIONS} that may take any time: they sleep, wait for a lock another session holds,
     * or produce as many rows as asked. A call of one of them (or of any function zdcd does not know) is a long
     * operation: under a lock held by the transaction, that table waits for it.
     */
    private static final Set<String> NOT_INSTANT_FUNCTIONS = Set.of("pg_sleep", "pg_sleep_for", "pg_sleep_until",
            "pg_advisory_lock", "pg_advisory_xact_lock", "pg_advisory_lock_shared", "generate_series");

    /** The first call of a function that may take any time, as {@code name()}, or null. */
    private static String notInstantCall(Tokens t, int p) {
        for (String fn : NOT_INSTANT_FUNCTIONS) {
            if (findCall(t, p, fn) >= 0) {
                return fn + "()";
            }
        }
        return null;
    }

    /** {@code set_config('name', 'value', is_local)} with its arguments from {@code a}: a setting, or null. */
    private static Op setConfig(Tokens t, int a) {
        if (t.type(a) != Tokens.STRING || !t.isOp(a + 1, ",")) {
            return new UnknownTimeZone(); // a computed name: it may change the time zone
        }
        String name = unquote(t.text(a)).toLowerCase(Locale.ROOT);
        boolean literalValue = t.type(a + 2) == Tokens.STRING && t.isOp(a + 3, ",");
        boolean local = literalValue && t.is(a + 4, "true");
        if (!literalValue) {
            return name.equals("timezone") ? new UnknownTimeZone() : null;
        }
        return new Setting(name, unquote(t.text(a + 2)).toLowerCase(Locale.ROOT), local);
    }

    private static String unquote(String literal) {
        String v = literal;
        if (v.startsWith("E") || v.startsWith("e")) {
            v = v.substring(1);
        }
        if (v.length() >= 2 && v.startsWith("'") && v.endsWith("'")) {
            v = v.substring(1, v.length() - 1).replace("''", "'");
        }
        return v;
    }

    /** The token index of a call of {@code fn} (unqualified or pg_catalog.), or -1. */
    private static int findCall(Tokens t, int from, String fn) {
        for (int k = from; k < t.size(); k++) {
            if (t.isIdent(k) && t.ident(k).equals(fn) && t.isOp(k + 1, "(")) {
                return k;
            }
        }
        return -1;
    }

    private static final Set<String> KEYWORDS_BEFORE_PAREN = Set.of("in", "any", "all", "exists", "values",
            "select",
            "filter", "over", "as", "and", "or", "not", "coalesce", "case", "when", "then", "else", "on", "using",
            "from", "where", "join", "array", "row", "lateral", "partition", "within", "table", "interval", "set",
            "is", "like", "by", "ilike", "similar", "between", "union", "except", "intersect", "with", "distinct");

    private static String unknownFunction(Tokens t, int p) {
        for (int k = p; k < t.size(); k++) {
            if (!t.isIdent(k) || !t.isOp(k + 1, "(") || t.isOp(k - 1, "::")) {
                continue;
            }
            String fn = t.ident(k);
            if (t.isOp(k - 1, ".")) {
                // schema.fn(...): a function of pg_catalog is judged by its name; any other schema's is unknown code
                // unless listed with its schema (fail closed: it can take any lock and change any schema)
                if (!t.isIdent(k - 2)) {
                    continue;
                }
                String schema = t.ident(k - 2);
                String qualified = schema + "." + fn;
                boolean known = schema.equals("pg_catalog") ? SAFE_FUNCTIONS.contains(fn)
                        : SAFE_FUNCTIONS.contains(qualified);
                if (!known) {
                    return qualified + "()";
                }
                continue;
            }
            if (KEYWORDS_BEFORE_PAREN.contains(fn)) {
                continue;
            }
            if (k > p && t.isIdent(k - 1) && !t.isWord(k - 1)) {
                continue;
            }
            if (!SAFE_FUNCTIONS.contains(fn) && !isTableAlias(t, k)) {
                return fn + "()";
            }
        }
        return null;
    }

    /** "FROM users u (cols)" or "AS x (a, b)": not a call. */
    private static boolean isTableAlias(Tokens t, int k) {
        return t.is(k - 1, "AS") || (t.isIdent(k - 1) && (t.is(k - 2, "FROM") || t.is(k - 2, "JOIN")));
    }
}
