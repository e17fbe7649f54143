package io.zdcd.analyzer.internal;

import static io.zdcd.classify.LockMode.ACCESS_SHARE;
import static io.zdcd.classify.LockMode.ROW_EXCLUSIVE;
import static io.zdcd.classify.LockMode.ROW_SHARE;

import io.zdcd.classify.LockMode;
import io.zdcd.classify.Verdict;
import java.util.Set;

/** Data changes (UPDATE, DELETE, INSERT, MERGE, COPY) and reads (SELECT, SHOW, EXPLAIN). */
final class DataRules {
    private DataRules() {
    }

    static void data(Tokens t, int i, Judgement j) {
        int p = i;
        if (t.is(p, "WITH")) {
            p = skipCtes(t, p + 1, j);
        }
        String verb = t.upper(p);
        switch (verb) {
            case "UPDATE" -> updateOrDelete(t, p, j, "UPDATE");
            case "DELETE" -> updateOrDelete(t, p, j, "DELETE");
            case "INSERT" -> insert(t, p, j);
            case "MERGE" -> merge(t, p, j);
            case "COPY" -> copy(t, p, j);
            case "SELECT", "VALUES", "TABLE" -> read(t, p, j);
            default -> {
                j.kind("WITH");
                j.finding(Rules.UNRECOGNISED, "zdcd does not recognise the statement after WITH");
            }
        }
    }

    /** Skips WITH [RECURSIVE] name [(cols)] AS [NOT] [MATERIALIZED] (query), ...; judges data-modifying CTEs. */
    private static int skipCtes(Tokens t, int p, Judgement j) {
        if (t.is(p, "RECURSIVE")) {
            p++;
        }
        while (p < t.size()) {
            p++; // name
            if (t.isOp(p, "(")) {
                p = t.closing(p) + 1;
            }
            if (t.is(p, "AS")) {
                p++;
            }
            if (t.is(p, "NOT")) {
                p++;
            }
            if (t.is(p, "MATERIALIZED")) {
                p++;
            }
            if (t.isOp(p, "(")) {
                int close = t.closing(p);
                String inner = t.upper(p + 1);
                if (DML.contains(inner)) {
                    Judgement sub = new Judgement(j.ctx);
                    Tokens part = Tokens.lex(t.text(p + 1, close - 1));
                    data(part, 0, sub);
                    merge(j, sub);
                } else {
                    CreateRules.readsSources(sub(t, p + 1, close), 0, j);
                }
                p = close + 1;
            }
            if (!t.isOp(p, ",")) {
                break;
            }
            p++;
        }
        return p;
    }

    private static Tokens sub(Tokens t, int from, int toExclusive) {
        return Tokens.lex(t.text(from, toExclusive - 1));
    }

    private static void merge(Judgement into, Judgement sub) {
        into.tables.addAll(sub.tables);
        if (sub.lock != null) {
            into.lock = sub.lock.max(into.lock);
        }
        sub.locks.forEach((k, v) -> into.locks.merge(k, v, LockMode::max));
        into.longRunning |= sub.longRunning;
        into.scan |= sub.scan;
        into.findings.addAll(sub.findings);
    }

    private static void updateOrDelete(Tokens t, int p, Judgement j, String verb) {
        j.kind(verb);
        int q = p + 1;
        if (verb.equals("DELETE") && t.is(q, "FROM")) {
            q++;
        }
        if (t.is(q, "ONLY")) {
            q++;
        }
        Name table = Name.parse(t, q);
        if (table == null) {
            j.finding(Rules.UNRECOGNISED, verb + " without a table name");
            return;
        }
        j.lock(table, ROW_EXCLUSIVE);
        int from = t.find(table.end(), verb.equals("UPDATE") ? "FROM" : "USING");
        if (from >= 0) {
            CreateRules.readsSources(t, from, j);
        }
        if (!j.ctx.existedBefore(table.key())) {
            j.finding(Rules.DATA_CHANGE, Verdict.SAFE, verb + " on a table created in this migration");
            return;
        }
        int where = t.find(table.end(), "WHERE");
        j.facts.command = verb;
        j.facts.table = table;
        j.facts.where = where >= 0;
        j.longRunning = true;
        if (where < 0) {
            j.scan = true;
            j.finding(Rules.UNBATCHED_DATA_CHANGE, Verdict.UNSAFE, verb + " without WHERE touches every row of "
                    + table.display() + " in one transaction: each row stays locked until COMMIT, so the old code's "
                    + "writes to them wait, and the statement runs as long as the table is big");
            return;
        }
        if (t.is(where + 1, "CURRENT", "OF") || bounded(t, where + 1)) {
            j.finding(Rules.DATA_CHANGE, Verdict.SAFE, verb + " of a bounded set of rows (a key value, key list, "
                    + "key range or a LIMITed subquery): RowExclusiveLock, row locks only on those rows");
            return;
        }
        j.scan = true;
        j.finding(Rules.UNBATCHED_DATA_CHANGE, Verdict.UNSAFE, verb + " with a WHERE that is not bounded by a key "
                + "range or LIMIT may touch most of " + table.display() + " in one transaction: those rows stay "
                + "locked until COMMIT and the old code's writes to them wait",
                Rules.UNBATCHED_DATA_CHANGE.alternative());
    }

    private static final Set<String> KEY_COLUMNS = Set.of("id", "pk", "ctid");

    /**
     * A WHERE that limits the rows by their key: a top-level conjunct (no top-level OR) comparing a key column (id, pk,
     * ctid) with {@code =} to a value, {@code IN} / {@code = ANY} a list of values or a subquery with LIMIT,
     * {@code BETWEEN} two values, or both a lower and an upper bound. {@code id > 0} or {@code id = id} is not.
     */
    static boolean bounded(Tokens t, int from) {
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

    private static void insert(Tokens t, int p, Judgement j) {
        j.kind("INSERT");
        int q = p + 1;
        if (t.is(q, "INTO")) {
            q++;
        }
        Name table = Name.parse(t, q);
        if (table == null) {
            j.finding(Rules.UNRECOGNISED, "INSERT without a table name");
            return;
        }
        j.lock(table, ROW_EXCLUSIVE);
        if (t.isOp(table.end(), "(")) { // traced: nextval() of a serial or identity column left out
            java.util.List<String> given = ConstraintRules.columnList(t, table.end(), t.closing(table.end()) + 1);
            Schema.Table st = j.ctx.schema.table(table.key());
            if (st != null) {
                st.columns.forEach((c, col) -> {
                    if (col.ownsSequence && !given.contains(c)) {
                        j.lock(Schema.sequenceOf(table, c), ROW_EXCLUSIVE);
                    }
                });
            }
        }
        int sel = t.find(table.end(), "SELECT");
        boolean fromQuery = sel >= 0 && !t.contains(table.end(), sel, "VALUES");
        if (fromQuery) {
            int before = j.tables.size();
            CreateRules.readsSources(t, sel, j);
            boolean readsExisting = j.tables.size() > before;
            j.longRunning = readsExisting;
            j.finding(Rules.DATA_CHANGE, Verdict.SAFE, "INSERT ... SELECT: RowExclusiveLock on " + table.display()
                    + (readsExisting ? " and a full read of the source tables (AccessShareLock): runs as long as "
                    + "they are big" : ""));
            return;
        }
        j.finding(Rules.DATA_CHANGE, Verdict.SAFE, "inserts rows: RowExclusiveLock on " + table.display()
                + ", no effect on the old code's queries");
    }

    private static void merge(Tokens t, int p, Judgement j) {
        j.kind("MERGE");
        if (!j.ctx.version.atLeast(15)) {
            j.finding(Rules.UNSUPPORTED_VERSION, Verdict.UNSAFE, "MERGE needs PostgreSQL 15+; the target is "
                    + j.ctx.version + ": the statement fails");
            return;
        }
        int q = p + 1;
        if (t.is(q, "INTO")) {
            q++;
        }
        Name table = Name.parse(t, q);
        j.lock(table, ROW_EXCLUSIVE);
        int using = t.find(q, "USING");
        if (using >= 0) {
            Name src = Name.parse(t, using + 1);
            if (src != null) {
                j.lock(src, ACCESS_SHARE);
            }
        }
        if (table != null && !j.ctx.existedBefore(table.key())) {
            j.finding(Rules.DATA_CHANGE, Verdict.SAFE, "MERGE into a table created in this migration");
            return;
        }
        j.longRunning = true;
        j.scan = true;
        j.finding(Rules.UNBATCHED_DATA_CHANGE, Verdict.UNSAFE, "MERGE can touch any number of rows of "
                + (table == null ? "the table" : table.display()) + " in one transaction; rows stay locked until "
                + "COMMIT");
    }

    private static void copy(Tokens t, int p, Judgement j) {
        j.kind("COPY");
        if (t.isOp(p + 1, "(")) {
            CreateRules.readsSources(sub(t, p + 2, t.closing(p + 1)), 0, j);
            j.finding(Rules.READ_QUERY, Verdict.SAFE, "COPY (query) TO: reads only");
            return;
        }
        Name table = Name.parse(t, p + 1);
        boolean from = t.find(p, "FROM") >= 0;
        if (from) {
            j.lock(table, ROW_EXCLUSIVE);
            boolean existing = table != null && j.ctx.existedBefore(table.key());
            j.longRunning = existing;
            j.finding(Rules.DATA_CHANGE, Verdict.SAFE, "COPY ... FROM loads rows: RowExclusiveLock, no effect on the "
                    + "old code's queries");
        } else {
            j.lock(table, ACCESS_SHARE);
            j.finding(Rules.READ_QUERY, Verdict.SAFE, "COPY ... TO reads the table (AccessShareLock)");
        }
    }

    /** Functions a migration's SELECT may call without zdcd treating it as opaque code. */
    static final Set<String> SAFE_FUNCTIONS = Set.of("setval", "nextval", "currval", "lastval", "pg_advisory_lock",
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
    static final Set<String> NOT_INSTANT_FUNCTIONS = Set.of("pg_sleep", "pg_sleep_for", "pg_sleep_until",
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

    static void read(Tokens t, int p, Judgement j) {
        String verb = t.upper(p);
        j.kind(verb);
        if (verb.equals("EXPLAIN")) {
            boolean analyze = t.is(p + 1, "ANALYZE") || t.is(p + 1, "ANALYSE")
                    || (t.isOp(p + 1, "(") && t.contains(p + 1, t.closing(p + 1), "ANALYZE"));
            if (analyze) {
                j.finding(Rules.OPAQUE_CODE, "EXPLAIN ANALYZE executes the statement; write the statement itself "
                        + "instead");
            } else {
                j.finding(Rules.READ_QUERY, Verdict.SAFE, "EXPLAIN only plans the statement");
            }
            return;
        }
        if (verb.equals("SHOW") || verb.equals("FETCH") || verb.equals("MOVE") || verb.equals("CLOSE")) {
            j.finding(Rules.READ_QUERY, Verdict.SAFE, verb + ": reads only");
            return;
        }
        int into = t.find(p, "INTO");
        if (verb.equals("SELECT") && into >= 0 && !t.is(into - 1, "INSERT")) {
            Name n = Name.parse(t, into + 1 + (t.is(into + 1, "TABLE") || t.is(into + 1, "TEMP")
                    || t.is(into + 1, "TEMPORARY") || t.is(into + 1, "UNLOGGED") ? 1 : 0));
            if (n != null) {
                j.ctx.createdHere.add(n.key());
                j.ctx.schema.createTable(n.key());
                j.table(n);
            }
            j.kind("SELECT INTO");
            CreateRules.readsSources(t, p, j);
            j.finding(Rules.CREATE_TABLE_AS, Verdict.SAFE, "SELECT INTO creates a table from a query: reads the "
                    + "sources in full (AccessShareLock)");
            return;
        }
        CreateRules.readsSources(t, p, j);
        boolean forUpdate = t.find(p, "FOR") >= 0 && (t.contains(p, t.size(), "UPDATE")
                || t.contains(p, t.size(), "SHARE"));
        if (forUpdate && j.lock != null) {
            j.lock = ROW_SHARE.max(j.lock);
            j.locks.replaceAll((k, v) -> ROW_SHARE.max(v)); // FOR UPDATE/SHARE: RowShareLock on the locked tables
        }
        String fn = unknownFunction(t, p);
        String slow = fn != null ? fn : notInstantCall(t, p);
        if (slow != null) {
            j.longRunning = true;
            j.slowCall = slow;
        }
        if (fn != null) {
            j.finding(Rules.OPAQUE_CODE, "calls " + fn + ", which zdcd does not know to be harmless: a function can "
                    + "take any lock and change any schema");
            return;
        }
        for (int k = findCall(t, p, "set_config"); k >= 0; k = findCall(t, k + 1, "set_config")) {
            setConfig(t, k + 2, j);
        }
        int setval = findCall(t, p, "setval");
        if (setval >= 0 && !t.contains(setval, t.closing(setval + 1), "max")) {
            j.breaksOldCode = true;
            j.finding(Rules.SEQUENCE_RESET, Verdict.UNSAFE, "setval() to a value that is not computed from max(...) "
                    + "of the table: if it moves the sequence back, the old code's next INSERTs collide with existing "
                    + "keys");
            return;
        }
        if (j.lock != null) {
            j.longRunning = true; // a query over an existing table runs as long as the table is big
        }
        if (forUpdate && j.lock != null) {
            j.finding(Rules.UNBATCHED_DATA_CHANGE, Verdict.UNSAFE, "SELECT ... FOR UPDATE/SHARE locks every row it "
                    + "returns until COMMIT (RowShareLock): the old code's writes to those rows wait",
                    "leave row locking to the statements that change the rows, in batches");
            return;
        }
        if (setval >= 0) {
            j.finding(Rules.SEQUENCE_RESET, Verdict.SAFE, "moves a sequence to max(...) of its table: "
                    + "RowExclusiveLock on the sequence only");
        }
        j.finding(Rules.READ_QUERY, Verdict.SAFE, "reads only" + (j.lock != null ? " (AccessShareLock)" : ""));
    }

    /** {@code set_config('name', 'value', is_local)} with its arguments from {@code a}: followed like SET. */
    private static void setConfig(Tokens t, int a, Judgement j) {
        if (t.type(a) != Tokens.STRING || !t.isOp(a + 1, ",")) {
            j.ctx.setTimeZone(false, false); // a computed name: it may change the time zone
            return;
        }
        String name = unquote(t.text(a)).toLowerCase(java.util.Locale.ROOT);
        boolean literalValue = t.type(a + 2) == Tokens.STRING && t.isOp(a + 3, ",");
        boolean local = literalValue && t.is(a + 4, "true");
        if (!literalValue) {
            if (name.equals("timezone")) {
                j.ctx.setTimeZone(false, false);
            }
            return;
        }
        StatementRules.setting(j, name, unquote(t.text(a + 2)).toLowerCase(java.util.Locale.ROOT), local);
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
    static int findCall(Tokens t, int from, String fn) {
        for (int k = from; k < t.size(); k++) {
            if (t.isIdent(k) && t.ident(k).equals(fn) && t.isOp(k + 1, "(")) {
                return k;
            }
        }
        return -1;
    }

    private static final Set<String> DML = Set.of("UPDATE", "DELETE", "INSERT", "MERGE");
    private static final Set<String> KEYWORDS_BEFORE_PAREN = Set.of("in", "any", "all", "exists", "values", "select",
            "filter", "over", "as", "and", "or", "not", "coalesce", "case", "when", "then", "else", "on", "using",
            "from", "where", "join", "array", "row", "lateral", "partition", "within", "table", "interval", "set",
            "is", "like", "by", "ilike", "similar", "between", "union", "except", "intersect", "with", "distinct");

    private static String unknownFunction(Tokens t, int p) {
        for (int k = p; k < t.size(); k++) {
            if (t.isIdent(k) && t.isOp(k + 1, "(") && !t.isOp(k - 1, "::") && !t.isOp(k - 1, ".")) {
                String fn = t.ident(k);
                if (t.isOp(k + 1, "(") && t.isOp(k - 1, ".")) {
                    continue;
                }
                if (KEYWORDS_BEFORE_PAREN.contains(fn)) {
                    continue;
                }
                if (k > p && t.isIdent(k - 1) && !t.isWord(k - 1)) {
                    continue;
                }
                String qualified = fn;
                if (t.isOp(k - 1, ".") && t.isIdent(k - 2)) {
                    qualified = t.ident(k - 2) + "." + fn;
                }
                if (!SAFE_FUNCTIONS.contains(fn) && !SAFE_FUNCTIONS.contains(qualified)
                        && !isTableAlias(t, k)) {
                    return qualified + "()";
                }
            }
        }
        return null;
    }

    /** "FROM users u (cols)" or "AS x (a, b)": not a call. */
    private static boolean isTableAlias(Tokens t, int k) {
        return t.is(k - 1, "AS") || (t.isIdent(k - 1) && (t.is(k - 2, "FROM") || t.is(k - 2, "JOIN")));
    }
}
