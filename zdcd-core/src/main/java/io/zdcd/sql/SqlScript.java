package io.zdcd.sql;

import io.zdcd.internal.Counts;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A migration's SQL as zdcd reads it, once, for both the classifier and the runners: decoded and validated
 * ({@link #decode(byte[])}), split into statements the way {@code psql} does ({@link #split(String)}), without a
 * goose ({@code -- +goose Down}) or dbmate ({@code -- migrate:down}) down section, and grouped into the transactions a
 * runner executes ({@link #transactions()}).
 *
 * <p>The splitter understands single-quoted strings ({@code E'...'} with backslash escapes, {@code U&'...'}), quoted
 * identifiers, dollar quotes ({@code $$...$$}, {@code $body$...$body$}), nested block comments, {@code --} comments,
 * {@code BEGIN ATOMIC ... END} routine bodies, psql meta-commands (a backslash command runs to the end of its line)
 * and the inline data of {@code COPY ... FROM stdin} (up to the {@code \.} line). It never throws: an unterminated
 * quote or comment ends the statement at the end of the text and is named in {@link SqlStatement#problem()}. Time and
 * memory are linear in the length of the text.
 *
 * <p>Transactions, as migration runners run a file: statements up to an explicit {@code BEGIN}, {@code START},
 * {@code COMMIT} or {@code END} form one transaction (so a file without any, or in one {@code BEGIN ... COMMIT}, is
 * one transaction); a statement PostgreSQL refuses to run in a transaction block ({@code CREATE INDEX CONCURRENTLY},
 * {@code VACUUM}...) ends the transaction before it and runs alone. Transaction control and psql meta-commands are
 * not executed.
 *
 * <pre>{@code
 * SqlScript script = SqlScript.parse("ALTER TABLE t ADD COLUMN c int;\nCREATE INDEX CONCURRENTLY i ON t (c);");
 * script.transactions();
 * // [SqlTransaction[#1 in transaction: #1 L1:1], SqlTransaction[#2 no transaction: #2 L2:1]]
 * }</pre>
 *
 * @since 0.2
 */
public final class SqlScript {
    private static final Pattern DOWN_MARKER = Pattern.compile(
            "^[ \\t]*--[ \\t]*(\\+goose[ \\t]+down|migrate:down)\\b", Pattern.CASE_INSENSITIVE | Pattern.MULTILINE);

    private final String sql;
    private final String forward;
    private final List<SqlStatement> statements;

    private SqlScript(String sql) {
        this.sql = sql;
        this.forward = forwardPart(sql);
        this.statements = Splitter.split(forward);
    }

    /**
     * The statements of {@code sql}, in order (down sections included: see {@link #parse(String)}).
     *
     * @param sql the SQL text; must not be null (empty text has no statements)
     * @return the statements in the order written, possibly empty; never null
     */
    public static List<SqlStatement> split(String sql) {
        Objects.requireNonNull(sql, "sql");
        return Splitter.split(sql);
    }

    /**
     * Hands each statement of {@code sql} to {@code each} as soon as the splitter has read its end, in order: the
     * statements {@link #split(String)} returns, without holding them all (a consumer on another thread can start on
     * the first statements of a large file while the rest is read).
     *
     * @param sql  the SQL text; must not be null
     * @param each receives each statement, in order; must not be null
     */
    public static void split(String sql, java.util.function.Consumer<SqlStatement> each) {
        Objects.requireNonNull(sql, "sql");
        Objects.requireNonNull(each, "each");
        Splitter.split(sql, each);
    }

    /**
     * The migration {@code sql}: its statements without a goose/dbmate down section. Never throws.
     *
     * @param sql the migration's whole SQL text, down section included; must not be null
     * @return the parsed script
     */
    public static SqlScript parse(String sql) {
        return new SqlScript(Objects.requireNonNull(sql, "sql"));
    }

    /**
     * The SQL up to a down-migration marker of goose ({@code -- +goose Down}) or dbmate ({@code -- migrate:down}):
     * what follows undoes the migration and is not run when it is applied.
     *
     * @param sql the migration's whole SQL text; must not be null
     * @return {@code sql} cut before the down marker, or {@code sql} itself when it has none
     */
    public static String forwardPart(String sql) {
        // DOWN_MARKER.matcher(sql).find(), tried only at the lines that start with "--" (blanks before it): a scan of
        // each position of a large file by the regex costs more than the rest of reading it
        Matcher m = DOWN_MARKER.matcher(sql);
        for (int dash = sql.indexOf("--"); dash >= 0; dash = sql.indexOf("--", dash + 2)) {
            int line = dash;
            while (line > 0 && (sql.charAt(line - 1) == ' ' || sql.charAt(line - 1) == '\t')) {
                line--;
            }
            if ((line == 0 || "\n\r\u0085\u2028\u2029".indexOf(sql.charAt(line - 1)) >= 0)
                    && mayBeMarker(sql, dash + 2) && m.region(line, sql.length()).lookingAt()) {
                return sql.substring(0, line);
            }
        }
        return sql;
    }

    /** Whether the comment text from {@code i} (after "--") starts, blanks skipped, as a down marker can ('+', 'm'). */
    private static boolean mayBeMarker(String sql, int i) {
        while (i < sql.length() && (sql.charAt(i) == ' ' || sql.charAt(i) == '\t')) {
            i++;
        }
        return i < sql.length() && (sql.charAt(i) == '+' || sql.charAt(i) == 'm' || sql.charAt(i) == 'M');
    }

    /**
     * The whole text, as given.
     *
     * @return the SQL text passed to {@link #parse(String)}, down section included
     */
    public String sql() {
        return sql;
    }

    /**
     * Whether a down section was left out.
     *
     * @return true when the text has a goose or dbmate down marker and what follows it is not run
     */
    public boolean hasDownSection() {
        return forward.length() < sql.length();
    }

    /**
     * The statements of the forward part, in order: what the classifier judges.
     *
     * @return the statements, possibly empty; an immutable list
     */
    public List<SqlStatement> statements() {
        return statements;
    }

    /**
     * The statements a runner executes, grouped into transactions (see the class description).
     *
     * @return the transactions, numbered from 1, possibly empty (a script of comments only); an immutable list
     */
    public List<SqlTransaction> transactions() {
        List<SqlTransaction> out = new ArrayList<>();
        List<SqlStatement> cur = new ArrayList<>();
        for (SqlStatement s : statements) {
            if (s.psqlMetaCommand() || s.isOtherTransactionControl()) {
                continue; // not executed (a runner refuses a script with these: see problems())
            }
            if (s.isTransactionBoundary()) {
                flush(out, cur);
            } else if (s.needsNoTransaction()) {
                flush(out, cur);
                out.add(new SqlTransaction(out.size() + 1, false, List.of(s)));
            } else {
                cur.add(s);
            }
        }
        flush(out, cur);
        return List.copyOf(out);
    }

    private static void flush(List<SqlTransaction> out, List<SqlStatement> cur) {
        if (!cur.isEmpty()) {
            out.add(new SqlTransaction(out.size() + 1, true, cur));
            cur.clear();
        }
    }

    /**
     * Why a runner must not run this script, one message per reason, with line and column; empty when it may: a NUL
     * character, a malformed statement (an unterminated quote...), a psql meta-command that changes what runs
     * ({@code \i}, {@code \copy}, {@code \gexec}...), or transaction control the runner cannot honour
     * ({@code ROLLBACK}, {@code SAVEPOINT}...).
     *
     * @return the reasons, in statement order; empty when a runner may run the script
     */
    public List<String> problems() {
        List<String> out = new ArrayList<>();
        int nul = forward.indexOf('\0');
        if (nul >= 0) {
            out.add("a NUL character at " + position(forward, nul) + " (a binary file?)");
        }
        for (SqlStatement s : statements) {
            String at = "statement #" + s.index() + " at line " + s.line() + ", column " + s.column();
            if (s.problem().isPresent()) {
                out.add(at + " is malformed: " + s.problem().get());
            } else if (s.psqlMetaCommand() && !s.isClientOnlyMetaCommand()) {
                out.add(at + " is the psql meta-command " + s.text().split("\\s+", 2)[0] + ", which changes what "
                        + "runs; zdcd's runner cannot run it (apply the file with psql)");
            } else if (s.isOtherTransactionControl()) {
                out.add(at + " is " + s.firstWord() + ": zdcd's runner owns the transactions and runs only BEGIN "
                        + "... COMMIT boundaries");
            }
        }
        return List.copyOf(out);
    }

    /**
     * Decodes a migration file's bytes the way PostgreSQL ({@code client_encoding} UTF8) would accept them, or says
     * exactly why not: UTF-8, with a UTF-8 byte-order mark skipped; UTF-16 when it starts with a UTF-16 byte-order
     * mark; never a NUL character; malformed UTF-8 named with its line and column.
     *
     * @param bytes the file's contents, as read from disk; must not be null
     * @return the SQL text, without a byte-order mark
     * @throws SqlInputException with a one-line message ({@code is not valid UTF-8: byte 0xE9 at line 3, column 7
     *                           (save it as UTF-8)})
     */
    public static String decode(byte[] bytes) {
        Objects.requireNonNull(bytes, "bytes");
        // The JDK's UTF-8 decoding checks for bytes over 0x7F with an intrinsic and copies ASCII text in one step; the
        // same length and no replacement character means every byte was ASCII (a multi-byte sequence makes the text
        // shorter, a malformed byte becomes U+FFFD). A loop over the bytes here would run in the interpreter first.
        String text = new String(bytes, StandardCharsets.UTF_8);
        if (text.length() != bytes.length || text.indexOf('\uFFFD') >= 0) {
            text = notAscii(bytes);
        }
        checkText(text);
        return text;
    }


    /**
     * Refuses text with a NUL character (PostgreSQL cannot take one; its presence means a binary file or a text
     * mangled on the way).
     *
     * @param text decoded SQL text; must not be null
     * @throws SqlInputException naming the line and column
     */
    public static void checkText(String text) {
        int nul = text.indexOf('\0');
        if (nul >= 0) {
            throw new SqlInputException("is not SQL text: it contains a NUL character at " + position(text, nul)
                    + " (a binary file?)");
        }
    }

    /**
     * The first problem of {@link #problems()}, if any.
     *
     * @return the first reason a runner must not run this script; empty when it may
     */
    public Optional<String> firstProblem() {
        List<String> p = problems();
        return p.isEmpty() ? Optional.empty() : Optional.of(p.get(0));
    }

    /** Text with a byte over 0x7F: UTF-8 (with or without a byte order mark) or UTF-16 with a byte order mark. */
    private static String notAscii(byte[] bytes) {
        if (startsWith(bytes, 0xEF, 0xBB, 0xBF)) {
            return strictUtf8(bytes, 3);
        } else if (startsWith(bytes, 0xFF, 0xFE)) {
            return new String(bytes, 2, bytes.length - 2, StandardCharsets.UTF_16LE);
        } else if (startsWith(bytes, 0xFE, 0xFF)) {
            return new String(bytes, 2, bytes.length - 2, StandardCharsets.UTF_16BE);
        }
        return strictUtf8(bytes, 0);
    }

    private static String strictUtf8(byte[] bytes, int offset) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        try {
            return decoder.decode(ByteBuffer.wrap(bytes, offset, bytes.length - offset)).toString();
        } catch (CharacterCodingException e) {
            int bad = badByte(bytes, offset);
            String before = new String(bytes, offset, bad - offset, StandardCharsets.UTF_8);
            throw new SqlInputException(String.format("is not valid UTF-8: byte 0x%02X at %s (save it as UTF-8)",
                    bytes[bad] & 0xFF, position(before, before.length())));
        }
    }

    /** Offset of the first byte that does not start or continue a valid UTF-8 sequence. */
    private static int badByte(byte[] bytes, int offset) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes, offset, bytes.length - offset);
        CharBuffer out = CharBuffer.allocate(8192);
        while (true) {
            var result = decoder.decode(in, out, true);
            if (result.isError()) {
                return in.position();
            }
            if (result.isUnderflow()) {
                return Math.max(offset, bytes.length - 1);
            }
            out.clear();
        }
    }

    private static String position(String text, int index) {
        int line = 1;
        int lineStart = 0;
        for (int i = 0; i < index; i++) {
            if (text.charAt(i) == '\n') {
                line++;
                lineStart = i + 1;
            }
        }
        return "line " + line + ", column " + (index - lineStart + 1);
    }

    private static boolean startsWith(byte[] bytes, int... prefix) {
        if (bytes.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if ((bytes[i] & 0xFF) != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    @Override
    public String toString() {
        return "SqlScript[" + Counts.of(statements.size(), "statement")
                + (hasDownSection() ? ", down section left out" : "") + "]";
    }
}
