package io.zdcd.analyzer.internal;

import io.zdcd.analyzer.SqlStatement;
import io.zdcd.analyzer.internal.rules.MigrationCheck;
import io.zdcd.analyzer.internal.rules.RuleSet;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The batch loop {@code zdcd fix} writes for a backfill or an unbatched {@code UPDATE}/{@code DELETE}: a top-level
 * {@code DO} block that walks the table's single-column integer primary key from its min to its max (read when it
 * starts) in ranges of N keys, runs the one {@code UPDATE}/{@code DELETE} on each range and COMMITs it (PostgreSQL
 * 11+ allows COMMIT in a DO block run outside a transaction block), with a NOTICE per batch:
 *
 * <pre>
 * DO $zdcd_batch$
 * DECLARE
 *     zdcd_lo bigint;
 *     zdcd_hi bigint;
 *     zdcd_last bigint;
 * BEGIN
 *     SELECT min(id), max(id) INTO zdcd_lo, zdcd_last FROM users;
 *     WHILE zdcd_lo &lt;= zdcd_last LOOP
 *         zdcd_hi := zdcd_lo + 1000;
 *         UPDATE users SET token = DEFAULT WHERE id &gt;= zdcd_lo AND id &lt; zdcd_hi AND (token IS NULL);
 *         COMMIT;
 *         RAISE NOTICE 'zdcd batch: % to % of %', zdcd_lo, zdcd_hi - 1, zdcd_last;
 *         zdcd_lo := zdcd_hi;
 *     END LOOP;
 * END
 * $zdcd_batch$
 * </pre>
 *
 * <p>Only exactly this shape is recognised (whitespace aside); anything else in a DO block stays opaque. The
 * statement in the loop is judged by the existing rules as written without the key range ({@code UPDATE users SET
 * token = DEFAULT WHERE token IS NULL}); the loop runs it on a subset of those rows, so its locks and findings hold,
 * except that the rows are changed in committed batches: an {@code unbatched-data-change} finding becomes SAFE when
 * the key is the table's known single-column integer primary key (an index range scan per batch, row locks on at
 * most N rows until that batch's COMMIT).
 */
public final class BatchLoop {
    /** The dollar-quote tag of the loop's body. */
    public static final String TAG = "$zdcd_batch$";
    /** The largest batch the classifier accepts as batched (and the fixer writes): 1,000,000 keys. */
    public static final int MAX_BATCH = 1_000_000;
    private static final Pattern BODY = Pattern.compile("^\\s*DECLARE\\s+zdcd_lo\\s+bigint\\s*;\\s*zdcd_hi\\s+bigint"
            + "\\s*;\\s*zdcd_last\\s+bigint\\s*;\\s*BEGIN\\s+SELECT\\s+min\\(([^()]+)\\)\\s*,\\s*max\\(\\1\\)\\s+INTO"
            + "\\s+zdcd_lo\\s*,\\s*zdcd_last\\s+FROM\\s+([^;]+?)\\s*;\\s*WHILE\\s+zdcd_lo\\s*<=\\s*zdcd_last\\s+LOOP"
            + "\\s+zdcd_hi\\s*:=\\s*zdcd_lo\\s*\\+\\s*([1-9][0-9]{0,6})\\s*;\\s*(.+?)\\s*;\\s*COMMIT\\s*;\\s*RAISE\\s+"
            + "NOTICE\\s+'zdcd batch: % to % of %'\\s*,\\s*zdcd_lo\\s*,\\s*zdcd_hi\\s*-\\s*1\\s*,\\s*zdcd_last\\s*;"
            + "\\s*zdcd_lo\\s*:=\\s*zdcd_hi\\s*;\\s*END\\s+LOOP\\s*;\\s*END\\s*;?\\s*$", Pattern.DOTALL);

    private BatchLoop() {
    }

    /** The key a batch loop over a table uses: its column (an identifier), or why there is none. */
    public record Key(String column, String problem) {
        public boolean found() {
            return column != null;
        }
    }

    /** A recognised loop: the table and key as written, the batch size and the statement as the rules judge it. */
    public record Loop(Name table, String key, int batchSize, String judged) {
        /** Whether the loop walks {@code known}, the table's single-column integer primary key. */
        public boolean byKey(Key known) {
            return known.found() && known.column().equals(key);
        }

        /** "UPDATE in batches of 1000 keys of users.id, each batch committed" for {@code verb} UPDATE. */
        public String batches(String verb) {
            return verb + " in batches of " + batchSize + " keys of " + table.display() + "."
                    + Name.quote(key) + ", each batch committed";
        }
    }

    /**
     * The batch loop running {@code head} ({@code UPDATE t SET ...} or {@code DELETE FROM t}, without WHERE) on key
     * ranges of {@code batchSize}, restricted to {@code where} (a condition, or null for every row).
     */
    public static String render(String table, String key, int batchSize, String head, String where) {
        if (batchSize < 1 || batchSize > MAX_BATCH) {
            throw new IllegalArgumentException("batch size must be between 1 and " + MAX_BATCH + ": " + batchSize);
        }
        String k = SqlText.quote(key);
        return "DO " + TAG + "\nDECLARE\n    zdcd_lo bigint;\n    zdcd_hi bigint;\n    zdcd_last bigint;\nBEGIN\n"
                + "    SELECT min(" + k + "), max(" + k + ") INTO zdcd_lo, zdcd_last FROM " + table + ";\n"
                + "    WHILE zdcd_lo <= zdcd_last LOOP\n"
                + "        zdcd_hi := zdcd_lo + " + batchSize + ";\n"
                + "        " + head + " WHERE " + k + " >= zdcd_lo AND " + k + " < zdcd_hi"
                + (where == null ? "" : " AND (" + where + ")") + ";\n"
                + "        COMMIT;\n"
                + "        RAISE NOTICE 'zdcd batch: % to % of %', zdcd_lo, zdcd_hi - 1, zdcd_last;\n"
                + "        zdcd_lo := zdcd_hi;\n"
                + "    END LOOP;\nEND\n" + TAG;
    }

    /**
     * The table's single-column integer primary key as {@code schema} knows it ({@code table} as written in SQL), or
     * why there is none.
     */
    public static Key integerPrimaryKey(Schema schema, String table) {
        Tokens t = Tokens.lex(table);
        Name n = Name.parse(t, 0);
        if (n == null || n.end() != t.size()) {
            return new Key(null, "'" + table + "' is not a table name");
        }
        return integerPrimaryKey(schema, n);
    }

    private static Key integerPrimaryKey(Schema schema, Name n) {
        Schema.Table st = schema.table(n.key());
        if (st == null || st.columns.isEmpty()) {
            return new Key(null, "zdcd does not know the table " + n.display() + " (give the schema: --schema, "
                    + "--database-url, or create it in the same run)");
        }
        Schema.Constraint pk = st.constraints.values().stream().filter(c -> "PRIMARY KEY".equals(c.kind))
                .findFirst().orElse(null);
        if (pk == null || pk.keyColumns.isEmpty()) {
            return new Key(null, "zdcd knows no primary key of " + n.display() + "; the batches are ranges of a "
                    + "single-column integer primary key");
        }
        if (pk.keyColumns.size() != 1) {
            return new Key(null, "the primary key of " + n.display() + " has " + pk.keyColumns.size() + " columns; "
                    + "the batches are ranges of a single-column integer primary key");
        }
        String column = pk.keyColumns.get(0);
        Schema.Column c = st.columns.get(column);
        String type = c == null ? null : c.type;
        if (type == null || !List.of("int2", "int4", "int8").contains(type)) {
            return new Key(null, "the primary key " + n.display() + "." + column + " is " + (type == null
                    ? "of a type zdcd does not know" : type) + ", not an integer; the batches are ranges of an integer "
                    + "key");
        }
        return new Key(column, null);
    }

    /** The loop of a {@code DO} statement whose DO token is at {@code i}, or null when it is not exactly that shape. */
    public static Loop parse(Tokens t, int i) {
        if (i + 2 != t.size() || t.type(i + 1) != Tokens.STRING) {
            return null;
        }
        String literal = t.text(i + 1);
        if (!literal.startsWith(TAG) || !literal.endsWith(TAG) || literal.length() < 2 * TAG.length()) {
            return null;
        }
        Matcher m = BODY.matcher(literal.substring(TAG.length(), literal.length() - TAG.length()));
        if (!m.matches()) {
            return null;
        }
        Tokens kt = Tokens.lex(m.group(1));
        Tokens tt = Tokens.lex(m.group(2));
        Name table = Name.parse(tt, 0);
        if (kt.size() != 1 || !kt.isIdent(0) || table == null || table.end() != tt.size()) {
            return null;
        }
        String key = kt.ident(0);
        String statement = m.group(4);
        if (statement.contains("--") || statement.contains("/*") || statement.contains("$")) {
            return null; // a comment could hide the end of the statement; no dollar quotes inside the body
        }
        List<io.zdcd.analyzer.SqlStatement> split = io.zdcd.analyzer.SqlScript.split(statement);
        if (split.size() != 1 || split.get(0).problem().isPresent() || split.get(0).psqlMetaCommand()) {
            return null;
        }
        Tokens s = Tokens.lex(statement);
        for (int k = 0; k < s.size(); k++) {
            if (s.isIdent(k) && s.ident(k).toLowerCase(Locale.ROOT).startsWith("zdcd_")
                    && !(k > 0 && s.isOp(k - 1, "."))) {
                if (!isRangeVariable(s, k)) {
                    return null; // the loop's variables only in the key range
                }
            }
        }
        int where = s.find(0, "WHERE");
        if (where < 0 || !isKey(s, where + 1, key) || !s.isOp(where + 2, ">=") || !s.is(where + 3, "zdcd_lo")
                || !s.is(where + 4, "AND") || !isKey(s, where + 5, key) || !s.isOp(where + 6, "<")
                || !s.is(where + 7, "zdcd_hi")) {
            return null;
        }
        int after = where + 8;
        String condition = null;
        if (after != s.size()) {
            if (!s.is(after, "AND") || !s.isOp(after + 1, "(") || s.closing(after + 1) != s.size() - 1
                    || after + 3 > s.size() - 1) {
                return null;
            }
            condition = s.text(after + 2, s.size() - 2);
        }
        Name target = headTable(s, where);
        if (target == null || !target.key().equals(table.key())) {
            return null;
        }
        String head = statement.substring(0, s.start(where)).strip();
        int batchSize = Integer.parseInt(m.group(3));
        if (batchSize > MAX_BATCH) {
            return null; // not batched in any useful sense
        }
        return new Loop(table, key, batchSize, head + (condition == null ? "" : " WHERE " + condition));
    }

    private static boolean isRangeVariable(Tokens s, int k) {
        int where = s.find(0, "WHERE");
        return where >= 0 && (k == where + 3 || k == where + 7);
    }

    private static boolean isKey(Tokens s, int k, String key) {
        return s.isIdent(k) && s.ident(k).equals(key) && !s.isOp(k + 1, ".");
    }

    /**
     * The table of {@code UPDATE [ONLY] t SET ...} (no alias, FROM or RETURNING before {@code where}) or
     * {@code DELETE FROM [ONLY] t}; null otherwise.
     */
    private static Name headTable(Tokens s, int where) {
        boolean update = s.is(0, "UPDATE");
        if (!update && !s.is(0, "DELETE", "FROM")) {
            return null;
        }
        int p = update ? 1 : 2;
        if (s.is(p, "ONLY")) {
            p++;
        }
        Name n = Name.parse(s, p);
        if (n == null) {
            return null;
        }
        if (!update) {
            return n.end() == where ? n : null;
        }
        if (!s.is(n.end(), "SET") || n.end() + 1 >= where) {
            return null;
        }
        for (String word : List.of("FROM", "RETURNING", "WHERE")) {
            int w = s.find(n.end(), word);
            if (w >= 0 && w < where) {
                return null;
            }
        }
        return n;
    }

    /**
     * Judges the loop: its statement by the rules, then the batching (the rules' {@link MigrationCheck#batchLoop}
     * hooks: data-change, unbatched-data-change, not-allowed-in-transaction).
     */
    public static void judge(Loop loop, Judgement j) {
        SqlStatement st = new SqlStatement(1, 1, 1, loop.judged());
        StatementRules.analyze(st, j);
        for (MigrationCheck c : RuleSet.MIGRATION) {
            c.crossCheck(st, j);
        }
        String verb = j.kind;
        j.kind("DO (batched " + verb + ")");
        Name table = loop.table();
        Key key = j.ctx.existedBefore(table.key()) ? integerPrimaryKey(j.ctx.schema, table)
                : new Key(loop.key(), null); // created in this migration: no traffic on it yet
        for (MigrationCheck c : RuleSet.MIGRATION) {
            c.batchLoop(loop, key, verb, j);
        }
    }
}
